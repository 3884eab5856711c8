package dev.notify.bench.ceiling;

import dev.notify.bench.BenchPayload;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** One connection of a {@link CeilingServer}: joins the group after the handshake, echoes texts, serves {@code /home}. */
final class CeilingHandler extends ChannelInboundHandlerAdapter {
    private final ChannelGroup members;
    private final Broadcaster broadcaster;
    private final Executor trigger;
    private final int payloadSize;

    CeilingHandler(ChannelGroup members, Broadcaster broadcaster, Executor trigger, int payloadSize) {
        this.members = members;
        this.broadcaster = broadcaster;
        this.trigger = trigger;
        this.payloadSize = payloadSize;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            broadcaster.joined(ctx.channel());
            members.add(ctx.channel());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame) {
                ctx.writeAndFlush(new TextWebSocketFrame(BenchPayload.DATA_RECEIVED));
            } else if (msg instanceof FullHttpRequest request) {
                http(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void http(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!uri.path().equals("/home")) {
            respond(ctx.channel(), HttpResponseStatus.NOT_FOUND, "not found\n");
            return;
        }
        int count;
        long delayMillis;
        try {
            count = Integer.parseInt(first(uri, "count", "9"));
            delayMillis = new BigDecimal(first(uri, "delay", "2")).movePointRight(3).longValueExact();
            if (count < 0 || delayMillis < 0) {
                throw new NumberFormatException("negative");
            }
        } catch (NumberFormatException | ArithmeticException e) {
            respond(ctx.channel(), HttpResponseStatus.BAD_REQUEST, "count and delay must be numbers >= 0\n");
            return;
        }
        Channel channel = ctx.channel();
        try {
            trigger.execute(() -> burst(channel, count, delayMillis));
        } catch (RejectedExecutionException e) {
            respond(channel, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down\n");
        }
    }

    private void burst(Channel requester, int count, long delayMillis) {
        try {
            for (int i = 1; i <= count; i++) {
                String text = BenchPayload.of(i, BenchPayload.nowMicros(), payloadSize);
                ByteBuf content = ByteBufAllocator.DEFAULT.directBuffer(text.length());
                content.writeCharSequence(text, StandardCharsets.UTF_8);
                broadcaster.send(new TextWebSocketFrame(content));
                if (delayMillis > 0 && i < count) {
                    Thread.sleep(delayMillis);
                }
            }
            respond(requester, HttpResponseStatus.OK, "sent " + count + " payloads to " + BenchPayload.GROUP + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String first(QueryStringDecoder uri, String name, String fallback) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0).strip();
    }

    private static void respond(Channel channel, HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
