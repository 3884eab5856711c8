package dev.notify.bench.client;

import dev.notify.bench.BenchPayload;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection: completes {@link #handshake} when the server accepted, counts burst payloads
 * (each number once), and completes the pending {@link #request} with the arrival time of a reply.
 * All state is touched on the connection's event loop, except the fields handed over through
 * volatiles before a burst or a request starts.
 */
final class ClientConnection extends SimpleChannelInboundHandler<WebSocketFrame> {
    final CompletableFuture<ClientConnection> handshake = new CompletableFuture<>();
    private Channel channel;
    private volatile Burst burst;
    private volatile CompletableFuture<Long> reply;
    private long[] seen = new long[0];
    private int received;
    private int duplicates;
    private int unexpected;
    private long lastDeliveryNanos;

    Channel channel() {
        return channel;
    }

    /** Starts counting a new burst; called on the event loop before the burst is triggered. */
    void expect(Burst next) {
        seen = new long[(next.expected + 63) / 64];
        received = 0;
        duplicates = 0;
        unexpected = 0;
        lastDeliveryNanos = 0;
        burst = next;
    }

    /**
     * Sends a text and completes with the {@link System#nanoTime()} of the server's next reply.
     *
     * @param text what to send
     * @return the reply's arrival time
     */
    CompletableFuture<Long> request(String text) {
        CompletableFuture<Long> pending = new CompletableFuture<>();
        reply = pending;
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(f -> {
            if (!f.isSuccess()) {
                pending.completeExceptionally(f.cause());
            }
        });
        return pending;
    }

    /** The counts of the current burst, read on the event loop after it ended. */
    CompletableFuture<Tally> tally() {
        return CompletableFuture.supplyAsync(() -> new Tally(received, duplicates, unexpected, lastDeliveryNanos),
                channel.eventLoop());
    }

    record Tally(int received, int duplicates, int unexpected, long lastDeliveryNanos) {
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            handshake.complete(this);
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            handshake.completeExceptionally(new IOException("WebSocket handshake timed out"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        ByteBuf text = frame.content();
        long count = BenchPayload.count(text);
        if (count < 0) {
            CompletableFuture<Long> pending = reply;
            if (pending != null) {
                reply = null;
                pending.complete(System.nanoTime());
            }
            return;
        }
        Burst current = burst;
        if (current == null) {
            return;
        }
        if (count < 1 || count > current.expected) {
            unexpected++;
            return;
        }
        int index = (int) count - 1;
        long bit = 1L << (index & 63);
        if ((seen[index >>> 6] & bit) != 0) {
            duplicates++;
            return;
        }
        seen[index >>> 6] |= bit;
        lastDeliveryNanos = System.nanoTime();
        current.delivered(BenchPayload.micros(text));
        if (++received == current.expected) {
            current.connectionComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        handshake.completeExceptionally(new IOException("connection closed before the handshake completed"));
        CompletableFuture<Long> pending = reply;
        if (pending != null) {
            pending.completeExceptionally(new IOException("connection closed before the reply"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handshake.completeExceptionally(cause);
        ctx.close();
    }
}
