package dev.notify.examples.notifications;

import dev.notify.core.routing.OriginValidator;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpHandler;
import dev.notify.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The app's routes for each {@link Role}. */
final class AppRoutes {
    /** The WebSocket path, as in the original. */
    static final String WS_PATH = "/ws/test/";

    // Channels' AllowedHostsOriginValidator with DEBUG and no ALLOWED_HOSTS: the local host names, any port
    private static final List<String> LOCAL_ORIGINS = List.of("localhost", "127.0.0.1", "[::1]");

    private AppRoutes() {
    }

    /**
     * @param config the settings (role, allowed origins)
     * @param site the HTTP side; {@code null} for a {@link Role#WS} process
     * @param ready whether {@code /healthz} answers 200 yet
     * @return the router
     */
    static Router router(AppConfig config, Site site, BooleanSupplier ready) {
        Router.Builder routes = Router.builder()
                .use(OriginValidator.allowing(allowedOrigins(config)))
                .get("/healthz", request -> ready.getAsBoolean()
                        ? HttpResponse.text("ok\n")
                        : HttpResponse.status(503, "starting\n"));
        if (config.role().servesWebSockets()) {
            routes.asyncWebsocket(WS_PATH, NotificationConsumer::new);
        }
        if (config.role().servesHttp()) {
            routes.get("/", site.live)
                    .get("/home", site.home)
                    .staticResources("/static/", "dev/notify/examples/notifications/static");
            for (Map.Entry<String, HttpHandler> route : site.admin.routes().entrySet()) {
                routes.get(route.getKey(), route.getValue()).post(route.getKey(), route.getValue());
            }
        }
        return routes.build();
    }

    /**
     * @param config the settings
     * @return NOTIFY_ALLOWED_ORIGINS, or the local host names and the configured host
     */
    static List<String> allowedOrigins(AppConfig config) {
        if (!config.allowedOrigins().isEmpty()) {
            return config.allowedOrigins();
        }
        List<String> origins = new ArrayList<>(LOCAL_ORIGINS);
        String host = config.host();
        if (!host.equals("0.0.0.0") && !host.equals("::") && !origins.contains(host)) {
            origins.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        return origins;
    }
}
