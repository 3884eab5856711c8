package dev.notify.examples.notifications;

import dev.notify.core.auth.AuthMiddleware;
import dev.notify.core.auth.SessionMiddleware;
import dev.notify.core.routing.HostValidator;
import dev.notify.core.routing.OriginValidator;
import dev.notify.core.routing.Router;
import dev.notify.core.routing.SecurityHeaders;
import dev.notify.http.HttpHandler;
import dev.notify.http.HttpResponse;
import dev.notify.jwt.JwtAuthentication;
import dev.notify.layer.LayerHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The app's routes for each {@link Role}, and the middleware around them:
 *
 * <pre>
 * every route        HostValidator (NOTIFY_ALLOWED_HOSTS), OriginValidator (NOTIFY_ALLOWED_ORIGINS)
 *   /healthz, /ws/test/, /events/, /home, /static/...
 *   /, /ws/me/, /admin/...      SessionMiddleware (sessionid cookie), AuthMiddleware (the user)
 *     /ws/me/                   JwtAuthentication (with NOTIFY_JWT_SECRET), requireUser (403)
 *     /admin/...                CsrfMiddleware
 * </pre>
 */
final class AppRoutes {
    /** The WebSocket path, as in the original. */
    static final String WS_PATH = "/ws/test/";
    /** The Server-Sent Events stream of what {@link #WS_PATH} receives, for clients without WebSockets. */
    static final String EVENTS_PATH = "/events/";
    /** The Prometheus text exposition format that {@code /metrics} answers in. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** The WebSocket path of a logged-in user. */
    static final String ME_PATH = "/ws/me/";

    // Channels' AllowedHostsOriginValidator with DEBUG and no ALLOWED_HOSTS: the local host names, any port
    private static final List<String> LOCAL_ORIGINS = List.of("localhost", "127.0.0.1", "[::1]");

    private AppRoutes() {
    }

    /**
     * @param config the settings (role, allowed hosts and origins, the token secret)
     * @param site the HTTP side; {@code null} for a {@link Role#WS} process
     * @param ready whether {@code /healthz} answers 200 yet
     * @param layerHealth the channel layer's health, for {@code /readyz}
     * @param meters the registry {@code /metrics} shows
     * @return the router
     */
    static Router router(AppConfig config, Site site, BooleanSupplier ready, Supplier<LayerHealth> layerHealth,
            PrometheusMeterRegistry meters) {
        Router.Builder routes = Router.builder()
                .use(SecurityHeaders.defaults())
                .use(HostValidator.allowing(allowedHosts(config)))
                .use(OriginValidator.allowing(allowedOrigins(config)))
                // liveness: the process serves; a layer outage does not make it worth restarting
                .get("/healthz", request -> ready.getAsBoolean()
                        ? HttpResponse.text("ok\n")
                        : HttpResponse.status(503, "starting\n"))
                // readiness: send traffic here only while the layer can serve it
                .get("/readyz", request -> {
                    if (!ready.getAsBoolean()) {
                        return HttpResponse.status(503, "not ready: starting\n");
                    }
                    LayerHealth health = layerHealth.get();
                    return health.up() ? HttpResponse.text("ready: " + health.detail() + "\n")
                            : HttpResponse.status(503, "not ready: channel layer " + health.detail() + "\n");
                })
                .get("/metrics", request -> HttpResponse.builder(200).header("Content-Type", PROMETHEUS_TEXT)
                        .body(meters.scrape()).build());
        if (config.role().servesWebSockets()) {
            routes.asyncWebsocket(WS_PATH, NotificationConsumer::new)
                    .stream(EVENTS_PATH, EventsConsumer::new);
        }
        if (site == null) {
            return routes.build();
        }
        Router.Builder signedIn = Router.builder()
                .use(SessionMiddleware.create(site.sessions))
                .use(AuthMiddleware.create(site.userLoader()));
        if (config.role().servesWebSockets()) {
            Router.Builder me = Router.builder();
            // without NOTIFY_JWT_SECRET token login is off; the session cookie still works
            config.jwtSecret().ifPresent(secret -> me.use(JwtAuthentication.builder()
                    .hmacSecret(secret.getBytes(StandardCharsets.UTF_8))
                    .users(site.userLoader())
                    .build()));
            me.use(AuthMiddleware.requireUser()).asyncWebsocket(ME_PATH, () -> new MeConsumer(site.store, site.clock));
            signedIn.include("", me.build());
        }
        signedIn.get("/", site.live)
                .get("/admin", request -> HttpResponse.redirect("/admin/"))
                .include("/admin", site.admin.router());
        return routes.include("", signedIn.build())
                .get("/home", site.home)
                .staticResources("/static/", "dev/notify/examples/notifications/static")
                .build();
    }

    /**
     * @param config the settings
     * @return NOTIFY_ALLOWED_ORIGINS, or the local host names and the configured host
     */
    static List<String> allowedOrigins(AppConfig config) {
        return config.allowedOrigins().isEmpty() ? withConfiguredHost(LOCAL_ORIGINS, config) : config.allowedOrigins();
    }

    /**
     * @param config the settings
     * @return NOTIFY_ALLOWED_HOSTS, or Django's local names under DEBUG and the configured host
     */
    static List<String> allowedHosts(AppConfig config) {
        return config.allowedHosts().isEmpty() ? withConfiguredHost(HostValidator.LOCAL_HOSTS, config) : config.allowedHosts();
    }

    private static List<String> withConfiguredHost(List<String> local, AppConfig config) {
        List<String> names = new ArrayList<>(local);
        String host = config.host();
        String name = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        if (!host.equals("0.0.0.0") && !host.equals("::") && !names.contains(name)) {
            names.add(name);
        }
        return names;
    }
}
