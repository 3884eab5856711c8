package dev.notify.examples.notifications;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.core.routing.Router;
import dev.notify.layer.ChannelLayer;
import dev.notify.netty.NotifyServer;
import dev.notify.netty.NotifyServerOptions;
import io.micrometer.core.instrument.MeterRegistry;

/** The Netty server of one app process, with a taken port reported as a configuration problem. */
final class AppServer implements AutoCloseable {
    private final NotifyServer server;
    private final int port;

    private AppServer(NotifyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static AppServer start(AppConfig config, Router router, ChannelLayer layer, MeterRegistry meters) {
        // notify.server.* keys (ping interval, frame size, TLS...) tune the server; host and port are the app's own keys
        NotifyServerOptions.Builder options = NotifyServerOptions.fromConfig(config.source()).toBuilder();
        if (config.source().lookup(NotifyServerOptions.ACCESS_LOG_KEY) == null) {
            options.accessLog(true); // on unless configured: the app is what an operator runs first
        }
        NotifyServer server = NotifyServer.builder()
                .options(options.build())
                .host(config.host())
                .port(config.port())
                .router(router)
                .layer(layer)
                .meterRegistry(meters)
                .build();
        try {
            return new AppServer(server, server.start());
        } catch (IllegalStateException e) {
            server.close();
            throw new InvalidConfigurationException("NOTIFY_HOST=" + config.host() + " NOTIFY_PORT=" + config.port()
                    + ": cannot listen there (" + NotificationApp.rootMessage(e) + "); stop what uses the port or choose another");
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        server.close();
    }
}
