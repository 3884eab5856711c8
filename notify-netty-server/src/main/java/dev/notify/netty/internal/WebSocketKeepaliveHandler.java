package dev.notify.netty.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings a WebSocket that has been silent for the ping interval and drops it if nothing at all
 * arrives within the ping timeout (daphne's {@code --ping-interval} and {@code --ping-timeout}).
 * Any frame counts as an answer. One timer per connection; a read only sets a flag.
 */
final class WebSocketKeepaliveHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketKeepaliveHandler.class);

    private final long intervalNanos;
    private final long timeoutNanos;
    private boolean heard;
    private boolean pingOutstanding;
    private ScheduledFuture<?> timer;

    WebSocketKeepaliveHandler(Duration interval, Duration timeout) {
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        schedule(ctx, intervalNanos);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        heard = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> tick(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (heard) {
            heard = false;
            pingOutstanding = false;
            schedule(ctx, intervalNanos);
        } else if (!pingOutstanding) {
            pingOutstanding = true;
            ctx.writeAndFlush(new PingWebSocketFrame());
            schedule(ctx, timeoutNanos);
        } else {
            log.info("websocket client {} did not answer a ping within {} ms; dropping it", ctx.channel().remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            ctx.close();
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
