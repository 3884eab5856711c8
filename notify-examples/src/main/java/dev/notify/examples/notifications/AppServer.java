package dev.notify.examples.notifications;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.core.routing.Router;
import dev.notify.layer.ChannelLayer;
import dev.notify.netty.NotifyServer;
import dev.notify.netty.NotifyServerOptions;

/** The Netty server of one app process, with a taken port reported as a configuration problem. */
final class AppServer implements AutoCloseable {
    private final NotifyServer server;
    private final int port;

    private AppServer(NotifyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static AppServer start(AppConfig config, Router router, ChannelLayer layer) {
        // notify.server.* keys (ping interval, frame size, TLS...) tune the server; host and port are the app's own keys
        NotifyServer server = NotifyServer.builder()
                .options(NotifyServerOptions.fromConfig(config.source()))
                .host(config.host())
                .port(config.port())
                .router(router)
                .layer(layer)
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
