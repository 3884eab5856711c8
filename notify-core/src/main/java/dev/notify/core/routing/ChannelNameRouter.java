package dev.notify.core.routing;

import dev.notify.consumer.AsyncWorkerConsumer;
import dev.notify.consumer.WorkerConsumer;
import dev.notify.spi.NameRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Maps named channels to worker consumer factories, as Channels' {@code ChannelNameRouter}: a
 * worker ({@code NotifyWorker}) receives from each channel and hands its messages to the consumer
 * the channel's factory made.
 *
 * <pre>{@code
 * ChannelNameRouter workers = ChannelNameRouter.builder()
 *         .channel("thumbnails", ThumbnailWorker::new)
 *         .build();
 * }</pre>
 *
 * @since 0.3
 */
public final class ChannelNameRouter {
    private final Map<String, WorkerRoute> routes;

    private ChannelNameRouter(Builder b) {
        this.routes = Map.copyOf(b.routes);
    }

    /** @return a builder of an empty router */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the routed channel names */
    public Set<String> channels() {
        return routes.keySet();
    }

    /**
     * @param channel a channel name
     * @return its route, if the router has one
     */
    public Optional<WorkerRoute> route(String channel) {
        return Optional.ofNullable(routes.get(channel));
    }

    /**
     * A worker route: a channel name and a factory of its consumer, synchronous or asynchronous.
     *
     * @since 0.3
     */
    public sealed interface WorkerRoute permits WorkerRoute.Sync, WorkerRoute.Async {
        /** @return the channel name */
        String channel();

        /**
         * A channel consumed by a synchronous worker: its handlers may block.
         *
         * @param channel the channel name
         * @param factory makes the channel's consumer
         */
        record Sync(String channel, Supplier<? extends WorkerConsumer> factory) implements WorkerRoute {
        }

        /**
         * A channel consumed by an asynchronous worker: its handlers never block.
         *
         * @param channel the channel name
         * @param factory makes the channel's consumer
         */
        record Async(String channel, Supplier<? extends AsyncWorkerConsumer> factory) implements WorkerRoute {
        }
    }

    /**
     * Builds a {@link ChannelNameRouter}.
     *
     * @since 0.3
     */
    public static final class Builder {
        private final Map<String, WorkerRoute> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param channel a named (not process-specific) channel, such as {@code "thumbnails"}
         * @param factory makes the synchronous consumer of the channel
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid, process-specific or already routed
         */
        public Builder channel(String channel, Supplier<? extends WorkerConsumer> factory) {
            return add(new WorkerRoute.Sync(requireNamed(channel), Objects.requireNonNull(factory, "factory")));
        }

        /**
         * @param channel a named (not process-specific) channel
         * @param factory makes the asynchronous consumer of the channel
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid, process-specific or already routed
         */
        public Builder asyncChannel(String channel, Supplier<? extends AsyncWorkerConsumer> factory) {
            return add(new WorkerRoute.Async(requireNamed(channel), Objects.requireNonNull(factory, "factory")));
        }

        private Builder add(WorkerRoute route) {
            if (routes.putIfAbsent(route.channel(), route) != null) {
                throw new IllegalArgumentException("channel '" + route.channel() + "' is routed twice");
            }
            return this;
        }

        private static String requireNamed(String channel) {
            NameRules.requireChannel(channel);
            if (NameRules.isProcessSpecific(channel)) {
                throw new IllegalArgumentException("a worker consumes a named channel, not the process-specific '"
                        + channel + "'");
            }
            return channel;
        }

        /** @return the router */
        public ChannelNameRouter build() {
            return new ChannelNameRouter(this);
        }
    }
}
