package dev.notify.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives each HTTP request a deadline, counted from the first byte read after the previous request:
 * the idle timer alone lets a client hold a connection by sending a byte now and then. Sits before
 * the HTTP codec, where the bytes of a request head are visible; the {@link HttpRequestHandler}
 * says when a request is complete. When the deadline passes it fires {@link RequestTimeoutEvent}
 * down the pipeline, and the request handler answers 408 and closes.
 */
final class RequestDeadlineHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "request-deadline";

    /** The request being received did not arrive in time. */
    enum RequestTimeoutEvent {
        INSTANCE
    }

    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;

    RequestDeadlineHandler(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (deadline == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            deadline = ctx.executor().schedule(this::expired, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** The request being received is complete: the next byte starts the next deadline. */
    void requestReceived() {
        cancel();
    }

    private void expired() {
        deadline = null;
        if (ctx.channel().isActive()) {
            ctx.fireUserEventTriggered(RequestTimeoutEvent.INSTANCE);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
