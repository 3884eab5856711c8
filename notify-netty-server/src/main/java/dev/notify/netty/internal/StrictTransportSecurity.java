package dev.notify.netty.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;
import java.time.Duration;

/**
 * Adds {@code Strict-Transport-Security: max-age=N} to every HTTP response of a TLS connection
 * that does not set it itself, the server's own error responses included. Leaves the pipeline when
 * the connection becomes a WebSocket.
 */
@ChannelHandler.Sharable
final class StrictTransportSecurity extends ChannelOutboundHandlerAdapter {
    static final String NAME = "hsts";
    private static final AsciiString HEADER = AsciiString.cached("strict-transport-security");

    private final String value;

    StrictTransportSecurity(Duration maxAge) {
        this.value = "max-age=" + maxAge.toSeconds();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && !response.headers().contains(HEADER)) {
            response.headers().set(HEADER, value);
        }
        ctx.write(msg, promise);
    }
}
