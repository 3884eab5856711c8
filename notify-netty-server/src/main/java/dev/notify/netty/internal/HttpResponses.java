package dev.notify.netty.internal;

import dev.notify.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Map;

/** Turns notify responses into Netty responses, and writes the server's own error responses. */
final class HttpResponses {
    private HttpResponses() {
    }

    /**
     * @param response the handler's response
     * @param head whether the request was a HEAD: the body is left out, its length kept
     * @param keepAlive whether the connection stays open afterwards
     */
    static FullHttpResponse toNetty(HttpResponse response, boolean head, boolean keepAlive) {
        byte[] body = response.body();
        ByteBuf content = head || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), content);
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            out.headers().add(header.getKey(), header.getValue());
        }
        if (!out.headers().contains(HttpHeaderNames.CONTENT_LENGTH) && !out.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (!keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return out;
    }

    /**
     * Writes a plain-text error response and closes the connection. These answers never reach the
     * router's middleware, so they carry {@code nosniff} themselves.
     */
    static void sendAndClose(ChannelHandlerContext ctx, int status, String message, Map<String, String> extraHeaders) {
        HttpResponse.Builder response = HttpResponse.builder(status)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .body(message);
        extraHeaders.forEach(response::header);
        ctx.writeAndFlush(toNetty(response.build(), false, false)).addListener(ChannelFutureListener.CLOSE);
    }
}
