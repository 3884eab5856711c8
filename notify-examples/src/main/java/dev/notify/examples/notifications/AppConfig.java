package dev.notify.examples.notifications;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.examples.notifications.admin.PasswordHasher;
import dev.notify.examples.notifications.store.Database;
import dev.notify.examples.notifications.store.UserStore;
import dev.notify.redis.RedisLayerOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The app's settings. Each key is also an environment variable ({@code notify.redis.url} is
 * {@code NOTIFY_REDIS_URL}); a properties file may use either spelling. Precedence, lowest first:
 * the properties file, environment variables, {@code -Dnotify.*} system properties.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>environment</th><th>default</th></tr>
 * <tr><td>notify.host</td><td>NOTIFY_HOST</td><td>127.0.0.1</td></tr>
 * <tr><td>notify.port</td><td>NOTIFY_PORT</td><td>8000 (0 = any free port)</td></tr>
 * <tr><td>notify.layer</td><td>NOTIFY_LAYER</td><td>inmemory (or redis, redis-pubsub, nats)</td></tr>
 * <tr><td>notify.redis.url</td><td>NOTIFY_REDIS_URL</td><td>redis://127.0.0.1:6379</td></tr>
 * <tr><td>notify.redis.cluster</td><td>NOTIFY_REDIS_CLUSTER</td><td>false (true: the URL lists Redis Cluster seed nodes)</td></tr>
 * <tr><td>notify.nats.url</td><td>NOTIFY_NATS_URL</td><td>nats://127.0.0.1:4222</td></tr>
 * <tr><td>notify.db.url</td><td>NOTIFY_DB_URL</td><td>an H2 file database under ./data</td></tr>
 * <tr><td>notify.role</td><td>NOTIFY_ROLE</td><td>all (or http, ws)</td></tr>
 * <tr><td>notify.allowed-origins</td><td>NOTIFY_ALLOWED_ORIGINS</td><td>localhost, 127.0.0.1, [::1] on any port</td></tr>
 * <tr><td>notify.allowed-hosts</td><td>NOTIFY_ALLOWED_HOSTS</td><td>.localhost, 127.0.0.1, [::1] and notify.host</td></tr>
 * <tr><td>notify.jwt.secret</td><td>NOTIFY_JWT_SECRET</td><td>none: token login is off</td></tr>
 * <tr><td>notify.admin.user</td><td>NOTIFY_ADMIN_USER</td><td>none</td></tr>
 * <tr><td>notify.admin.password</td><td>NOTIFY_ADMIN_PASSWORD</td><td>none</td></tr>
 * <tr><td>notify.ws-url</td><td>NOTIFY_WS_URL</td><td>the page's own origin + /ws/test/</td></tr>
 * <tr><td>notify.home.max-duration</td><td>NOTIFY_HOME_MAX_DURATION</td><td>30s: the largest count × delay of /home</td></tr>
 * <tr><td>notify.workers</td><td>NOTIFY_WORKERS</td><td>in-process (or off: a {@code runworker} process
 *     consumes {@value DigestWorker#CHANNEL})</td></tr>
 * </table>
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param layer the channel layer's name
 * @param redisUrl the Redis URL(s) for the redis layers, in any form they take (see {@link RedisLayerOptions#uris()})
 * @param natsUrl the NATS server URLs for the nats layer, comma-separated
 * @param dbUrl the JDBC URL of the notification store
 * @param role what this process serves
 * @param allowedOrigins the browser origins allowed to open WebSockets; empty for the local default
 * @param allowedHosts the {@code Host} names served (Django's {@code ALLOWED_HOSTS}); empty for the
 *     local default
 * @param adminUser the admin user to create on first start, if any
 * @param adminPassword that user's password
 * @param wsUrl the WebSocket URL the live page connects to; empty for its own origin
 * @param jwtSecret the HS256 secret that signs tokens for {@code /ws/me/}; empty: token login is off
 * @param homeMaxDuration the largest {@code count × delay} a {@code /home} request may ask for
 * @param source the configuration these were read from, passed on to the channel layer
 */
public record AppConfig(
        String host,
        int port,
        String layer,
        String redisUrl,
        String natsUrl,
        String dbUrl,
        Role role,
        List<String> allowedOrigins,
        List<String> allowedHosts,
        Optional<String> adminUser,
        Optional<String> adminPassword,
        Optional<String> wsUrl,
        Optional<String> jwtSecret,
        Duration homeMaxDuration,
        NotifyConfig source) {

    /** The key of the listen address. */
    public static final String HOST = "notify.host";
    /** The key of the listen port. */
    public static final String PORT = "notify.port";
    /** The key of the layer name (read by {@code ChannelLayers} too). */
    public static final String LAYER = "notify.layer";
    /** The key of the Redis URL. */
    public static final String REDIS_URL = "notify.redis.url";
    /** The key of the NATS URLs. */
    public static final String NATS_URL = "notify.nats.url";
    /** The key of the JDBC URL. */
    public static final String DB_URL = "notify.db.url";
    /** The key that says where the worker channels are consumed: {@code in-process} or {@code off}. */
    public static final String WORKERS = "notify.workers";

    /** The key of the role. */
    public static final String ROLE = "notify.role";
    /** The key of the allowed WebSocket origins. */
    public static final String ALLOWED_ORIGINS = "notify.allowed-origins";
    /** The key of the served host names. */
    public static final String ALLOWED_HOSTS = "notify.allowed-hosts";
    /** The key of the token secret. */
    public static final String JWT_SECRET = "notify.jwt.secret";
    /** The shortest token secret, in UTF-8 bytes: HS256 keys have at least 256 bits. */
    public static final int MIN_JWT_SECRET_BYTES = 32;
    /** The key of the admin user name. */
    public static final String ADMIN_USER = "notify.admin.user";
    /** The key of the admin password. */
    public static final String ADMIN_PASSWORD = "notify.admin.password";
    /** The key of the live page's WebSocket URL. */
    public static final String WS_URL = "notify.ws-url";
    /** The key of the largest {@code count × delay} of {@code /home}, a duration. */
    public static final String HOME_MAX_DURATION = "notify.home.max-duration";
    /**
     * 30 seconds: the issue's {@code count=2&delay=15} still runs, and every {@code /home} request
     * ends well within the server's request timeout.
     */
    public static final Duration DEFAULT_HOME_MAX_DURATION = Duration.ofSeconds(30);
    /** The key (or {@code --config} argument) naming the properties file. */
    public static final String CONFIG_FILE = "notify.config";

    /** The layers the app offers. */
    public static final List<String> LAYERS = List.of("inmemory", "redis", "redis-pubsub", "nats");

    /** Copies the lists. */
    public AppConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
    }

    /**
     * Reads the environment, the system properties and the properties file they name (or
     * {@code ./notify.properties} if it exists).
     *
     * @param environment the process environment
     * @param configFileArgument a {@code --config} path from the command line, if any
     * @return the merged configuration
     * @throws InvalidConfigurationException if a named properties file cannot be read
     */
    public static NotifyConfig load(Map<String, String> environment, Optional<String> configFileArgument) {
        NotifyConfig env = NotifyConfig.fromEnvironment(environment);
        NotifyConfig system = NotifyConfig.fromSystemProperties();
        Optional<String> named = configFileArgument.or(() -> Optional.ofNullable(env.overriding(system).lookup(CONFIG_FILE)));
        NotifyConfig file = NotifyConfig.EMPTY;
        if (named.isPresent()) {
            Path path = Path.of(named.get());
            if (!Files.isReadable(path)) {
                throw new InvalidConfigurationException("configuration file " + path.toAbsolutePath()
                        + " cannot be read; fix the --config argument or NOTIFY_CONFIG");
            }
            file = NotifyConfig.fromFile(path);
        } else if (Files.isReadable(Path.of("notify.properties"))) {
            file = NotifyConfig.fromFile(Path.of("notify.properties"));
        }
        return file.overriding(env).overriding(system);
    }

    /**
     * Validates every key and reports every problem at once.
     *
     * @param config the configuration
     * @return the settings
     * @throws InvalidConfigurationException listing every bad key with its fix
     */
    public static AppConfig from(NotifyConfig config) {
        List<String> problems = new ArrayList<>();
        String host = valueOr(config, HOST, "127.0.0.1");

        int port = 8000;
        String portText = value(config, PORT);
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                problems.add(envName(PORT) + "=" + portText + " is not a port; use a number from 1 to 65535 (0 picks a free port)");
            }
        }

        String layer = valueOr(config, LAYER, "inmemory").toLowerCase(Locale.ROOT);
        if (!LAYERS.contains(layer)) {
            problems.add(envName(LAYER) + "=" + layer + " is not a layer; use one of " + String.join(", ", LAYERS));
        }

        String redisUrl = valueOr(config, REDIS_URL, RedisLayerOptions.DEFAULT_URI);
        if (layer.startsWith("redis") && !isRedisUrl(redisUrl)) {
            problems.add(envName(REDIS_URL) + "=" + redact(redisUrl) + " is not a Redis URL; write redis://HOST:PORT"
                    + " (rediss:// for TLS, several comma-separated to shard,"
                    + " redis-sentinel://HOST:PORT/0#MASTER for Sentinel)");
        }

        String natsUrl = valueOr(config, NATS_URL, "nats://127.0.0.1:4222");
        if (layer.equals("nats")) {
            for (String url : natsUrl.split(",")) {
                if (!isNatsUrl(url.strip())) {
                    problems.add(envName(NATS_URL) + "=" + redact(natsUrl) + " is not a list of NATS URLs;"
                            + " write nats://HOST:PORT (tls://HOST:PORT for TLS), comma-separated for a cluster");
                    break;
                }
            }
        }

        String dbUrl = valueOr(config, DB_URL, Database.DEFAULT_URL);
        String dbProblem = Database.problemWith(dbUrl);
        if (dbProblem != null) {
            problems.add(envName(DB_URL) + "=" + redact(dbUrl) + " " + dbProblem);
        }

        Role role = Role.ALL;
        String roleText = valueOr(config, ROLE, "all");
        try {
            role = Role.valueOf(roleText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(envName(ROLE) + "=" + roleText + " is not a role; use all, http or ws");
        }
        if (role != Role.ALL && layer.equals("inmemory")) {
            problems.add(envName(ROLE) + "=" + role.configName() + " needs a layer that crosses processes;"
                    + " set NOTIFY_LAYER=redis and NOTIFY_REDIS_URL, or NOTIFY_LAYER=nats and NOTIFY_NATS_URL"
                    + " (the in-memory layer stays in one process)");
        }

        List<String> origins = list(config, ALLOWED_ORIGINS);
        List<String> hosts = list(config, ALLOWED_HOSTS);

        Optional<String> adminUser = Optional.ofNullable(value(config, ADMIN_USER));
        Optional<String> adminPassword = Optional.ofNullable(config.lookup(ADMIN_PASSWORD)).filter(p -> !p.isEmpty());
        if (adminUser.isPresent() != adminPassword.isPresent()) {
            problems.add("set both NOTIFY_ADMIN_USER and NOTIFY_ADMIN_PASSWORD to create the admin user, or neither");
        }
        adminUser.map(UserStore::problemWithUsername)
                .ifPresent(p -> problems.add(envName(ADMIN_USER) + "=" + adminUser.get() + " is not a user name; " + p));
        adminPassword.map(PasswordHasher::problemWithPassword)
                .ifPresent(p -> problems.add(envName(ADMIN_PASSWORD) + " is too weak; " + p));

        Optional<String> wsUrl = Optional.ofNullable(value(config, WS_URL));
        wsUrl.filter(u -> !u.startsWith("ws://") && !u.startsWith("wss://"))
                .ifPresent(u -> problems.add(envName(WS_URL) + "=" + u + " is not a WebSocket URL; write ws://HOST:PORT/ws/test/"));

        Duration homeMaxDuration = DEFAULT_HOME_MAX_DURATION;
        String homeMaxText = value(config, HOME_MAX_DURATION);
        if (homeMaxText != null) {
            try {
                homeMaxDuration = NotifyConfig.parseDuration(HOME_MAX_DURATION, homeMaxText);
            } catch (IllegalArgumentException e) {
                homeMaxDuration = Duration.ZERO;
            }
            if (homeMaxDuration.isZero() || homeMaxDuration.isNegative()) {
                problems.add(envName(HOME_MAX_DURATION) + "=" + homeMaxText + " is not a duration; write one such as 30s or 2m");
            }
        }

        String workers = valueOr(config, WORKERS, "in-process");
        if (!List.of("in-process", "off").contains(workers)) {
            problems.add(envName(WORKERS) + "=" + workers + " is not a choice; use in-process (the default) or off"
                    + " (when a runworker process consumes " + DigestWorker.CHANNEL + ")");
        }

        Optional<String> jwtSecret = Optional.ofNullable(config.lookup(JWT_SECRET)).filter(secret -> !secret.isEmpty());
        jwtSecret.filter(secret -> secret.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES)
                .ifPresent(secret -> problems.add(envName(JWT_SECRET) + " is too short for HS256; use at least "
                        + MIN_JWT_SECRET_BYTES + " bytes, such as the output of: openssl rand -base64 48"));

        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new AppConfig(host, port, layer, redisUrl, natsUrl, dbUrl, role, origins, hosts, adminUser, adminPassword, wsUrl,
                jwtSecret, homeMaxDuration, config);
    }

    /**
     * @return whether a process that serves HTTP (and so has the database) consumes the worker
     *     channels itself; false when {@value #WORKERS} is {@code off}
     */
    public boolean workersInProcess() {
        return !"off".equals(valueOr(source, WORKERS, "in-process"));
    }

    private static List<String> list(NotifyConfig config, String key) {
        return Arrays.stream(valueOr(config, key, "").split("[,\\s]+")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    /** Asks the Redis layers themselves, so that the app takes every URL they take. */
    private static boolean isRedisUrl(String url) {
        try {
            RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of(REDIS_URL, url)));
            return true;
        } catch (InvalidConfigurationException e) {
            return false;
        }
    }

    private static boolean isNatsUrl(String url) {
        try {
            URI uri = new URI(url);
            return List.of("nats", "tls").contains(String.valueOf(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * @param url a URL that may carry a password
     * @return the URL without its query string and user info
     */
    public static String redact(String url) {
        String withoutQuery = url.replaceAll("[?;].*$", "");
        return withoutQuery.replaceAll("//[^/@]*@", "//***@");
    }

    private static String value(NotifyConfig config, String key) {
        String value = config.lookup(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String valueOr(NotifyConfig config, String key, String defaultValue) {
        String value = value(config, key);
        return value == null ? defaultValue : value;
    }

    private static String envName(String key) {
        return NotifyConfig.environmentName(key);
    }
}
