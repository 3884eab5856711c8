package dev.notify.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's open connections and the disconnect hooks still running, for graceful shutdown.
 * Shared by every pipeline, first in it, so that no handler can stop the event from reaching it: a
 * connection leaves the registry when its channel is unregistered, which Netty does in a task queued
 * after the one in which the connection reports its end from the close future, so the disconnect
 * stage is already registered.
 */
@ChannelHandler.Sharable
public final class LiveConnections extends ChannelInboundHandlerAdapter {

    /** The user event fired down every pipeline when the server starts shutting down. */
    public enum ShutdownEvent {
        INSTANCE
    }

    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<Void>> disconnects = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean shuttingDown;

    /** Registers a new connection; during shutdown it is closed at once instead. */
    void add(Channel channel) {
        if (shuttingDown) {
            channel.close();
            return;
        }
        channels.add(channel);
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) throws Exception {
        channels.remove(ctx.channel());
        checkDrained();
        super.channelUnregistered(ctx);
    }

    /** Tracks a consumer's disconnect (its hook and leaving its groups) until it completes. */
    void disconnecting(CompletionStage<Void> stage) {
        CompletableFuture<Void> future = stage.toCompletableFuture();
        if (future.isDone()) {
            return;
        }
        disconnects.add(future);
        future.whenComplete((r, e) -> {
            disconnects.remove(future);
            checkDrained();
        });
    }

    /** @return whether the server is shutting down */
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** @return the open connections */
    public int size() {
        return channels.size();
    }

    /**
     * Tells every connection to finish: idle HTTP connections close, requests in flight finish and
     * then close, WebSockets close with 1001, pending handshakes fail with 503.
     *
     * @return completes when every connection is closed and every disconnect hook has finished
     */
    public CompletableFuture<Void> shutdown() {
        shuttingDown = true;
        for (Channel channel : channels) {
            channel.pipeline().fireUserEventTriggered(ShutdownEvent.INSTANCE);
        }
        checkDrained();
        return drained;
    }

    /** Closes every connection now, for when the grace period is over. */
    public void closeAll() {
        for (Channel channel : channels) {
            channel.close();
        }
    }

    private void checkDrained() {
        if (shuttingDown && channels.isEmpty() && disconnects.isEmpty()) {
            drained.complete(null);
        }
    }
}
