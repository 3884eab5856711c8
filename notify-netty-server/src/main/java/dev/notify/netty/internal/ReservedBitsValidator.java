package dev.notify.netty.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;

/**
 * Refuses RSV bits that no negotiated extension gives a meaning (RFC 6455 5.2) with a protocol
 * error: permessage-deflate uses RSV1, and only on the first frame of a message (RFC 7692 6); every
 * other bit is an error. Sits right after the frame decoder, which accepts any RSV bits once the
 * server offers an extension, whether this connection negotiated it or not.
 */
final class ReservedBitsValidator extends ChannelInboundHandlerAdapter {
    static final String NAME = "ws-rsv";

    private final boolean deflate;

    /** @param deflate whether this connection negotiated permessage-deflate */
    ReservedBitsValidator(boolean deflate) {
        this.deflate = deflate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof WebSocketFrame frame && frame.rsv() != 0) {
            boolean firstOfMessage = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
            int allowed = deflate && firstOfMessage ? WebSocketExtension.RSV1 : 0;
            if ((frame.rsv() & ~allowed) != 0) {
                String kind = frame.getClass().getSimpleName();
                int rsv = frame.rsv();
                frame.release();
                throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, "RSV bits " + rsv + " on a "
                        + kind + (deflate ? "; permessage-deflate uses RSV1 on a message's first frame only" : " without an extension"));
            }
        }
        ctx.fireChannelRead(msg);
    }
}
