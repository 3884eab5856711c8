package dev.notify.spring;

import dev.notify.netty.NotifyServer;
import java.util.Map;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the notify server with the application context and shuts it down gracefully in Spring Boot's
 * graceful-shutdown phase, next to the web server's: WebSockets are closed with 1001 while the
 * beans they use still exist, and the channel layer is closed after (as a bean, on destroy).
 */
final class NotifyServerLifecycle implements SmartLifecycle {
    /** The property that holds the bound port once started, as {@code local.server.port} does for the web server. */
    static final String LOCAL_PORT_PROPERTY = "local.notify.server.port";

    // Spring Boot's WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE; not referenced, so that the
    // starter needs no web server on the class path
    private static final int GRACEFUL_SHUTDOWN_PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final NotifyServer server;
    private final ConfigurableEnvironment environment;
    private volatile boolean running;

    NotifyServerLifecycle(NotifyServer server, ConfigurableEnvironment environment) {
        this.server = server;
        this.environment = environment;
    }

    @Override
    public void start() {
        int port = server.start();
        environment.getPropertySources().addFirst(new MapPropertySource("notify.server.ports", Map.of(LOCAL_PORT_PROPERTY, port)));
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        server.closeAsync().whenComplete((done, never) -> {
            running = false;
            callback.run();
        });
    }

    @Override
    public void stop() {
        server.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return GRACEFUL_SHUTDOWN_PHASE;
    }
}
