package dev.notify.testing;

import dev.notify.consumer.AsyncWorkerConsumer;
import dev.notify.consumer.WorkerConsumer;
import dev.notify.core.routing.ChannelNameRouter;
import dev.notify.core.runtime.NotifyWorker;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.LayerTimeoutException;
import dev.notify.layer.Message;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs worker consumers through the real {@link NotifyWorker} on a channel layer, without a
 * process of their own: send to a worker's channel, then await how many messages it took and read
 * what it sent (Channels' {@code ApplicationCommunicator} for a {@code ChannelNameRouter}).
 *
 * <pre>{@code
 * try (var worker = WorkerCommunicator.start("thumbnails", ThumbnailWorker::new)) {
 *     String watcher = worker.joinGroup("gallery");
 *     worker.send("thumbnails", Message.of("thumbnail.make", "path", "a.png"));
 *     assertThat(worker.receive(watcher).getString("path")).isEqualTo("a.png.thumb.png");
 *     worker.awaitProcessed(1);
 *     assertThat(worker.failed()).isZero();
 * }
 * }</pre>
 *
 * <p>Unless a layer is given, each communicator makes its own in-memory layer (notify-inmemory must
 * be on the test class path).
 *
 * @since 0.3
 */
public final class WorkerCommunicator implements AutoCloseable {
    /** How long sends, receives and awaits wait unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final ChannelLayer layer;
    private final boolean ownsLayer;
    private final NotifyWorker worker;

    private WorkerCommunicator(ChannelNameRouter router, ChannelLayer givenLayer) {
        this.ownsLayer = givenLayer == null;
        this.layer = givenLayer != null ? givenLayer : TestLayers.inMemory("WorkerCommunicator");
        try {
            this.worker = NotifyWorker.builder().layer(layer).router(router).build().start();
        } catch (RuntimeException e) {
            if (ownsLayer) {
                layer.close();
            }
            throw e;
        }
    }

    /**
     * @param router the worker routes; every channel is consumed
     * @return a started communicator on its own in-memory layer
     */
    public static WorkerCommunicator start(ChannelNameRouter router) {
        return new WorkerCommunicator(router, null);
    }

    /**
     * @param router the worker routes; every channel is consumed
     * @param layer the layer to run on (not closed by the communicator)
     * @return a started communicator
     */
    public static WorkerCommunicator start(ChannelNameRouter router, ChannelLayer layer) {
        return new WorkerCommunicator(router, Objects.requireNonNull(layer, "layer"));
    }

    /**
     * @param channel the worker's channel
     * @param factory makes its synchronous consumer
     * @return a started communicator on its own in-memory layer
     */
    public static WorkerCommunicator start(String channel, Supplier<? extends WorkerConsumer> factory) {
        return start(ChannelNameRouter.builder().channel(channel, factory).build());
    }

    /**
     * @param channel the worker's channel
     * @param factory makes its asynchronous consumer
     * @return a started communicator on its own in-memory layer
     */
    public static WorkerCommunicator startAsync(String channel, Supplier<? extends AsyncWorkerConsumer> factory) {
        return start(ChannelNameRouter.builder().asyncChannel(channel, factory).build());
    }

    /** @return the layer the worker receives from */
    public ChannelLayer layer() {
        return layer;
    }

    /**
     * Sends a message to a channel, such as the worker's.
     *
     * @param channel the channel
     * @param message the message
     * @throws LayerTimeoutException if the layer does not take it within {@link #DEFAULT_TIMEOUT}
     */
    public void send(String channel, Message message) {
        layer.blocking(DEFAULT_TIMEOUT).send(channel, message);
    }

    /**
     * @param group a group the worker sends to
     * @return a new channel in that group, to {@link #receive} what the worker sends the group
     */
    public String joinGroup(String group) {
        String channel = layer.blocking(DEFAULT_TIMEOUT).newChannel("watcher");
        layer.blocking(DEFAULT_TIMEOUT).groupAdd(group, channel);
        return channel;
    }

    /**
     * @param channel a channel the worker sends to, or one from {@link #joinGroup}
     * @return the next message on it
     * @throws AssertionError if none arrives within {@link #DEFAULT_TIMEOUT}
     */
    public Message receive(String channel) {
        return receive(channel, DEFAULT_TIMEOUT);
    }

    /**
     * @param channel a channel the worker sends to, or one from {@link #joinGroup}
     * @param timeout how long to wait
     * @return the next message on it
     * @throws AssertionError if none arrives in time
     */
    public Message receive(String channel, Duration timeout) {
        try {
            return layer.blocking(timeout).receive(channel);
        } catch (LayerTimeoutException e) {
            throw new AssertionError("no message on '" + channel + "' within " + timeout, e);
        }
    }

    /**
     * Waits until the worker has taken and finished {@code count} messages in all, handled or failed.
     *
     * @param count how many messages
     * @throws AssertionError if fewer were finished within {@link #DEFAULT_TIMEOUT}
     */
    public void awaitProcessed(long count) {
        awaitProcessed(count, DEFAULT_TIMEOUT);
    }

    /**
     * @param count how many messages, handled or failed
     * @param timeout how long to wait
     * @throws AssertionError if fewer were finished in time
     */
    public void awaitProcessed(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handled() + failed() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the worker finished " + (handled() + failed()) + " of " + count
                        + " messages within " + timeout + " (" + failed() + " failed)");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** @return how many messages the worker handled without failure */
    public long handled() {
        return worker.messagesHandled();
    }

    /** @return how many messages failed: a handler threw, or no handler took the type */
    public long failed() {
        return worker.messagesFailed();
    }

    /** Stops the worker gracefully, then closes the layer if this communicator made it. */
    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            if (ownsLayer) {
                layer.close();
            }
        }
    }
}
