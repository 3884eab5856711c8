package dev.notify.examples.notifications;

import dev.notify.config.NotifyConfig;
import dev.notify.core.routing.Router;
import dev.notify.examples.notifications.admin.PasswordHasher;
import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.layer.LayerHealth;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Apps started in the test's JVM on a free port of 127.0.0.1, each with its own H2 file database. */
final class TestApps {
    static final String ADMIN = "admin";
    static final String PASSWORD = "correct horse battery";

    private TestApps() {
    }

    /**
     * @param directory where the database lives
     * @param environment extra NOTIFY_* variables
     * @return the started app
     */
    static NotificationApp start(Path directory, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>();
        env.put("NOTIFY_PORT", "0");
        env.put("NOTIFY_DB_URL", TestDatabases.url(directory));
        env.put("NOTIFY_ADMIN_USER", ADMIN);
        env.put("NOTIFY_ADMIN_PASSWORD", PASSWORD);
        env.putAll(environment);
        // fewer iterations than production: the tests log in many times on 2 cores
        return NotificationApp.start(AppConfig.from(NotifyConfig.fromEnvironment(env)), new PasswordHasher(10_000));
    }

    /**
     * @param config the settings
     * @param site the HTTP side, or {@code null}
     * @return the app's routes, ready, with a healthy layer and an empty registry
     */
    static Router routes(AppConfig config, Site site) {
        return AppRoutes.router(config, site, () -> true, () -> LayerHealth.UP, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    static URI ws(NotificationApp app) {
        return URI.create("ws://127.0.0.1:" + app.port() + AppRoutes.WS_PATH);
    }
}
