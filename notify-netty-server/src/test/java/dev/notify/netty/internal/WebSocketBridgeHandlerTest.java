package dev.notify.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Router;
import dev.notify.core.runtime.ConnectionHandle;
import dev.notify.core.runtime.ConsumerRuntime;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.netty.NotifyServerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@DisplayName("WebSocketBridgeHandler and NettyConnection, in memory")
class WebSocketBridgeHandlerTest {
    private final InMemoryChannelLayer layer = InMemoryChannelLayer.create();
    private final ConsumerRuntime runtime = ConsumerRuntime.create(layer, Router.builder().build());
    private final ServerContext server = new ServerContext(runtime, NotifyServerOptions.defaults(), null);
    private final RecordingHandle handle = new RecordingHandle();
    private final FlushCounter flushes = new FlushCounter();

    @AfterEach
    void close() {
        runtime.close();
        layer.close();
    }

    /** The runtime's side of the connection, recording what the transport reports. */
    static final class RecordingHandle implements ConnectionHandle {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @Override
        public void text(String text) {
            events.add(text);
        }

        @Override
        public void binary(byte[] data) {
            events.add(new String(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length + " bytes");
        }

        @Override
        public CompletionStage<Void> closed(CloseStatus status) {
            events.add(status);
            return CompletableFuture.completedFuture(null);
        }
    }

    @io.netty.channel.ChannelHandler.Sharable
    static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }

    private EmbeddedChannel open(NettyConnection[] out) {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettyConnection connection = new NettyConnection(channel, server, null, Scope.builder(Scope.Type.WEBSOCKET, "/ws/").build());
        connection.bind(handle);
        channel.pipeline().addLast(flushes, new WebSocketBridgeHandler(connection));
        connection.opened(false);
        out[0] = connection;
        return channel;
    }

    @Test
    @DisplayName("text and binary frames reach the handle; pings get pongs with the same payload")
    void inbound() {
        EmbeddedChannel channel = open(new NettyConnection[1]);
        channel.writeInbound(new TextWebSocketFrame("hi"));
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {9})));
        assertThat(handle.events).containsExactly("hi", "3 bytes");
        PongWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.content().readByte()).isEqualTo((byte) 9);
        pong.release();
    }

    @Test
    @DisplayName("the client's close frame is echoed, the channel closes, and the handle hears its code once")
    void clientCloses() {
        EmbeddedChannel channel = open(new NettyConnection[1]);
        channel.writeInbound(new CloseWebSocketFrame(4001, "done"));
        CloseWebSocketFrame echo = channel.readOutbound();
        assertThat(echo.statusCode()).isEqualTo(4001);
        echo.release();
        assertThat(channel.isOpen()).isFalse();
        channel.close();
        assertThat(handle.events).containsExactly(new CloseStatus(4001, "done"));
    }

    @Test
    @DisplayName("a close frame without a code is reported as 1005")
    void closeWithoutCode() {
        EmbeddedChannel channel = open(new NettyConnection[1]);
        channel.writeInbound(new CloseWebSocketFrame());
        ((CloseWebSocketFrame) channel.readOutbound()).release();
        assertThat(handle.events).containsExactly(CloseStatus.NO_STATUS);
    }

    @Test
    @DisplayName("a channel that ends without a close frame is reported as 1006, once")
    void vanished() {
        EmbeddedChannel channel = open(new NettyConnection[1]);
        channel.close();
        channel.close();
        assertThat(handle.events).containsExactly(CloseStatus.ABNORMAL);
    }

    @Test
    @DisplayName("a burst is written with one flush, in order, and the close frame comes after the frames sent before it")
    void coalescedFlush() {
        NettyConnection[] connection = new NettyConnection[1];
        EmbeddedChannel channel = open(connection);
        int before = flushes.count;
        for (int i = 0; i < 100; i++) {
            connection[0].sendText("m" + i);
        }
        connection[0].close(CloseStatus.GOING_AWAY);
        connection[0].sendText("after close");
        channel.runPendingTasks();
        assertThat(flushes.count - before).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            ByteBuf frame = channel.readOutbound();
            assertThat(frame.readUnsignedByte()).isEqualTo((short) 0x81); // FIN + text
            int length = frame.readUnsignedByte();
            assertThat(frame.readCharSequence(length, StandardCharsets.UTF_8).toString()).isEqualTo("m" + i);
            frame.release();
        }
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1001);
        close.release();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    @DisplayName("close codes that must not be sent become 1000, and long reasons are cut to fit a control frame")
    void closeFrames() {
        CloseWebSocketFrame abnormal = NettyConnection.closeFrame(CloseStatus.ABNORMAL);
        assertThat(abnormal.statusCode()).isEqualTo(1000);
        abnormal.release();
        CloseWebSocketFrame cut = NettyConnection.closeFrame(new CloseStatus(4000, "é".repeat(100)));
        assertThat(cut.statusCode()).isEqualTo(4000);
        assertThat(cut.content().readableBytes()).isLessThanOrEqualTo(125);
        assertThat(cut.reasonText()).isEqualTo("é".repeat(61));
        cut.release();
    }

    @Test
    @DisplayName("a lone message is written and flushed at once")
    void loneMessage() {
        NettyConnection[] connection = new NettyConnection[1];
        EmbeddedChannel channel = open(connection);
        connection[0].sendText("one");
        channel.runPendingTasks();
        ByteBuf frame = channel.readOutbound();
        assertThat(frame.readableBytes()).isEqualTo(5);
        frame.release();
        connection[0].sendText("two");
        channel.runPendingTasks();
        frame = channel.readOutbound();
        assertThat(frame.readableBytes()).isEqualTo(5);
        frame.release();
    }

    @Test
    @DisplayName("the same String sent to many connections is encoded once and shared")
    void fanOutSharesTheEncodedFrame() {
        NettyConnection[] first = new NettyConnection[1];
        NettyConnection[] second = new NettyConnection[1];
        EmbeddedChannel a = open(first);
        EmbeddedChannel b = open(second);
        String payload = "{\"count\": 1}";
        first[0].sendText(payload);
        second[0].sendText(payload);
        a.runPendingTasks();
        b.runPendingTasks();
        ByteBuf fromA = a.readOutbound();
        ByteBuf fromB = b.readOutbound();
        assertThat(fromA).isNotSameAs(fromB).isEqualTo(fromB);
        String equalButNotSame = new String(payload.toCharArray());
        first[0].sendText(equalButNotSame);
        a.runPendingTasks();
        ByteBuf other = a.readOutbound();
        assertThat(other).isEqualTo(fromA);

        // one memory: a byte changed through one connection's buffer shows in the other's, not in the third
        fromA.setByte(2, 'X');
        assertThat(fromB.getByte(2)).isEqualTo((byte) 'X');
        assertThat(other.getByte(2)).isEqualTo((byte) '{');
        fromA.release();
        fromB.release();
        other.release();
    }
}
