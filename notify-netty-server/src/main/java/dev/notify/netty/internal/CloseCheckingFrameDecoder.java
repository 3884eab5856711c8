package dev.notify.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * Netty's frame decoder, with every malformed close frame a protocol error (1002): a body of one
 * byte, a code that must not be sent (below 1000, 1004 to 1006, 1015 to 2999, 5000 and above), or a
 * reason that is not UTF-8. Netty reports some of these as 1007 and accepts codes from 5000.
 */
final class CloseCheckingFrameDecoder extends WebSocket13FrameDecoder {
    CloseCheckingFrameDecoder(WebSocketDecoderConfig config) {
        super(config);
    }

    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
        try {
            super.checkCloseFrameBody(ctx, buffer);
        } catch (CorruptedWebSocketFrameException e) {
            throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, e.getMessage());
        }
        if (buffer != null && buffer.readableBytes() >= 2 && buffer.getUnsignedShort(buffer.readerIndex()) >= 5000) {
            throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "Invalid close frame status code: " + buffer.getUnsignedShort(buffer.readerIndex()));
        }
    }
}
