package dev.notify.examples.notifications;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.core.routing.Router;
import dev.notify.examples.notifications.admin.PasswordHasher;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.io.PrintStream;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification app of the original Django project, on notify: the {@code /ws/test/} consumer,
 * the {@code /home} burst, the stored notifications with their admin, and a live page.
 *
 * <pre>
 * mvn -B -q package -DskipTests &amp;&amp; java -jar notify-examples/target/notify-examples.jar
 * </pre>
 *
 * <p>Configuration is described in {@link AppConfig}; {@code createsuperuser} and
 * {@code changepassword} are in {@link ManagementCommands}.
 */
public final class NotificationApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotificationApp.class);

    /** The exit code of a start refused for its configuration. */
    public static final int EXIT_CONFIGURATION = 2;

    /**
     * The per-channel capacity the app gives the in-memory, Redis and NATS layers unless configured:
     * Channels' 100 would drop most of a {@code /home?count=1000&delay=0} burst for every client
     * that falls behind, since a group send skips full channels.
     */
    public static final int DEFAULT_CHANNEL_CAPACITY = 1000;

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int RUNNING = -1;

    private final AppConfig config;
    private final ChannelLayer layer;
    private final Site site;
    private final AtomicBoolean ready = new AtomicBoolean();
    private AppServer server;

    private NotificationApp(AppConfig config, ChannelLayer layer, Site site) {
        this.config = config;
        this.layer = layer;
        this.site = site;
    }

    /**
     * Starts the app: the channel layer (checked to answer), the database (schema created on first
     * start, admin user created if configured), then the server.
     *
     * @param config the settings
     * @return the running app
     * @throws InvalidConfigurationException with one line per problem, when anything the
     *     configuration names cannot be used: an unreachable Redis or NATS, a database that does not open,
     *     a port that is taken
     */
    public static NotificationApp start(AppConfig config) {
        return start(config, new PasswordHasher());
    }

    static NotificationApp start(AppConfig config, PasswordHasher hasher) {
        ChannelLayer layer = openLayer(config);
        Site site = null;
        try {
            if (config.role().servesHttp()) {
                site = openSite(config, layer, hasher);
            }
            NotificationApp app = new NotificationApp(config, layer, site);
            Router router = AppRoutes.router(config, site, app.ready::get);
            app.server = AppServer.start(config, router, layer);
            app.ready.set(true);
            log.info(app.startupLine());
            return app;
        } catch (RuntimeException e) {
            if (site != null) {
                site.close();
            }
            layer.close();
            throw e;
        }
    }

    private static ChannelLayer openLayer(AppConfig config) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(AppConfig.LAYER, config.layer());
        if (config.layer().startsWith("redis")) {
            keys.put(AppConfig.REDIS_URL, config.redisUrl());
        } else if (config.layer().equals("nats")) {
            keys.put(AppConfig.NATS_URL, config.natsUrl());
        }
        // the pub/sub layer has no queues, hence no capacity
        String capacityKey = Map.of("inmemory", "notify.inmemory.capacity", "redis", "notify.redis.capacity",
                "nats", "notify.nats.capacity").get(config.layer());
        if (capacityKey != null && config.source().lookup(capacityKey) == null) {
            keys.put(capacityKey, Integer.toString(DEFAULT_CHANNEL_CAPACITY));
        }
        NotifyConfig layerConfig = config.source().overriding(NotifyConfig.fromMap(keys));
        ChannelLayer layer;
        try {
            layer = ChannelLayers.fromConfig(layerConfig);
        } catch (InvalidConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachableBroker(config, e);
        }
        try {
            // a Redis client connects lazily: ask once so that a wrong URL fails the start, not the first user
            layer.blocking(PROBE_TIMEOUT).groupSend("notify-startup-probe", Message.of("startup.probe"));
        } catch (RuntimeException e) {
            layer.close();
            throw unreachableBroker(config, e);
        }
        return layer;
    }

    private static InvalidConfigurationException unreachableBroker(AppConfig config, RuntimeException e) {
        if (config.layer().equals("nats")) {
            return new InvalidConfigurationException("NOTIFY_NATS_URL=" + AppConfig.redact(config.natsUrl())
                    + " (NOTIFY_LAYER=nats): cannot reach NATS (" + rootMessage(e) + "); start nats-server there or fix the URL");
        }
        return new InvalidConfigurationException("NOTIFY_REDIS_URL=" + AppConfig.redact(config.redisUrl())
                + " (NOTIFY_LAYER=" + config.layer() + "): cannot reach Redis (" + rootMessage(e)
                + "); start redis-server there or fix the URL");
    }

    private static Site openSite(AppConfig config, ChannelLayer layer, PasswordHasher hasher) {
        try {
            return Site.open(config, layer, Clock.systemUTC(), hasher);
        } catch (SQLException e) {
            throw new InvalidConfigurationException("NOTIFY_DB_URL=" + AppConfig.redact(config.dbUrl())
                    + ": cannot open the database (" + rootMessage(e) + "); fix the URL, start the database"
                    + " server, or check its user and password");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** @return the port the server listens on */
    public int port() {
        return server.port();
    }

    /** @return the base HTTP URL, such as {@code http://127.0.0.1:8000} */
    public URI baseUrl() {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** @return whether the app serves requests */
    public boolean isReady() {
        return ready.get();
    }

    private String startupLine() {
        String base = baseUrl().toString();
        List<String> urls = new ArrayList<>();
        if (config.role().servesHttp()) {
            urls.add("live page " + base + "/");
            urls.add("admin " + base + "/admin/");
            urls.add("burst " + base + "/home?count=9&delay=2");
        }
        if (config.role().servesWebSockets()) {
            urls.add("WebSocket " + base.replaceFirst("^http", "ws") + AppRoutes.WS_PATH);
        }
        urls.add("health " + base + "/healthz");
        return "notify app ready (role " + config.role().configName() + ", layer " + config.layer()
                + (site == null ? "" : ", database " + AppConfig.redact(config.dbUrl())) + "): " + String.join(" | ", urls);
    }

    /** Stops serving (WebSocket clients get 1001), then closes the database and the layer. */
    @Override
    public void close() {
        ready.set(false);
        try {
            server.close();
        } finally {
            try {
                if (site != null) {
                    site.close();
                }
            } finally {
                layer.close();
            }
        }
    }

    /**
     * Runs a command: {@code runserver} (the default), {@code createsuperuser} or {@code changepassword}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != RUNNING) {
            System.exit(code);
        }
    }

    /**
     * @param args the command line
     * @param environment the environment variables
     * @param out where commands report
     * @param err where a refused start says why, in one line
     * @return the exit code, or a negative value while the server runs
     */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        try {
            if (rest.contains("--help") || rest.contains("-h") || rest.contains("help")) {
                out.println(ManagementCommands.usage());
                return 0;
            }
            Optional<String> configFile = Optional.empty();
            int flag = rest.indexOf("--config");
            if (flag >= 0) {
                if (flag + 1 >= rest.size()) {
                    err.println("notify: --config needs a file name");
                    return EXIT_CONFIGURATION;
                }
                configFile = Optional.of(rest.get(flag + 1));
                rest.subList(flag, flag + 2).clear();
            }
            AppConfig config = AppConfig.from(AppConfig.load(environment, configFile));
            String command = rest.isEmpty() ? "runserver" : rest.remove(0);
            ManagementCommands commands = new ManagementCommands(config,
                    Optional.ofNullable(System.console()).map(ManagementCommands.Prompter::of), out, new PasswordHasher());
            switch (command) {
                case "runserver":
                    NotificationApp app = start(config);
                    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "notify-shutdown"));
                    return RUNNING;
                case "createsuperuser":
                    return commands.createSuperuser(rest);
                case "changepassword":
                    return commands.changePassword(rest);
                default:
                    err.println("notify: unknown command '" + command + "'; use runserver, createsuperuser or changepassword (--help)");
                    return EXIT_CONFIGURATION;
            }
        } catch (InvalidConfigurationException e) {
            err.println("notify: cannot start: " + String.join("; ", e.problems()));
            return EXIT_CONFIGURATION;
        } catch (SQLException e) {
            err.println("notify: database error: " + rootMessage(e));
            return 1;
        }
    }

    @Override
    public String toString() {
        return "NotificationApp{" + config.role().configName() + " on " + (server == null ? "-" : baseUrl()) + "}";
    }
}
