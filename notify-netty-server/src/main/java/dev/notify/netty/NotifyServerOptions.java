package dev.notify.netty;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.runtime.ConsumerRuntime;
import dev.notify.netty.internal.TrustedProxies;
import dev.notify.spi.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Options of a {@link NotifyServer}: where it listens, WebSocket limits and timeouts, compression,
 * TLS, backpressure, transport and shutdown. Immutable; every option has a documented default, so
 * {@code NotifyServerOptions.defaults()} is a working local server on {@code 127.0.0.1:8000}.
 *
 * <pre>{@code
 * NotifyServerOptions options = NotifyServerOptions.builder()
 *         .host("0.0.0.0").port(8443)
 *         .tls(Path.of("cert.pem"), Path.of("key.pem"))
 *         .maxFramePayload(64 * 1024)
 *         .build();
 * NotifyServerOptions fromEnvironment = NotifyServerOptions.fromConfig(NotifyConfig.fromEnvironment());
 * }</pre>
 *
 * @param host the address to bind; default {@value #DEFAULT_HOST} (loopback only, as daphne)
 * @param port the port; {@code 0} picks a free one; default {@value #DEFAULT_PORT}
 * @param maxFramePayload the largest WebSocket message accepted, in bytes, whether in one frame or
 *     reassembled from fragments; a larger one closes the connection with 1009; default
 *     {@value #DEFAULT_MAX_FRAME_PAYLOAD} (1 MiB)
 * @param maxHttpContentLength the largest HTTP request body, in bytes; a larger one gets 413;
 *     default {@value #DEFAULT_MAX_HTTP_CONTENT_LENGTH} (2.5 MiB, Django's upload limit)
 * @param pingInterval how long a WebSocket may be silent before the server pings it;
 *     {@link Duration#ZERO} disables pings; default {@link #DEFAULT_PING_INTERVAL} (20 s, as daphne)
 * @param pingTimeout how long the server waits for any answer to a ping before it drops the
 *     connection (the consumer sees 1006); default {@link #DEFAULT_PING_TIMEOUT} (30 s, as daphne)
 * @param handshakeTimeout how long a consumer's connect hook may take to accept or reject; after it
 *     the handshake fails with 503; default {@link #DEFAULT_HANDSHAKE_TIMEOUT}
 * @param idleTimeout how long an HTTP connection may stay without a request in progress (this
 *     closes a client that connects and sends nothing, and idle keep-alive connections); default
 *     {@link #DEFAULT_IDLE_TIMEOUT}
 * @param requestReadTimeout how long an HTTP request (its head and its body) may take to arrive,
 *     counted from its first byte; a request that is not complete in time gets 408 and the
 *     connection closes, so a client cannot hold a connection by sending a byte now and then;
 *     default {@link #DEFAULT_REQUEST_READ_TIMEOUT}
 * @param closeTimeout how long the server waits for the client's close frame after sending its
 *     own, before it drops the connection; default {@link #DEFAULT_CLOSE_TIMEOUT}
 * @param compression whether to accept permessage-deflate (RFC 7692) from clients that offer it;
 *     default {@value #DEFAULT_COMPRESSION}
 * @param tlsKeys the server's certificate chain and private key for HTTPS and WSS, or {@code null}
 *     for plain TCP; default none
 * @param hstsMaxAge with TLS, the {@code max-age} of the {@code Strict-Transport-Security} header
 *     sent with every HTTP response; {@link Duration#ZERO} sends none; default
 *     {@link #DEFAULT_HSTS_MAX_AGE} (one year)
 * @param maxOutboundBuffer the bytes a WebSocket or a streamed HTTP response may have waiting in the
 *     server for a client that does not read (notify's queue and Netty's outbound buffer, everything
 *     the kernel has not taken); past it the connection is closed (a WebSocket with 1013, try again
 *     later) and the event is logged;
 *     default {@value #DEFAULT_MAX_OUTBOUND_BUFFER} (1 MiB)
 * @param webSocketSendBuffer the kernel send buffer ({@code SO_SNDBUF}) of each WebSocket and
 *     streamed HTTP response, in
 *     bytes, or {@code 0} for the system's autotuning, which grows it to several MiB per connection
 *     (4 MiB on Linux by default) that a client that stops reading would hold beyond
 *     {@code maxOutboundBuffer}; default {@value #DEFAULT_WEBSOCKET_SEND_BUFFER} (128 KiB, about
 *     10 Mbit/s per connection at 100 ms round trip)
 * @param transport the network transport; default {@link #DEFAULT_TRANSPORT}
 * @param ioThreads the event-loop threads; default the number of processors
 * @param shutdownGrace how long {@link NotifyServer#close()} waits for consumers to run their
 *     disconnect hooks and for HTTP requests in flight; default {@link #DEFAULT_SHUTDOWN_GRACE}
 * @param routeConcurrency how many requests one blocking HTTP route handles at once (a bulkhead);
 *     more are answered 503 with {@code Retry-After} at once; default
 *     {@value dev.notify.core.runtime.ConsumerRuntime#DEFAULT_ROUTE_CONCURRENCY}
 * @param requestTimeout how long an HTTP handler may take (daphne's {@code http_timeout}); then
 *     the request is answered 503 and a blocking handler's thread is interrupted;
 *     {@link Duration#ZERO} for none; default
 *     {@link dev.notify.core.runtime.ConsumerRuntime#DEFAULT_REQUEST_TIMEOUT}
 * @param trustedProxies the proxies whose {@code Forwarded} (RFC 7239) and
 *     {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port} headers set the
 *     scope's client address, scheme and {@code Host}: addresses and CIDR ranges such as
 *     {@code 10.0.0.0/8}; from any other peer those headers are ignored; default none
 * @param rootPath the path prefix the application is mounted at behind a proxy, as daphne's
 *     {@code --root-path}: in every {@linkplain dev.notify.consumer.Scope#rootPath() scope}, for
 *     building links; the proxy strips it from the request path; default none ({@code ""})
 * @param accessLog whether to write one line per HTTP request and per WebSocket session, when it
 *     ends, to the slf4j logger {@value #ACCESS_LOGGER} at INFO (the logging configuration can
 *     still turn that logger off); default {@code false}
 * @since 0.1
 */
public record NotifyServerOptions(
        String host,
        int port,
        int maxFramePayload,
        int maxHttpContentLength,
        Duration pingInterval,
        Duration pingTimeout,
        Duration handshakeTimeout,
        Duration idleTimeout,
        Duration requestReadTimeout,
        Duration closeTimeout,
        boolean compression,
        TlsKeys tlsKeys,
        Duration hstsMaxAge,
        int maxOutboundBuffer,
        int webSocketSendBuffer,
        Transport transport,
        int ioThreads,
        Duration shutdownGrace,
        int routeConcurrency,
        Duration requestTimeout,
        List<String> trustedProxies,
        String rootPath,
        boolean accessLog) {

    /** {@value}: loopback only, as daphne. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** {@value}, as daphne and Django's runserver. */
    public static final int DEFAULT_PORT = 8000;
    /** {@value} bytes (1 MiB). */
    public static final int DEFAULT_MAX_FRAME_PAYLOAD = 1024 * 1024;
    /** {@value} bytes (2.5 MiB), Django's {@code DATA_UPLOAD_MAX_MEMORY_SIZE}. */
    public static final int DEFAULT_MAX_HTTP_CONTENT_LENGTH = 2_621_440;
    /** 20 seconds, daphne's {@code --ping-interval}. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    /** 30 seconds, daphne's {@code --ping-timeout}. */
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(30);
    /** 10 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** 10 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** 30 seconds: 2.5 MiB at under 100 kB/s. */
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(30);
    /** 5 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** One year, as Django's and Mozilla's recommendations for a site that is on HTTPS to stay. */
    public static final Duration DEFAULT_HSTS_MAX_AGE = Duration.ofDays(365);
    /** {@value}: permessage-deflate for the clients that offer it. */
    public static final boolean DEFAULT_COMPRESSION = true;
    /** {@value} bytes (1 MiB). */
    public static final int DEFAULT_MAX_OUTBOUND_BUFFER = 1024 * 1024;
    /** {@value} bytes (128 KiB). */
    public static final int DEFAULT_WEBSOCKET_SEND_BUFFER = 128 * 1024;
    /** {@link Transport#AUTO}: epoll where it loads, NIO otherwise. */
    public static final Transport DEFAULT_TRANSPORT = Transport.AUTO;
    /** 10 seconds, daphne's {@code --application-close-timeout}. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** {@value}: the address to bind (default {@value #DEFAULT_HOST}). */
    public static final String HOST_KEY = "notify.server.host";
    /** {@value}: the port, {@code 0} for a free one (default {@value #DEFAULT_PORT}). */
    public static final String PORT_KEY = "notify.server.port";
    /** {@value}: the largest WebSocket message, in bytes (default {@value #DEFAULT_MAX_FRAME_PAYLOAD}). */
    public static final String MAX_FRAME_SIZE_KEY = "notify.server.max-frame-size";
    /** {@value}: the largest HTTP request body, in bytes (default {@value #DEFAULT_MAX_HTTP_CONTENT_LENGTH}). */
    public static final String MAX_HTTP_CONTENT_LENGTH_KEY = "notify.server.max-http-content-length";
    /** {@value}: a duration; {@code 0} disables pings (default {@link #DEFAULT_PING_INTERVAL}). */
    public static final String PING_INTERVAL_KEY = "notify.server.ping-interval";
    /** {@value}: a duration (default {@link #DEFAULT_PING_TIMEOUT}). */
    public static final String PING_TIMEOUT_KEY = "notify.server.ping-timeout";
    /** {@value}: a duration (default {@link #DEFAULT_HANDSHAKE_TIMEOUT}). */
    public static final String HANDSHAKE_TIMEOUT_KEY = "notify.server.handshake-timeout";
    /** {@value}: a duration (default {@link #DEFAULT_IDLE_TIMEOUT}). */
    public static final String IDLE_TIMEOUT_KEY = "notify.server.idle-timeout";
    /** {@value}: a duration (default {@link #DEFAULT_REQUEST_READ_TIMEOUT}). */
    public static final String REQUEST_READ_TIMEOUT_KEY = "notify.server.request-read-timeout";
    /** {@value}: a duration (default {@link #DEFAULT_CLOSE_TIMEOUT}). */
    public static final String CLOSE_TIMEOUT_KEY = "notify.server.close-timeout";
    /** {@value}: {@code true} or {@code false} (default {@value #DEFAULT_COMPRESSION}). */
    public static final String COMPRESSION_KEY = "notify.server.compression";
    /** {@value}: a PEM certificate chain file (default none: plain TCP). */
    public static final String TLS_CERT_KEY = "notify.server.tls-cert";
    /** {@value}: its PEM PKCS#8 private key file, encrypted or not. */
    public static final String TLS_KEY_KEY = "notify.server.tls-key";
    /** {@value}: the password of an encrypted {@code tls-key}. */
    public static final String TLS_KEY_PASSWORD_KEY = "notify.server.tls-key-password";
    /** {@value}: a PKCS#12 file with the key and its certificate chain. */
    public static final String TLS_KEYSTORE_KEY = "notify.server.tls-keystore";
    /** {@value}: the password of {@code tls-keystore}. */
    public static final String TLS_KEYSTORE_PASSWORD_KEY = "notify.server.tls-keystore-password";
    /** {@value}: a duration; {@code 0} sends no HSTS header (default {@link #DEFAULT_HSTS_MAX_AGE}). */
    public static final String HSTS_MAX_AGE_KEY = "notify.server.hsts-max-age";
    /** {@value}: in bytes (default {@value #DEFAULT_MAX_OUTBOUND_BUFFER}). */
    public static final String MAX_OUTBOUND_BUFFER_KEY = "notify.server.max-outbound-buffer";
    /** {@value}: in bytes; {@code 0} for the system's (default {@value #DEFAULT_WEBSOCKET_SEND_BUFFER}). */
    public static final String WEBSOCKET_SEND_BUFFER_KEY = "notify.server.websocket-send-buffer";
    /** {@value}: {@code auto}, {@code epoll} or {@code nio} (default {@link #DEFAULT_TRANSPORT}). */
    public static final String TRANSPORT_KEY = "notify.server.transport";
    /** {@value}: the event-loop threads (default the number of processors). */
    public static final String IO_THREADS_KEY = "notify.server.io-threads";
    /** {@value}: a duration (default {@link #DEFAULT_SHUTDOWN_GRACE}). */
    public static final String SHUTDOWN_GRACE_KEY = "notify.server.shutdown-grace";
    /** {@value}, requests per blocking route. */
    public static final String ROUTE_CONCURRENCY_KEY = "notify.server.route-concurrency";
    /** {@value}, a duration; {@code 0} for none. */
    public static final String REQUEST_TIMEOUT_KEY = "notify.server.request-timeout";
    /** {@value}, comma-separated addresses and CIDR ranges. */
    public static final String TRUSTED_PROXIES_KEY = "notify.server.trusted-proxies";
    /** {@value}, a path prefix such as {@code /chat}. */
    public static final String ROOT_PATH_KEY = "notify.server.root-path";
    /** {@value}: {@code true} or {@code false} (default {@code false}). */
    public static final String ACCESS_LOG_KEY = "notify.server.access-log";
    /** {@value}: the logger of the access log. */
    public static final String ACCESS_LOGGER = "notify.access";

    /**
     * Where the server's TLS certificate chain and private key come from: PEM files or a PKCS#12
     * key store. Passwords never appear in {@code toString()}.
     *
     * @since 0.1
     */
    public sealed interface TlsKeys permits TlsKeys.Pem, TlsKeys.KeyStore {

        /**
         * A PEM certificate chain and its PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY}, or
         * {@code BEGIN ENCRYPTED PRIVATE KEY} with a password).
         *
         * @param certificate the certificate chain file
         * @param privateKey the private key file
         * @param password the private key's password, or {@code null} if it is not encrypted
         * @since 0.1
         */
        record Pem(Path certificate, Path privateKey, String password) implements TlsKeys {
            /**
             * @param certificate the certificate chain file
             * @param privateKey the private key file
             * @param password the private key's password, or {@code null} if it is not encrypted
             * @throws NullPointerException if a file is null
             */
            public Pem {
                Objects.requireNonNull(certificate, "certificate");
                Objects.requireNonNull(privateKey, "privateKey");
            }

            @Override
            public String toString() {
                return "Pem[certificate=" + certificate + ", privateKey=" + privateKey
                        + (password == null ? "" : ", password=***") + "]";
            }
        }

        /**
         * A PKCS#12 key store holding the private key and its certificate chain.
         *
         * @param file the key store file
         * @param password its password ({@code ""} for none)
         * @since 0.1
         */
        record KeyStore(Path file, String password) implements TlsKeys {
            /**
             * @param file the key store file
             * @param password its password ({@code ""} for none)
             * @throws NullPointerException if an argument is null
             */
            public KeyStore {
                Objects.requireNonNull(file, "file");
                Objects.requireNonNull(password, "password");
            }

            @Override
            public String toString() {
                return "KeyStore[file=" + file + ", password=***]";
            }
        }
    }

    /** The network transport of the event loops. */
    public enum Transport {
        /** Linux epoll where the native library loads, NIO otherwise. */
        AUTO,
        /** Linux epoll; starting fails if it is unavailable. */
        EPOLL,
        /** Java NIO, available everywhere. */
        NIO
    }

    /**
     * Checks every option.
     *
     * @param host the address to bind
     * @param port the port, {@code 0} for a free one
     * @param maxFramePayload the largest WebSocket message, in bytes
     * @param maxHttpContentLength the largest HTTP request body, in bytes
     * @param pingInterval the silence before a ping; zero for none
     * @param pingTimeout the wait for an answer to a ping
     * @param handshakeTimeout the time a connect hook has to accept or reject
     * @param idleTimeout the time an HTTP connection may stay without a request
     * @param requestReadTimeout the time a request has to arrive whole
     * @param closeTimeout the wait for the client's close frame
     * @param compression whether to accept permessage-deflate
     * @param tlsKeys the TLS certificate chain and key, or {@code null}
     * @param hstsMaxAge the HSTS max-age with TLS; zero for none
     * @param maxOutboundBuffer the bytes a connection may have queued
     * @param webSocketSendBuffer each WebSocket's kernel send buffer; zero for the system's
     * @param transport the network transport
     * @param ioThreads the event-loop threads
     * @param shutdownGrace the longest graceful shutdown
     * @param routeConcurrency the requests one blocking route handles at once
     * @param requestTimeout how long an HTTP handler may take; zero for none
     * @param trustedProxies the proxies whose forwarding headers are trusted
     * @param rootPath the path prefix the application is mounted at
     * @param accessLog whether to write the access log
     * @throws IllegalArgumentException naming the first bad option and its value
     */
    public NotifyServerOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
        }
        requirePositive("maxFramePayload", maxFramePayload);
        requirePositive("maxHttpContentLength", maxHttpContentLength);
        requireNotNegative("pingInterval", pingInterval);
        requirePositive("pingTimeout", pingTimeout);
        requirePositive("handshakeTimeout", handshakeTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("requestReadTimeout", requestReadTimeout);
        requirePositive("closeTimeout", closeTimeout);
        requireNotNegative("hstsMaxAge", hstsMaxAge);
        requirePositive("maxOutboundBuffer", maxOutboundBuffer);
        requireNotNegative("webSocketSendBuffer", webSocketSendBuffer);
        Objects.requireNonNull(transport, "transport");
        requirePositive("ioThreads", ioThreads);
        requireNotNegative("shutdownGrace", shutdownGrace);
        requirePositive("routeConcurrency", routeConcurrency);
        requireNotNegative("requestTimeout", requestTimeout);
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxies.forEach(TrustedProxies::checkRange);
        rootPath = checkRootPath(rootPath);
    }

    /** @return the defaults */
    public static NotifyServerOptions defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.maxFramePayload = maxFramePayload;
        b.maxHttpContentLength = maxHttpContentLength;
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.handshakeTimeout = handshakeTimeout;
        b.idleTimeout = idleTimeout;
        b.requestReadTimeout = requestReadTimeout;
        b.closeTimeout = closeTimeout;
        b.compression = compression;
        b.tlsKeys = tlsKeys;
        b.hstsMaxAge = hstsMaxAge;
        b.maxOutboundBuffer = maxOutboundBuffer;
        b.webSocketSendBuffer = webSocketSendBuffer;
        b.transport = transport;
        b.ioThreads = ioThreads;
        b.shutdownGrace = shutdownGrace;
        b.routeConcurrency = routeConcurrency;
        b.requestTimeout = requestTimeout;
        b.trustedProxies = trustedProxies;
        b.rootPath = rootPath;
        b.accessLog = accessLog;
        return b;
    }

    /** @return whether TLS is configured */
    public boolean tls() {
        return tlsKeys != null;
    }

    /**
     * Reads the {@code notify.server.*} keys (or their {@code NOTIFY_SERVER_*} environment
     * spellings); absent keys keep their defaults.
     *
     * @param config the configuration
     * @return the options
     * @throws InvalidConfigurationException listing every bad or unknown {@code notify.server.*} key
     */
    public static NotifyServerOptions fromConfig(NotifyConfig config) {
        ConfigReader read = new ConfigReader(config);
        Set<String> known = KEYS.stream().map(NotifyConfig::environmentName).collect(Collectors.toSet());
        for (String key : config.keys()) {
            String name = NotifyConfig.environmentName(key);
            if (name.startsWith("NOTIFY_SERVER_") && !known.contains(name)) {
                read.problem(key + " is not a server option; the options are " + KEYS);
            }
        }
        NotifyServerOptions defaults = defaults();
        Builder b = builder()
                .host(read.string(HOST_KEY, defaults.host))
                .port(read.parse(PORT_KEY, NotifyServerOptions::port, defaults.port, "must be a port number in 0..65535"))
                .maxFramePayload(read.positiveInt(MAX_FRAME_SIZE_KEY, defaults.maxFramePayload))
                .maxHttpContentLength(read.positiveInt(MAX_HTTP_CONTENT_LENGTH_KEY, defaults.maxHttpContentLength))
                .pingInterval(read.parse(PING_INTERVAL_KEY, text -> notNegative(PING_INTERVAL_KEY, text), defaults.pingInterval,
                        "must be a duration such as 20s, or 0 to disable pings"))
                .pingTimeout(read.duration(PING_TIMEOUT_KEY, defaults.pingTimeout))
                .handshakeTimeout(read.duration(HANDSHAKE_TIMEOUT_KEY, defaults.handshakeTimeout))
                .idleTimeout(read.duration(IDLE_TIMEOUT_KEY, defaults.idleTimeout))
                .requestReadTimeout(read.duration(REQUEST_READ_TIMEOUT_KEY, defaults.requestReadTimeout))
                .closeTimeout(read.duration(CLOSE_TIMEOUT_KEY, defaults.closeTimeout))
                .compression(read.parse(COMPRESSION_KEY, NotifyServerOptions::bool, defaults.compression, "must be true or false"))
                .maxOutboundBuffer(read.positiveInt(MAX_OUTBOUND_BUFFER_KEY, defaults.maxOutboundBuffer))
                .webSocketSendBuffer(read.parse(WEBSOCKET_SEND_BUFFER_KEY, NotifyServerOptions::notNegativeInt,
                        defaults.webSocketSendBuffer, "must be a number of bytes, or 0 for the system's"))
                .transport(read.parse(TRANSPORT_KEY, text -> Transport.valueOf(text.toUpperCase(Locale.ROOT)), defaults.transport,
                        "must be auto, epoll or nio"))
                .ioThreads(read.positiveInt(IO_THREADS_KEY, defaults.ioThreads))
                .shutdownGrace(read.parse(SHUTDOWN_GRACE_KEY, text -> notNegative(SHUTDOWN_GRACE_KEY, text), defaults.shutdownGrace,
                        "must be a duration such as 10s"))
                .routeConcurrency(read.positiveInt(ROUTE_CONCURRENCY_KEY, defaults.routeConcurrency))
                .requestTimeout(read.parse(REQUEST_TIMEOUT_KEY, text -> notNegative(REQUEST_TIMEOUT_KEY, text), defaults.requestTimeout,
                        "must be a duration such as 60s, or 0 for none"))
                .trustedProxies(read.parse(TRUSTED_PROXIES_KEY, NotifyServerOptions::proxies, defaults.trustedProxies,
                        "must be comma-separated IP addresses and CIDR ranges such as 127.0.0.1,10.0.0.0/8"))
                .rootPath(read.parse(ROOT_PATH_KEY, NotifyServerOptions::checkRootPath, defaults.rootPath,
                        "must be a path prefix such as /chat (starting with /, not ending with /)"))
                .accessLog(read.parse(ACCESS_LOG_KEY, NotifyServerOptions::bool, defaults.accessLog, "must be true or false"));
        b.hstsMaxAge(read.parse(HSTS_MAX_AGE_KEY, text -> notNegative(HSTS_MAX_AGE_KEY, text), defaults.hstsMaxAge,
                "must be a duration such as 365d, or 0 for no HSTS header"));
        String cert = read.string(TLS_CERT_KEY, null);
        String key = read.string(TLS_KEY_KEY, null);
        String keyPassword = read.string(TLS_KEY_PASSWORD_KEY, null);
        String keyStore = read.string(TLS_KEYSTORE_KEY, null);
        String keyStorePassword = read.string(TLS_KEYSTORE_PASSWORD_KEY, null);
        if ((cert == null) != (key == null)) {
            read.problem("TLS needs both " + TLS_CERT_KEY + " and " + TLS_KEY_KEY + " but only "
                    + (cert != null ? TLS_CERT_KEY : TLS_KEY_KEY) + " is set");
        } else if (cert != null && keyStore != null) {
            read.problem("TLS keys come from either " + TLS_CERT_KEY + " and " + TLS_KEY_KEY + ", or " + TLS_KEYSTORE_KEY
                    + ", but all three are set");
        } else if (cert != null) {
            b.tls(Path.of(cert), Path.of(key), keyPassword);
        } else if (keyStore != null) {
            b.tlsKeyStore(Path.of(keyStore), keyStorePassword == null ? "" : keyStorePassword);
        }
        if (keyPassword != null && key == null) {
            read.problem(TLS_KEY_PASSWORD_KEY + " is set but " + TLS_KEY_KEY + " is not");
        }
        if (keyStorePassword != null && keyStore == null) {
            read.problem(TLS_KEYSTORE_PASSWORD_KEY + " is set but " + TLS_KEYSTORE_KEY + " is not");
        }
        read.requireValid();
        return b.build();
    }

    /** Every {@code notify.server.*} key, in the order of the README table. */
    private static final List<String> KEYS = List.of(HOST_KEY, PORT_KEY, MAX_FRAME_SIZE_KEY, MAX_HTTP_CONTENT_LENGTH_KEY,
            PING_INTERVAL_KEY, PING_TIMEOUT_KEY, HANDSHAKE_TIMEOUT_KEY, IDLE_TIMEOUT_KEY, REQUEST_READ_TIMEOUT_KEY, CLOSE_TIMEOUT_KEY, COMPRESSION_KEY,
            TLS_CERT_KEY, TLS_KEY_KEY, TLS_KEY_PASSWORD_KEY, TLS_KEYSTORE_KEY, TLS_KEYSTORE_PASSWORD_KEY, HSTS_MAX_AGE_KEY,
            MAX_OUTBOUND_BUFFER_KEY, WEBSOCKET_SEND_BUFFER_KEY, TRANSPORT_KEY, IO_THREADS_KEY, SHUTDOWN_GRACE_KEY,
            ROUTE_CONCURRENCY_KEY, REQUEST_TIMEOUT_KEY, TRUSTED_PROXIES_KEY, ROOT_PATH_KEY, ACCESS_LOG_KEY);

    /** @return every {@code notify.server.*} key this class reads */
    public static List<String> keys() {
        return KEYS;
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException();
        }
        return port;
    }

    private static List<String> proxies(String text) {
        List<String> ranges = java.util.Arrays.stream(text.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
        ranges.forEach(TrustedProxies::checkRange);
        return ranges;
    }

    private static String checkRootPath(String path) {
        Objects.requireNonNull(path, "rootPath");
        if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
            throw new IllegalArgumentException("rootPath must be empty or start with / and not end with / but was '" + path + "'");
        }
        return path;
    }

    private static boolean bool(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(v);
    }

    private static Duration notNegative(String key, String text) {
        Duration value = NotifyConfig.parseDuration(key, text);
        if (value.isNegative()) {
            throw new IllegalArgumentException();
        }
        return value;
    }

    private static int notNegativeInt(String text) {
        int value = Integer.parseInt(text);
        if (value < 0) {
            throw new IllegalArgumentException();
        }
        return value;
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
    }

    /**
     * Builds {@link NotifyServerOptions}. Each setter checks its argument at once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxFramePayload = DEFAULT_MAX_FRAME_PAYLOAD;
        private int maxHttpContentLength = DEFAULT_MAX_HTTP_CONTENT_LENGTH;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration requestReadTimeout = DEFAULT_REQUEST_READ_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private boolean compression = DEFAULT_COMPRESSION;
        private TlsKeys tlsKeys;
        private Duration hstsMaxAge = DEFAULT_HSTS_MAX_AGE;
        private int maxOutboundBuffer = DEFAULT_MAX_OUTBOUND_BUFFER;
        private int webSocketSendBuffer = DEFAULT_WEBSOCKET_SEND_BUFFER;
        private Transport transport = DEFAULT_TRANSPORT;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private int routeConcurrency = ConsumerRuntime.DEFAULT_ROUTE_CONCURRENCY;
        private Duration requestTimeout = ConsumerRuntime.DEFAULT_REQUEST_TIMEOUT;
        private List<String> trustedProxies = List.of();
        private String rootPath = "";
        private boolean accessLog;

        private Builder() {
        }

        /**
         * @param value the address to bind, such as {@code 0.0.0.0}; default {@value NotifyServerOptions#DEFAULT_HOST}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder host(String value) {
            Objects.requireNonNull(value, "host");
            if (value.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = value;
            return this;
        }

        /**
         * @param value the port, {@code 0} for a free one; default {@value NotifyServerOptions#DEFAULT_PORT}
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
         * @param bytes the largest WebSocket message; default {@value NotifyServerOptions#DEFAULT_MAX_FRAME_PAYLOAD}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxFramePayload(int bytes) {
            requirePositive("maxFramePayload", bytes);
            this.maxFramePayload = bytes;
            return this;
        }

        /**
         * @param bytes the largest HTTP request body; default {@value NotifyServerOptions#DEFAULT_MAX_HTTP_CONTENT_LENGTH}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxHttpContentLength(int bytes) {
            requirePositive("maxHttpContentLength", bytes);
            this.maxHttpContentLength = bytes;
            return this;
        }

        /**
         * @param value the silence before a ping, {@link Duration#ZERO} for none; default
         *     {@link NotifyServerOptions#DEFAULT_PING_INTERVAL}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder pingInterval(Duration value) {
            requireNotNegative("pingInterval", value);
            this.pingInterval = value;
            return this;
        }

        /**
         * @param value the wait for an answer to a ping; default {@link NotifyServerOptions#DEFAULT_PING_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder pingTimeout(Duration value) {
            requirePositive("pingTimeout", value);
            this.pingTimeout = value;
            return this;
        }

        /**
         * @param value the time a connect hook has to accept or reject; default
         *     {@link NotifyServerOptions#DEFAULT_HANDSHAKE_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder handshakeTimeout(Duration value) {
            requirePositive("handshakeTimeout", value);
            this.handshakeTimeout = value;
            return this;
        }

        /**
         * @param value the time an HTTP connection may stay without a request; default
         *     {@link NotifyServerOptions#DEFAULT_IDLE_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder idleTimeout(Duration value) {
            requirePositive("idleTimeout", value);
            this.idleTimeout = value;
            return this;
        }

        /**
         * @param value the time an HTTP request may take to arrive, from its first byte; default
         *     {@link NotifyServerOptions#DEFAULT_REQUEST_READ_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder requestReadTimeout(Duration value) {
            requirePositive("requestReadTimeout", value);
            this.requestReadTimeout = value;
            return this;
        }

        /**
         * @param value the wait for the client's close frame; default {@link NotifyServerOptions#DEFAULT_CLOSE_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder closeTimeout(Duration value) {
            requirePositive("closeTimeout", value);
            this.closeTimeout = value;
            return this;
        }

        /**
         * @param enabled whether to accept permessage-deflate; default {@value NotifyServerOptions#DEFAULT_COMPRESSION}
         * @return this builder
         */
        public Builder compression(boolean enabled) {
            this.compression = enabled;
            return this;
        }

        /**
         * Serves HTTPS and WSS with PEM files; replaces any key store set before.
         *
         * @param certificate a PEM certificate chain file
         * @param privateKey its PEM (PKCS#8, unencrypted) private key file
         * @return this builder
         */
        public Builder tls(Path certificate, Path privateKey) {
            return tls(certificate, privateKey, null);
        }

        /**
         * Serves HTTPS and WSS with PEM files whose key is encrypted; replaces any key store set
         * before.
         *
         * @param certificate a PEM certificate chain file
         * @param privateKey its PEM PKCS#8 private key file, {@code BEGIN ENCRYPTED PRIVATE KEY}
         * @param password the key's password, or {@code null} if it is not encrypted
         * @return this builder
         */
        public Builder tls(Path certificate, Path privateKey, String password) {
            this.tlsKeys = new TlsKeys.Pem(certificate, privateKey, password);
            return this;
        }

        /**
         * Serves HTTPS and WSS with the key and certificate chain of a PKCS#12 key store; replaces
         * any PEM files set before.
         *
         * @param keyStore the PKCS#12 file
         * @param password its password ({@code ""} for none)
         * @return this builder
         */
        public Builder tlsKeyStore(Path keyStore, String password) {
            this.tlsKeys = new TlsKeys.KeyStore(keyStore, password);
            return this;
        }

        /**
         * @param value with TLS, the {@code max-age} of the {@code Strict-Transport-Security}
         *     header, {@link Duration#ZERO} for none; default {@link NotifyServerOptions#DEFAULT_HSTS_MAX_AGE}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder hstsMaxAge(Duration value) {
            requireNotNegative("hstsMaxAge", value);
            this.hstsMaxAge = value;
            return this;
        }

        /**
         * @param bytes the kernel send buffer of each WebSocket, {@code 0} for the system's; default
         *     {@value NotifyServerOptions#DEFAULT_WEBSOCKET_SEND_BUFFER}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder webSocketSendBuffer(int bytes) {
            requireNotNegative("webSocketSendBuffer", bytes);
            this.webSocketSendBuffer = bytes;
            return this;
        }

        /**
         * @param bytes the bytes a connection may have waiting in the server; default {@value NotifyServerOptions#DEFAULT_MAX_OUTBOUND_BUFFER}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxOutboundBuffer(int bytes) {
            requirePositive("maxOutboundBuffer", bytes);
            this.maxOutboundBuffer = bytes;
            return this;
        }

        /**
         * @param value the transport; default {@link NotifyServerOptions#DEFAULT_TRANSPORT}
         * @return this builder
         */
        public Builder transport(Transport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * @param threads the event-loop threads; default the number of processors
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder ioThreads(int threads) {
            requirePositive("ioThreads", threads);
            this.ioThreads = threads;
            return this;
        }

        /**
         * @param value the longest graceful shutdown; default {@link NotifyServerOptions#DEFAULT_SHUTDOWN_GRACE}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder shutdownGrace(Duration value) {
            requireNotNegative("shutdownGrace", value);
            this.shutdownGrace = value;
            return this;
        }

        /**
         * @param requests the requests one blocking HTTP route handles at once; default
         *     {@value dev.notify.core.runtime.ConsumerRuntime#DEFAULT_ROUTE_CONCURRENCY}
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder routeConcurrency(int requests) {
            requirePositive("routeConcurrency", requests);
            this.routeConcurrency = requests;
            return this;
        }

        /**
         * @param value how long an HTTP handler may take, {@link Duration#ZERO} for none; default
         *     {@link dev.notify.core.runtime.ConsumerRuntime#DEFAULT_REQUEST_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder requestTimeout(Duration value) {
            requireNotNegative("requestTimeout", value);
            this.requestTimeout = value;
            return this;
        }

        /**
         * @param ranges the proxies to trust: addresses such as {@code 127.0.0.1} or {@code ::1},
         *     and CIDR ranges such as {@code 10.0.0.0/8}; default none
         * @return this builder
         * @throws IllegalArgumentException naming a range that is not an IP address or CIDR range
         */
        public Builder trustedProxies(List<String> ranges) {
            List<String> copy = List.copyOf(ranges);
            copy.forEach(TrustedProxies::checkRange);
            this.trustedProxies = copy;
            return this;
        }

        /**
         * @param path the prefix the application is mounted at, such as {@code /chat}; default none
         * @return this builder
         * @throws IllegalArgumentException if not empty and not starting with {@code /}, or ending with {@code /}
         */
        public Builder rootPath(String path) {
            this.rootPath = checkRootPath(path);
            return this;
        }

        /**
         * @param enabled whether to write the access log to {@value NotifyServerOptions#ACCESS_LOGGER};
         *     default {@code false}
         * @return this builder
         */
        public Builder accessLog(boolean enabled) {
            this.accessLog = enabled;
            return this;
        }

        /**
         * @return the options
         */
        public NotifyServerOptions build() {
            return new NotifyServerOptions(host, port, maxFramePayload, maxHttpContentLength, pingInterval, pingTimeout,
                    handshakeTimeout, idleTimeout, requestReadTimeout, closeTimeout, compression, tlsKeys, hstsMaxAge,
                    maxOutboundBuffer, webSocketSendBuffer, transport, ioThreads, shutdownGrace, routeConcurrency, requestTimeout,
                    trustedProxies, rootPath, accessLog);
        }
    }
}
