package dev.notify.netty;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.core.routing.Router;
import dev.notify.core.runtime.ConsumerRuntime;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.metrics.MeterSource;
import dev.notify.netty.internal.MicrometerMeters;
import dev.notify.netty.internal.NotifyServerInitializer;
import dev.notify.netty.internal.ServerContext;
import dev.notify.netty.internal.ServerMetrics;
import dev.notify.netty.internal.TlsContexts;
import dev.notify.netty.internal.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Netty server that serves a {@link Router}'s WebSocket consumers and HTTP handlers on one port,
 * as daphne does for a Channels application.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .websocket("/ws/chat/{room}/", ChatConsumer::new)
 *         .get("/health", request -> HttpResponse.text("ok"))
 *         .build();
 * NotifyConfig config = NotifyConfig.fromEnvironment().overriding(NotifyConfig.fromSystemProperties());
 * try (NotifyServer server = NotifyServer.builder().config(config).router(router).build()) {
 *     server.start();            // NOTIFY_SERVER_PORT, NOTIFY_LAYER, ... from the configuration
 *     server.awaitShutdown();    // until SIGTERM or Ctrl-C: WebSockets close with 1001
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #start()} binds and returns the port (a free one for port 0), and registers
 * a JVM shutdown hook that closes the server, so that SIGTERM, Ctrl-C or {@code System.exit} shut it
 * down gracefully; {@link #awaitShutdown()} blocks until then. {@link #close()} shuts down
 * gracefully: it stops accepting, closes every WebSocket with 1001 (Going Away) so that consumers
 * run their disconnect hooks and leave their groups, lets HTTP requests in flight finish, and then
 * stops the event loops, all within {@link NotifyServerOptions#shutdownGrace()}. A server starts
 * once. A layer given to {@link Builder#layer} belongs to the caller; a layer the server made from
 * {@link Builder#config} is closed with the server.
 *
 * <p>What an operator sees: with {@link NotifyServerOptions#accessLog()} on, one line per HTTP request
 * and per WebSocket session to the logger {@value NotifyServerOptions#ACCESS_LOGGER}; with
 * {@link Builder#meterRegistry} (Micrometer, optional), the server's, runtime's and layer's meters
 * (a Spring Boot application passes Boot's registry there); and {@link #layer()}'s
 * {@link ChannelLayer#health() health()} for a readiness probe.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class NotifyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotifyServer.class);

    private final NotifyServerOptions options;
    private final ConsumerRuntime runtime;
    private final boolean ownsRuntime;
    private final ChannelLayer ownedLayer;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    // threads in awaitShutdown(): a JVM shutdown lets them finish what follows before it halts
    private final Set<Thread> awaiting = ConcurrentHashMap.newKeySet();
    private final ServerMetrics metrics = new ServerMetrics(this::openConnections);
    /** the Micrometer binding, typed so that this class names no Micrometer type; {@code null} without a registry */
    private final AutoCloseable meterBinding;

    private EventLoopGroup group;
    private Channel listener;
    private ServerContext context;
    private final boolean registersShutdownHook;
    private Thread shutdownHook;
    private int port = -1;
    private boolean closing;

    private NotifyServer(NotifyServerOptions options, ConsumerRuntime runtime, boolean ownsRuntime, ChannelLayer ownedLayer,
            Object meterRegistry, boolean closeOnJvmShutdown) {
        this.options = options;
        this.registersShutdownHook = closeOnJvmShutdown;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.ownedLayer = ownedLayer;
        this.meterBinding = meterRegistry == null ? null : runtime.layer() instanceof MeterSource layerMeters
                ? MicrometerMeters.bind(meterRegistry, metrics, runtime, layerMeters)
                : MicrometerMeters.bind(meterRegistry, metrics, runtime);
    }

    /** @return a builder; a router with a layer or a configuration (or a runtime) is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving, and registers a JVM shutdown hook that closes the server
     * gracefully (removed again by {@link #close()}; none where {@link Builder#closeOnJvmShutdown}
     * is false). Logs one line with host, port, transport and layer.
     *
     * @return the bound port
     * @throws IllegalStateException if already started or closed, if the port cannot be bound, or
     *     if the epoll transport was requested and is unavailable
     * @throws IllegalArgumentException if the TLS files cannot be read
     */
    public synchronized int start() {
        if (closing) {
            throw new IllegalStateException("the server is closed; make a new one");
        }
        if (listener != null) {
            throw new IllegalStateException("the server is already started on port " + port);
        }
        Transports transport = Transports.select(options.transport());
        context = new ServerContext(runtime, options, sslContext(), metrics);
        group = new MultiThreadIoEventLoopGroup(options.ioThreads(), new DefaultThreadFactory("notify-io"),
                transport.ioHandlerFactory());
        int limit = options.maxOutboundBuffer();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(limit / 2, limit))
                .childHandler(new NotifyServerInitializer(context));
        try {
            listener = bootstrap.bind(options.host(), options.port()).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": " + e, e);
        }
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        if (registersShutdownHook) {
            shutdownHook = new Thread(this::closeOnJvmShutdown, "notify-shutdown-" + port);
            try {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                shutdownHook = null;
            }
        }
        log.info("notify server started host={} port={} transport={} tls={} compression={} layer={}",
                options.host(), port, transport.name(), options.tls(), options.compression(), runtime.layer());
        return port;
    }

    private SslContext sslContext() {
        return options.tls() ? TlsContexts.server(options.tlsKeys()) : null;
    }

    /**
     * @return the bound port
     * @throws IllegalStateException if the server is not started
     */
    public synchronized int port() {
        if (port < 0) {
            throw new IllegalStateException("the server is not started");
        }
        return port;
    }

    /**
     * @return the connections open now, HTTP and WebSocket, handshakes included; a connection
     *     counts until its channel is closed and deregistered, so after every client has gone this
     *     returns to zero; zero before {@link #start()}
     */
    public int openConnections() {
        ServerContext current;
        synchronized (this) {
            current = context;
        }
        return current == null ? 0 : current.connections().size();
    }

    /** @return the options */
    public NotifyServerOptions options() {
        return options;
    }

    /**
     * The layer the consumers are bound to, for code outside any consumer (a scheduled job, a
     * message queue listener) that sends to their channels and groups.
     *
     * @return the channel layer
     */
    public ChannelLayer layer() {
        return runtime.layer();
    }

    /** @return the JSON codec of the consumers and HTTP handlers */
    public JsonCodec json() {
        return runtime.json();
    }

    /**
     * Blocks until the server has shut down: after {@link #close()} from another thread, or after
     * the JVM began to exit (SIGTERM, Ctrl-C, {@code System.exit}) and the shutdown hook closed the
     * server gracefully. In the second case the JVM waits up to the shutdown grace for this thread
     * to end, so that code after this call (closing a database pool, say) still runs.
     *
     * <pre>{@code
     * public static void main(String[] args) throws InterruptedException {
     *     NotifyServer server = NotifyServer.builder().config(config).router(router).build();
     *     server.start();
     *     server.awaitShutdown();
     * }
     * }</pre>
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     * @throws IllegalStateException if the server was never started nor closed
     */
    public void awaitShutdown() throws InterruptedException {
        synchronized (this) {
            if (listener == null && !closing) {
                throw new IllegalStateException("the server is not started; call start() before awaitShutdown()");
            }
        }
        Thread current = Thread.currentThread();
        awaiting.add(current);
        try {
            terminated.get();
        } catch (InterruptedException e) {
            awaiting.remove(current);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the shutdown failed", e); // never: terminated only completes normally
        }
    }

    /** The shutdown hook: close gracefully, then give the threads in awaitShutdown() time to end. */
    private void closeOnJvmShutdown() {
        log.info("the JVM is shutting down: closing the notify server on port {}", port);
        close();
        long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
        for (Thread thread : awaiting) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Shuts down gracefully (see the class description); calling it again returns the same stage.
     *
     * @return completes when the event loops have stopped and a layer the server made is closed;
     *     never fails
     */
    public synchronized CompletionStage<Void> closeAsync() {
        if (closing) {
            return terminated;
        }
        closing = true;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and finds the server closing
            }
        }
        if (listener == null) {
            finish();
            return terminated;
        }
        long started = System.nanoTime();
        Duration grace = options.shutdownGrace();
        listener.close().addListener(unbound -> context.connections().shutdown().copy()
                .orTimeout(grace.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((drained, timedOut) -> {
                    if (timedOut != null) {
                        log.warn("graceful shutdown: {} connections still open after {}; closing them",
                                context.connections().size(), grace);
                        context.connections().closeAll();
                    }
                    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(stopped -> {
                        log.info("notify server stopped port={} in {} ms", port,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                        finish();
                    });
                }));
        return terminated;
    }

    private void finish() {
        if (ownsRuntime) {
            runtime.close();
        }
        if (meterBinding != null) {
            try {
                meterBinding.close();
            } catch (Exception e) {
                log.warn("could not remove the server's meters: {}", e.toString());
            }
        }
        if (ownedLayer == null) {
            terminated.complete(null);
            return;
        }
        ownedLayer.closeAsync().whenComplete((closed, error) -> {
            if (error != null) {
                log.warn("closing the channel layer failed: {}", error.toString());
            }
            terminated.complete(null);
        });
    }

    /**
     * Shuts down gracefully and waits for it: at most the shutdown grace plus a few seconds.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync().toCompletableFuture();
        try {
            done.get(options.shutdownGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the server did not stop in time: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "NotifyServer{" + options.host() + ":" + (port < 0 ? options.port() : port) + "}";
    }

    /**
     * Builds a {@link NotifyServer}: a router and a layer (the server makes and owns a
     * {@link ConsumerRuntime}), a router and a configuration (the server also makes and owns the
     * layer), or a runtime you made and own.
     *
     * @since 0.1
     */
    public static final class Builder {
        private NotifyServerOptions options;
        private NotifyConfig config;
        private String host;
        private Integer port;
        private Router router;
        private ChannelLayer layer;
        private JsonCodec json;
        private ConsumerRuntime runtime;
        private Object meterRegistry;
        private boolean closeOnJvmShutdown = true;

        private Builder() {
        }

        /**
         * @param value every option; default {@link NotifyServerOptions#defaults()}
         * @return this builder
         * @throws IllegalStateException if options or a configuration were already set
         */
        public Builder options(NotifyServerOptions value) {
            if (options != null || config != null) {
                throw new IllegalStateException("options are already set" + (config != null ? " by config(...)" : " to " + options));
            }
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Takes the server's options and, unless {@link #layer} is given, its channel layer from one
         * configuration, the one an application reads at startup:
         * {@code notify.server.*} ({@code NOTIFY_SERVER_PORT}, {@code NOTIFY_SERVER_HOST}, limits and
         * timeouts; see {@link NotifyServerOptions#fromConfig}) and {@code notify.layer} with the
         * layer's own keys (see {@link ChannelLayers#fromConfig}). A layer made here is closed with
         * the server. {@link #host} and {@link #port} still override the configuration.
         *
         * <pre>{@code
         * NotifyConfig config = NotifyConfig.fromFile(Path.of("notify.properties"))
         *         .overriding(NotifyConfig.fromEnvironment());
         * NotifyServer server = NotifyServer.builder().config(config).router(router).build();
         * }</pre>
         *
         * @param value the configuration, read when {@link #build()} runs
         * @return this builder
         * @throws IllegalStateException if options or a configuration were already set
         */
        public Builder config(NotifyConfig value) {
            if (options != null || config != null) {
                throw new IllegalStateException("options are already set" + (config != null ? " by config(...)" : " to " + options)
                        + "; give either options(...) or config(...)");
            }
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * @param value the address to bind; overrides {@link NotifyServerOptions#host()}
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * @param value the port, {@code 0} for a free one; overrides {@link NotifyServerOptions#port()}
         * @return this builder
         * @throws IllegalArgumentException if outside 0..65535
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535 but was " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * @param value the routes
         * @return this builder
         */
        public Builder router(Router value) {
            this.router = Objects.requireNonNull(value, "router");
            return this;
        }

        /**
         * @param value the channel layer consumers are bound to; the caller closes it
         * @return this builder
         */
        public Builder layer(ChannelLayer value) {
            this.layer = Objects.requireNonNull(value, "layer");
            return this;
        }

        /**
         * @param value the JSON of {@code sendJson}, JSON consumers, HTTP handlers and
         *     {@code toMessage}; default {@code JacksonJsonCodec.create()}; with an application's
         *     own Jackson mapper, {@code JacksonJsonCodec.create(mapper)}
         * @return this builder
         */
        public Builder json(JsonCodec value) {
            this.json = Objects.requireNonNull(value, "json");
            return this;
        }

        /**
         * @param value a runtime that carries the router, the layer, the JSON codec, the
         *     executors, the route concurrency and the request timeout (the options' are not used);
         *     the caller closes it
         * @return this builder
         */
        public Builder runtime(ConsumerRuntime value) {
            this.runtime = Objects.requireNonNull(value, "runtime");
            return this;
        }

        /**
         * Publishes the server's meters, its runtime's and its layer's to a Micrometer registry, from
         * now until the server is closed (then they are removed). Micrometer is an optional
         * dependency: without this call no Micrometer class is loaded. A Spring Boot application
         * passes Boot's {@code MeterRegistry} here (the notify starter does).
         *
         * <p>The meters, all prefixed {@code notify}: {@code notify.connections.open} (gauge, tag
         * {@code protocol} {@code http} or {@code websocket}); {@code notify.websocket.handshakes}
         * ({@code outcome} {@code accepted}, {@code rejected} for 4xx, {@code failed} for 5xx);
         * {@code notify.websocket.frames} and {@code notify.websocket.bytes} ({@code direction}
         * {@code in} or {@code out}; messages and their payload); {@code notify.websocket.slow.client.closes}
         * (1013 closes for not reading); {@code notify.handler.time} (a timer of HTTP handlers and
         * consumer hooks, {@code type} {@code http} or {@code websocket}); {@code notify.layer.operations}
         * ({@code operation}, {@code outcome}), {@code notify.layer.dropped} ({@code reason}) and
         * {@code notify.layer.up} for a layer built on {@code AbstractChannelLayer}, as every notify
         * layer is; {@code notify.redis.reconnects} ({@code shard}, {@code connection}) for the Redis
         * layers.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * @param value whether {@link #start()} registers a JVM shutdown hook that closes the server
         *     gracefully (default true); false where a container closes it in its own shutdown, in
         *     order with the rest of the application (the Spring Boot starter does)
         * @return this builder
         */
        public Builder closeOnJvmShutdown(boolean value) {
            this.closeOnJvmShutdown = value;
            return this;
        }

        /**
         * @return the server, not yet started
         * @throws IllegalStateException if neither a runtime nor a router with a layer or a
         *     configuration are set, or a runtime and its parts are both set
         * @throws InvalidConfigurationException listing every bad {@code notify.server.*} key, or
         *     every problem of the layer's configuration
         */
        public NotifyServer build() {
            NotifyServerOptions base = options != null ? options
                    : config != null ? NotifyServerOptions.fromConfig(config) : NotifyServerOptions.defaults();
            NotifyServerOptions.Builder effective = base.toBuilder();
            if (host != null) {
                effective.host(host);
            }
            if (port != null) {
                effective.port(port);
            }
            if (runtime != null) {
                if (router != null || layer != null || json != null) {
                    throw new IllegalStateException("a runtime is set, and it already has a router, a layer and a JSON codec;"
                            + " set either runtime(...) or router(...), layer(...) and json(...)");
                }
                return new NotifyServer(effective.build(), runtime, false, null, meterRegistry, closeOnJvmShutdown);
            }
            if (router == null || (layer == null && config == null)) {
                throw new IllegalStateException("a server needs " + (router == null ? "a router(...)" : "")
                        + (router == null && layer == null && config == null ? " and " : "")
                        + (layer == null && config == null ? "a layer(...) or a config(...) to make one from" : "")
                        + ", or a runtime(...)");
            }
            NotifyServerOptions built = effective.build();
            ChannelLayer made = layer != null ? null : ChannelLayers.fromConfig(config);
            ConsumerRuntime.Builder runtimeBuilder = ConsumerRuntime.builder().layer(layer != null ? layer : made).router(router)
                    .routeConcurrency(built.routeConcurrency()).requestTimeout(built.requestTimeout());
            if (json != null) {
                runtimeBuilder.json(json);
            }
            return new NotifyServer(built, runtimeBuilder.build(), true, made, meterRegistry, closeOnJvmShutdown);
        }
    }
}
