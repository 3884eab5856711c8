package dev.notify.spring;

import dev.notify.core.routing.Router;

/**
 * A bean that adds routes to the router the auto-configuration builds: HTTP handlers, static
 * resources, WebSocket routes with factories of your own. Customizers run in {@code @Order} after
 * the {@link dev.notify.core.routing.Middleware} beans and the {@link NotifyConsumer} beans were
 * added, so their routes are tried after those of the consumers.
 *
 * <pre>{@code
 * @Bean
 * NotifyRouterCustomizer healthRoute() {
 *     return routes -> routes.get("/healthz", request -> HttpResponse.text("ok"));
 * }
 * }</pre>
 *
 * <p>Not used when the application defines its own {@link Router} bean.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface NotifyRouterCustomizer {

    /**
     * @param routes the builder of the router the server will serve
     */
    void customize(Router.Builder routes);
}
