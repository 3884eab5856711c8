package dev.notify.spring;

import dev.notify.netty.NotifyServerOptions;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code notify.*} properties, bound with Spring Boot's relaxed rules ({@code notify.server.ping-interval},
 * {@code notify.server.pingInterval} and {@code NOTIFY_SERVER_PINGINTERVAL} are one property). A value of the
 * wrong type stops the start with the property's name. These are the keys of notify's own
 * configuration: the layer and the server read them through {@code NotifyConfig} (so a layer added later
 * reads its keys too), and notify's own checks then report values out of range and unknown keys, also by
 * name. Durations are written {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1d}, {@code PT60S} or as a
 * number of seconds.
 *
 * @param layer Channel layer: inmemory, redis, redis-pubsub or nats. Default: the only layer on the class path.
 * @param server The notify server.
 * @param inmemory The in-memory layer.
 * @param redis The Redis layers.
 * @param nats The NATS layer.
 * @since 0.2
 */
@ConfigurationProperties("notify")
public record NotifyProperties(String layer, @DefaultValue Server server, @DefaultValue InMemory inmemory,
        @DefaultValue Redis redis, @DefaultValue Nats nats) {

    /**
     * The notify server: WebSockets and notify's HTTP handlers on a port of their own, next to the
     * application's web server.
     *
     * @param enabled Whether to start the notify server. Without it the channel layer is still there, to send to
     *     groups that another process serves.
     * @param host Address the notify server binds.
     * @param port Port of the notify server; 0 picks a free one, published as local.notify.server.port.
     * @param maxFrameSize Largest WebSocket message in bytes; a larger one closes the connection with 1009.
     * @param maxHttpContentLength Largest HTTP request body in bytes; a larger one gets 413.
     * @param pingInterval Silence after which a WebSocket is pinged; 0 disables pings.
     * @param pingTimeout How long a ping may go unanswered before the connection is dropped.
     * @param handshakeTimeout How long a consumer's connect hook may take to accept or reject; then 503.
     * @param idleTimeout How long an HTTP connection may stay without a request.
     * @param requestReadTimeout How long an HTTP request (head and body) may take to arrive after its first
     *     byte; then 408 and the connection closes.
     * @param closeTimeout How long to wait for the client's close frame.
     * @param compression Whether to accept permessage-deflate.
     * @param tlsCert PEM certificate chain file; with tls-key, the server serves HTTPS and WSS.
     * @param tlsKey The certificate's PKCS#8 PEM key file.
     * @param tlsKeyPassword The password of an encrypted tls-key.
     * @param tlsKeystore PKCS#12 key store with the key and its certificate chain, instead of tls-cert and tls-key.
     * @param tlsKeystorePassword The password of tls-keystore.
     * @param hstsMaxAge With TLS, the max-age of the Strict-Transport-Security header on every HTTP response; 0
     *     sends none.
     * @param maxOutboundBuffer Bytes a slow client may have queued before it is closed with 1013.
     * @param websocketSendBuffer Kernel send buffer of each WebSocket in bytes; 0 for the system's autotuning.
     * @param transport Network transport: auto (epoll where available, else NIO), epoll or nio.
     * @param ioThreads Event-loop threads. Default: the number of processors.
     * @param shutdownGrace Longest graceful shutdown: WebSockets are closed with 1001 and HTTP requests in
     *     flight finish within it.
     * @param routeConcurrency Requests one blocking HTTP route handles at once; more get 503 with Retry-After.
     * @param requestTimeout How long an HTTP handler may take before the request is answered 503; 0 for none.
     * @param trustedProxies Addresses and CIDR ranges of proxies whose Forwarded and X-Forwarded-* headers set
     *     the client address, scheme and host.
     * @param rootPath Path prefix the application is mounted at behind a proxy, as daphne's --root-path.
     * @param accessLog Whether to write one line per HTTP request and WebSocket session to the logger notify.access.
     * @since 0.2
     */
    public record Server(
            @DefaultValue("true") boolean enabled,
            @DefaultValue(NotifyServerOptions.DEFAULT_HOST) String host,
            @DefaultValue("" + NotifyServerOptions.DEFAULT_PORT) int port,
            @DefaultValue("" + NotifyServerOptions.DEFAULT_MAX_FRAME_PAYLOAD) int maxFrameSize,
            @DefaultValue("" + NotifyServerOptions.DEFAULT_MAX_HTTP_CONTENT_LENGTH) int maxHttpContentLength,
            @DefaultValue("20s") @DurationUnit(ChronoUnit.SECONDS) Duration pingInterval,
            @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration pingTimeout,
            @DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration handshakeTimeout,
            @DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration idleTimeout,
            @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration requestReadTimeout,
            @DefaultValue("5s") @DurationUnit(ChronoUnit.SECONDS) Duration closeTimeout,
            @DefaultValue("true") boolean compression,
            String tlsCert,
            String tlsKey,
            String tlsKeyPassword,
            String tlsKeystore,
            String tlsKeystorePassword,
            @DefaultValue("365d") @DurationUnit(ChronoUnit.SECONDS) Duration hstsMaxAge,
            @DefaultValue("" + NotifyServerOptions.DEFAULT_MAX_OUTBOUND_BUFFER) int maxOutboundBuffer,
            @DefaultValue("" + NotifyServerOptions.DEFAULT_WEBSOCKET_SEND_BUFFER) int websocketSendBuffer,
            @DefaultValue("auto") NotifyServerOptions.Transport transport,
            Integer ioThreads,
            @DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration shutdownGrace,
            @DefaultValue("32") int routeConcurrency,
            @DefaultValue("60s") @DurationUnit(ChronoUnit.SECONDS) Duration requestTimeout,
            List<String> trustedProxies,
            @DefaultValue("") String rootPath,
            @DefaultValue("false") boolean accessLog) {
    }

    /**
     * The in-memory layer ({@code notify.layer=inmemory}): one process.
     *
     * @param capacity Messages a channel may hold; a full channel refuses a send. Default: 100.
     * @param channelCapacity Per-channel capacities, pattern=capacity,... with globs; the first match wins.
     * @param expiry How long a message waits before it is dropped. Default: 60s.
     * @param groupExpiry How long a group membership lasts after its last add. Default: 1d.
     * @since 0.2
     */
    public record InMemory(
            Integer capacity,
            String channelCapacity,
            @DurationUnit(ChronoUnit.SECONDS) Duration expiry,
            @DurationUnit(ChronoUnit.SECONDS) Duration groupExpiry) {
    }

    /**
     * The Redis layers ({@code notify.layer=redis} or {@code redis-pubsub}, with notify-redis on the class
     * path), interoperable with channels_redis 4.x.
     *
     * @param url Redis URIs, comma-separated for shards (the same order in every process). Default:
     *     redis://127.0.0.1:6379. With cluster, the seed nodes of one Redis Cluster.
     * @param cluster Whether url lists the seed nodes of a Redis Cluster (both layers then use Lettuce's
     *     cluster client and a key layout of their own, not shared with channels_redis). Default: false.
     * @param prefix Key prefix, as in channels_redis. Default: asgi.
     * @param capacity Messages a channel may hold. Default: 100.
     * @param channelCapacity Per-channel capacities, pattern=capacity,... with globs; the first match wins.
     * @param expiry Message lifetime. Default: 60s.
     * @param groupExpiry Group membership lifetime without renewal. Default: 1d.
     * @param symmetricEncryptionKeys Comma-separated secrets (Fernet): the first encrypts, any decrypts.
     * @since 0.2
     */
    public record Redis(
            String url,
            Boolean cluster,
            String prefix,
            Integer capacity,
            String channelCapacity,
            @DurationUnit(ChronoUnit.SECONDS) Duration expiry,
            @DurationUnit(ChronoUnit.SECONDS) Duration groupExpiry,
            String symmetricEncryptionKeys) {
    }

    /**
     * The NATS layer ({@code notify.layer=nats}, with notify-nats on the class path).
     *
     * @param url NATS URLs, comma-separated for a cluster's servers; tls:// for TLS;
     *     nats://user:password@host:4222 or nats://token@host:4222 to log in. Default: nats://127.0.0.1:4222.
     * @param prefix First subject token(s), such as myapp.notify. Default: notify.
     * @param capacity Messages a process holds for one channel. Default: 100.
     * @param channelCapacity Per-channel capacities, pattern=capacity,... with globs; the first match wins.
     * @param expiry Message lifetime. Default: 60s.
     * @param groupExpiry Group membership lifetime without another group add. Default: 1d.
     * @param credentials NATS credentials file (user JWT and NKey seed).
     * @param tlsCa PEM file of the certificate authorities to trust; turns TLS on.
     * @since 0.2
     */
    public record Nats(
            String url,
            String prefix,
            Integer capacity,
            String channelCapacity,
            @DurationUnit(ChronoUnit.SECONDS) Duration expiry,
            @DurationUnit(ChronoUnit.SECONDS) Duration groupExpiry,
            String credentials,
            String tlsCa) {
    }
}
