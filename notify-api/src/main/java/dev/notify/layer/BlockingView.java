package dev.notify.layer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The blocking view behind {@link ChannelLayer#blocking}: waits with a timeout, translates failures. */
final class BlockingView implements BlockingChannelLayer {
    private final ChannelLayer layer;
    private final Duration timeout;

    BlockingView(ChannelLayer layer, Duration timeout) {
        this.layer = Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public void send(String channel, Message message) {
        await("send to '" + channel + "'", layer.send(channel, message));
    }

    @Override
    public Message receive(String channel) {
        return await("receive from '" + channel + "'", layer.receive(channel));
    }

    @Override
    public String newChannel(String prefix) {
        return await("newChannel", layer.newChannel(prefix));
    }

    @Override
    public void groupAdd(String group, String channel) {
        await("groupAdd to '" + group + "'", layer.groupAdd(group, channel));
    }

    @Override
    public void groupDiscard(String group, String channel) {
        await("groupDiscard from '" + group + "'", layer.groupDiscard(group, channel));
    }

    @Override
    public void groupSend(String group, Message message) {
        await("groupSend to '" + group + "'", layer.groupSend(group, message));
    }

    @Override
    public void flush() {
        await("flush", layer.flush());
    }

    @Override
    public void close() {
        await("close", layer.closeAsync());
    }

    @Override
    public ChannelLayer async() {
        return layer;
    }

    private <T> T await(String operation, CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new LayerTimeoutException(operation + " did not complete within " + timeout, e);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new ChannelLayerException(operation + " was interrupted", e);
        } catch (ExecutionException e) {
            throw rethrow(operation, e.getCause());
        } catch (CompletionException e) {
            throw rethrow(operation, e.getCause());
        }
    }

    private static RuntimeException rethrow(String operation, Throwable cause) {
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new ChannelLayerException(operation + " failed: " + cause, cause);
    }
}
