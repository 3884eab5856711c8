package dev.notify.netty.internal;

import dev.notify.consumer.CloseStatus;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.zip.DataFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries an open WebSocket's frames to the runtime: text and binary messages to the connection
 * handle, the client's close frame to its disconnect, pings to pongs. Frames the decoders refuse
 * (1002 protocol error, 1007 invalid UTF-8 or corrupt compressed data, 1009 too big) fail the
 * connection: this handler sends the close frame with that status, which the consumer's disconnect
 * hook receives, and closes the TCP connection. The decoders never close the channel themselves.
 */
final class WebSocketBridgeHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "ws-bridge";

    private static final Logger log = LoggerFactory.getLogger(WebSocketBridgeHandler.class);

    private final NettyConnection connection;

    WebSocketBridgeHandler(NettyConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                connection.handle().text(text.text());
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                connection.handle().binary(ByteBufUtil.getBytes(binary.content()));
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                connection.peerClosed(statusOf(close));
            }
            // pongs only matter to the keepalive handler, which has seen them
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private static CloseStatus statusOf(CloseWebSocketFrame close) {
        int code = close.statusCode();
        if (code < 0) {
            return CloseStatus.NO_STATUS;
        }
        try {
            return new CloseStatus(code, close.reasonText() == null ? "" : close.reasonText());
        } catch (IllegalArgumentException e) {
            return CloseStatus.PROTOCOL_ERROR;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == LiveConnections.ShutdownEvent.INSTANCE) {
            connection.close(CloseStatus.GOING_AWAY);
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * The close status for a frame the decoders refused: 1009 for a message over the limit
     * (reassembled from fragments, or inflated by permessage-deflate), 1007 for data that cannot be
     * decoded (corrupt deflate data), or {@code null} if the failure is not about the client's data.
     */
    static CloseStatus refusedFrameStatus(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TooLongFrameException) {
                return CloseStatus.MESSAGE_TOO_BIG;
            }
            if (t instanceof DataFormatException) {
                return CloseStatus.INVALID_PAYLOAD;
            }
        }
        if (cause instanceof DecompressionException) {
            return CloseStatus.MESSAGE_TOO_BIG; // the inflater's size limit; corrupt data has a DataFormatException
        }
        return cause instanceof CodecException ? CloseStatus.INVALID_PAYLOAD : null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        CloseStatus refused;
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            log.info("websocket protocol violation path={} client={} status={} reason={}", connection.path(),
                    ctx.channel().remoteAddress(), corrupted.closeStatus().code(), cause.getMessage());
            connection.fail(CloseStatus.of(corrupted.closeStatus().code()));
        } else if (ConnectionErrors.clientGone(ctx.channel(), cause)) {
            log.debug("websocket connection from {} ended: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else if ((refused = refusedFrameStatus(cause)) != null) {
            log.info("websocket frame refused path={} client={} status={} reason={}", connection.path(),
                    ctx.channel().remoteAddress(), refused.code(), cause.getMessage());
            connection.fail(refused);
        } else {
            log.warn("closing websocket connection from {} after an error", ctx.channel().remoteAddress(), cause);
            connection.sendClose(CloseStatus.INTERNAL_ERROR);
            ctx.flush();
        }
    }
}
