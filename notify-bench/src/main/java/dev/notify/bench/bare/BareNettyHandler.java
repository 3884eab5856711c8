package dev.notify.bench.bare;

import dev.notify.bench.BenchPayload;
import dev.notify.bench.SendPlan;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** One connection of a {@link BareNettyServer}: joins the group after the handshake, echoes texts, serves {@code /home}. */
final class BareNettyHandler extends ChannelInboundHandlerAdapter {
    private final Broadcaster group;
    private final Executor trigger;
    private final int payloadSize;

    BareNettyHandler(Broadcaster group, Executor trigger, int payloadSize) {
        this.group = group;
        this.trigger = trigger;
        this.payloadSize = payloadSize;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            group.joined(ctx.channel());
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
        SendPlan plan;
        try {
            plan = SendPlan.parse(first(uri, "count"), first(uri, "delay"));
        } catch (IllegalArgumentException e) {
            respond(ctx.channel(), HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n");
            return;
        }
        Channel channel = ctx.channel();
        try {
            trigger.execute(() -> groupSends(channel, plan));
        } catch (RejectedExecutionException e) {
            respond(channel, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down\n");
        }
    }

    private void groupSends(Channel requester, SendPlan plan) {
        try {
            if (plan.intervalMicros() == 0) {
                // a burst: the group gets all of it at once, which the whole-burst policy needs to know
                List<ByteBuf> burst = new ArrayList<>(plan.count());
                for (int i = 1; i <= plan.count(); i++) {
                    burst.add(payload(i));
                }
                group.send(burst);
            } else {
                long start = System.nanoTime();
                for (int i = 1; i <= plan.count(); i++) {
                    plan.awaitTurn(start, i);
                    group.send(List.of(payload(i)));
                }
            }
            respond(requester, HttpResponseStatus.OK, "sent " + plan.count() + " payloads to " + BenchPayload.GROUP + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ByteBuf payload(int i) {
        String text = BenchPayload.of(i, BenchPayload.nowMicros(), payloadSize);
        ByteBuf content = ByteBufAllocator.DEFAULT.directBuffer(text.length());
        content.writeCharSequence(text, StandardCharsets.UTF_8);
        return content;
    }

    private static String first(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
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
