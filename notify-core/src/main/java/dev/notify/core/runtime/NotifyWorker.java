package dev.notify.core.runtime;

import dev.notify.consumer.AsyncWorkerConsumer;
import dev.notify.consumer.UnknownMessageTypeException;
import dev.notify.consumer.WorkerConsumer;
import dev.notify.consumer.WorkerContext;
import dev.notify.core.internal.WorkerThreads;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.core.routing.ChannelNameRouter;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes named channels with the worker consumers of a {@link ChannelNameRouter}, as Channels'
 * {@code runworker}: one consumer per channel, which takes the channel's messages one at a time and
 * in order, each dispatched by {@code type} to its handler method. It runs in the server's process
 * or on its own ({@link WorkerMain}).
 *
 * <pre>{@code
 * NotifyWorker worker = NotifyWorker.builder()
 *         .layer(layer)
 *         .router(ChannelNameRouter.builder().channel("thumbnails", ThumbnailWorker::new).build())
 *         .build();
 * worker.start();
 * // ...
 * worker.close();   // finishes the messages in hand
 * }</pre>
 *
 * <p><b>Failures.</b> A handler that throws (or whose stage fails) is logged with the channel and
 * the message type, and the worker goes on with the next message. A message type without a handler
 * is logged and skipped. A failing {@code receive} (the layer's backend is down) is logged once and
 * retried every second until it succeeds or the worker stops.
 *
 * <p><b>Delivery.</b> A message is taken from the layer when the previous one is done. One taken
 * and not finished when the process dies is not redelivered by the worker; graceful
 * {@link #close()} finishes it first. With the {@code redis} layer, messages popped from Redis but
 * not yet handed to the worker are restored from the queue's in-flight backup when a reader
 * restarts, so delivery into the process is at least once.
 *
 * @since 0.3
 */
public final class NotifyWorker implements AutoCloseable {
    /** How long {@link #close()} waits for the messages in hand. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(NotifyWorker.class);
    private static final long RETRY_MILLIS = 1000;

    private final ChannelLayer layer;
    private final JsonCodec json;
    private final List<ChannelNameRouter.WorkerRoute> routes;
    private final ExecutorService blockingExecutor;
    private final ExecutorService asyncExecutor;
    private final boolean ownsExecutors;
    private final List<ChannelLoop> loops = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private NotifyWorker(Builder b) {
        this.layer = Objects.requireNonNull(b.layer, "layer");
        ChannelNameRouter router = Objects.requireNonNull(b.router, "router");
        this.json = b.json != null ? b.json : JacksonJsonCodec.create();
        Set<String> channels = b.channels != null ? b.channels : router.channels();
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a worker needs at least one channel; the router has none");
        }
        this.routes = new ArrayList<>();
        for (String channel : channels) {
            routes.add(router.route(channel).orElseThrow(() -> new IllegalArgumentException(
                    "no worker consumer for channel '" + channel + "'; the router has " + router.channels())));
        }
        this.ownsExecutors = b.blockingExecutor == null;
        this.blockingExecutor = b.blockingExecutor != null ? b.blockingExecutor
                : WorkerThreads.blocking("notify-worker", ConsumerRuntime.DEFAULT_BLOCKING_THREADS);
        this.asyncExecutor = b.asyncExecutor != null ? b.asyncExecutor
                : WorkerThreads.pool("notify-worker-async", Runtime.getRuntime().availableProcessors());
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes each channel's consumer and starts receiving.
     *
     * @return this worker
     * @throws IllegalStateException if it was started before
     * @throws IllegalArgumentException if a consumer factory returned null or a consumer has a
     *     {@code @MessageHandler} method with the wrong signature
     */
    public NotifyWorker start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the worker was started before");
        }
        for (ChannelNameRouter.WorkerRoute route : routes) {
            loops.add(new ChannelLoop(route));
        }
        loops.forEach(ChannelLoop::receiveNext);
        log.info("worker consuming {}", channels());
        return this;
    }

    /** @return the channels this worker consumes */
    public List<String> channels() {
        return routes.stream().map(ChannelNameRouter.WorkerRoute::channel).toList();
    }

    /** @return how many messages were handled without failure so far */
    public long messagesHandled() {
        return handled.get();
    }

    /** @return how many messages failed (a handler threw, or no handler took the type) so far */
    public long messagesFailed() {
        return failed.get();
    }

    /**
     * Stops taking messages; the messages in hand are finished.
     *
     * @return completes when every channel's message in hand is done
     */
    public CompletionStage<Void> stopAsync() {
        loops.forEach(ChannelLoop::stop);
        CompletableFuture.allOf(loops.stream().map(loop -> loop.stopped).toArray(CompletableFuture[]::new))
                .whenComplete((r, e) -> stopped.complete(null));
        return stopped.copy();
    }

    /** @return completes when the worker has stopped (after {@link #stopAsync()} or {@link #close()}) */
    public CompletionStage<Void> whenStopped() {
        return stopped.copy();
    }

    /**
     * Stops gracefully within {@link #DEFAULT_GRACE}: no new messages are taken and the messages in
     * hand are finished, then the executors this worker made are shut down. The layer is not closed.
     */
    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    /**
     * Stops gracefully: no new messages are taken and the messages in hand are finished, waiting at
     * most {@code grace}; then the executors this worker made are shut down.
     *
     * @param grace how long to wait for the messages in hand
     */
    public void close(Duration grace) {
        try {
            stopAsync().toCompletableFuture().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("worker stopped with messages unfinished after {}", grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("worker stop failed", e.getCause());
        }
        if (ownsExecutors) {
            blockingExecutor.shutdown();
            asyncExecutor.shutdown();
        }
        log.info("worker stopped: {} messages handled, {} failed", handled.get(), failed.get());
    }

    /** One channel: receive, hand to the consumer, and receive again once it is done. */
    private final class ChannelLoop implements WorkerContext {
        private final String channel;
        private final Object consumer;
        private final SerialExecutor serial;
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        private volatile boolean stopping;
        private volatile CompletableFuture<Message> pending;
        private boolean failing;

        ChannelLoop(ChannelNameRouter.WorkerRoute route) {
            this.channel = route.channel();
            Object made = route instanceof ChannelNameRouter.WorkerRoute.Sync sync ? sync.factory().get()
                    : ((ChannelNameRouter.WorkerRoute.Async) route).factory().get();
            if (made == null) {
                throw new IllegalArgumentException("the consumer factory of channel '" + channel
                        + "' returned null; it must return a new consumer");
            }
            HandlerMethods.of(made.getClass()); // refuses badly declared handlers now, not at the first message
            this.consumer = made;
            this.serial = new SerialExecutor(made instanceof WorkerConsumer ? blockingExecutor : asyncExecutor);
        }

        void receiveNext() {
            if (stopping) {
                stopped.complete(null);
                return;
            }
            CompletableFuture<Message> receive;
            try {
                receive = layer.receive(channel).toCompletableFuture();
            } catch (RuntimeException e) {
                receive = CompletableFuture.failedFuture(e);
            }
            pending = receive;
            if (stopping) {
                receive.cancel(false);
            }
            receive.whenComplete(this::received);
        }

        private void received(Message message, Throwable error) {
            if (error != null) {
                if (stopping || Stages.unwrap(error) instanceof CancellationException) {
                    stopped.complete(null);
                    return;
                }
                if (!failing) {
                    failing = true;
                    log.warn("worker channel '{}': receive failed, retrying every {} ms until it works: {}",
                            channel, RETRY_MILLIS, Stages.unwrap(error).toString());
                }
                CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS).execute(this::receiveNext);
                return;
            }
            if (failing) {
                failing = false;
                log.info("worker channel '{}': receiving again", channel);
            }
            serial.submit(() -> handle(message).handle((r, e) -> {
                report(message, e);
                receiveNext();
                return null;
            }));
        }

        private CompletionStage<Void> handle(Message message) {
            try {
                Optional<CompletionStage<Void>> done = HandlerMethods.invoke(consumer, this, message);
                if (done.isPresent()) {
                    return done.get();
                }
                if (consumer instanceof WorkerConsumer sync) {
                    sync.onMessage(this, message);
                    return ConsumerAdapter.DONE;
                }
                return ((AsyncWorkerConsumer) consumer).onMessage(this, message);
            } catch (Exception | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private void report(Message message, Throwable error) {
            if (error == null) {
                handled.incrementAndGet();
                return;
            }
            failed.incrementAndGet();
            Throwable cause = Stages.unwrap(error);
            if (cause instanceof UnknownMessageTypeException) {
                log.warn("worker channel '{}' skipped a message of type '{}': {}", channel, message.type(), cause.getMessage());
            } else {
                log.error("worker channel '{}': the handler of message type '{}' failed", channel, message.type(), cause);
            }
        }

        void stop() {
            stopping = true;
            CompletableFuture<Message> receive = pending;
            if (receive != null) {
                receive.cancel(false);
            }
        }

        @Override
        public String channelName() {
            return channel;
        }

        @Override
        public ChannelLayer layer() {
            return layer;
        }

        @Override
        public JsonCodec json() {
            return json;
        }
    }

    /**
     * Builds a {@link NotifyWorker}.
     *
     * @since 0.3
     */
    public static final class Builder {
        private ChannelLayer layer;
        private ChannelNameRouter router;
        private Set<String> channels;
        private JsonCodec json;
        private ExecutorService blockingExecutor;
        private ExecutorService asyncExecutor;

        private Builder() {
        }

        /**
         * @param layer the channel layer to receive from; required (the worker does not close it)
         * @return this builder
         */
        public Builder layer(ChannelLayer layer) {
            this.layer = Objects.requireNonNull(layer, "layer");
            return this;
        }

        /**
         * @param router the worker routes; required
         * @return this builder
         */
        public Builder router(ChannelNameRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Consumes only some of the router's channels, as {@code runworker CHANNEL...}; by default all.
         *
         * @param channels channel names the router has
         * @return this builder
         * @throws IllegalArgumentException if none is given
         */
        public Builder channels(String... channels) {
            if (channels.length == 0) {
                throw new IllegalArgumentException("name at least one channel");
            }
            this.channels = new LinkedHashSet<>(List.of(channels));
            return this;
        }

        /**
         * @param codec the JSON codec handlers get through {@link WorkerContext#json()}; default
         *     {@link JacksonJsonCodec#create()}
         * @return this builder
         */
        public Builder json(JsonCodec codec) {
            this.json = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Both executors, owned by the caller (the worker does not shut them down).
         *
         * @param blocking runs synchronous handlers
         * @param async runs asynchronous handlers; its tasks never block
         * @return this builder
         */
        public Builder executors(ExecutorService blocking, ExecutorService async) {
            this.blockingExecutor = Objects.requireNonNull(blocking, "blocking");
            this.asyncExecutor = Objects.requireNonNull(async, "async");
            return this;
        }

        /**
         * @return the worker, not yet started
         * @throws IllegalArgumentException if a named channel has no route
         */
        public NotifyWorker build() {
            return new NotifyWorker(this);
        }
    }
}
