package dev.notify.core.routing;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.Scope;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.http.AsyncHttpConsumer;
import dev.notify.http.AsyncHttpHandler;
import dev.notify.http.HttpHandler;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Maps WebSocket paths to consumer factories and HTTP methods and paths to handlers, with
 * middleware around both: Channels' {@code ProtocolTypeRouter} and {@code URLRouter}, Django's
 * {@code path()} and {@code include()}. Immutable and thread-safe once built.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .use(OriginValidator.allowing("localhost", "127.0.0.1"))
 *         .websocket("/ws/public/", PublicConsumer::new)
 *         .include("/ws/private", Router.builder()
 *                 .use(AuthMiddleware.requireUser())             // only for the routes of this router
 *                 .websocket("/{room:slug}/", RoomConsumer::new)  // /ws/private/lobby/
 *                 .build())
 *         .get("/items/{id:int}", request -> HttpResponse.text("item " + request.routeParameter("id", Long.class)))
 *         .staticResources("/static/", "static")
 *         .build();
 * }</pre>
 *
 * <p>Routes are tried in the order they were added; the first template that matches (value types
 * included, see {@link PathTemplate}) wins. An HTTP path that matches only routes of other methods
 * is a 405; a path no route matches is a 404.
 *
 * <p>Middleware added with {@link Builder#use} runs for every request, before routing. An
 * included router's own middleware runs after routing, only for its routes, after the including
 * router's; that is how a route gets middleware of its own.
 *
 * @since 0.1
 */
public final class Router {
    private final List<Middleware> middleware;
    private final List<WebSocketRoute> webSocketRoutes;
    private final List<HttpRoute> httpRoutes;

    private Router(Builder b) {
        this.middleware = List.copyOf(b.middleware);
        this.webSocketRoutes = List.copyOf(b.webSocketRoutes);
        this.httpRoutes = List.copyOf(b.httpRoutes);
    }

    /** @return a builder of an empty router */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param path a decoded request path
     * @return the first WebSocket route whose template matches, with the captured parameters
     */
    public Optional<WebSocketMatch> matchWebSocket(String path) {
        for (WebSocketRoute route : webSocketRoutes) {
            Optional<Map<String, Object>> params = route.template().match(path);
            if (params.isPresent()) {
                return Optional.of(new WebSocketMatch(route, params.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * @param method the request method
     * @param path the decoded request path
     * @return the match, or why there is none
     */
    public HttpMatch matchHttp(String method, String path) {
        String upper = method.toUpperCase(Locale.ROOT);
        Set<String> allowed = new LinkedHashSet<>();
        for (HttpRoute route : httpRoutes) {
            Optional<Map<String, Object>> params = route.template().match(path);
            if (params.isPresent()) {
                if (route.method().equals(upper) || ("HEAD".equals(upper) && "GET".equals(route.method()))) {
                    return new HttpMatch(route, params.get(), Set.of());
                }
                allowed.add(route.method());
            }
        }
        return new HttpMatch(null, Map.of(), allowed);
    }

    /**
     * Handles an HTTP request: the middleware in order, then routing (404, or 405 with
     * {@code Allow}), then the route's own middleware, then {@code endpoint} with the matched route
     * and the request carrying the captured route parameters.
     *
     * @param request the request
     * @param endpoint runs the matched route's handler
     * @return completes with the response; fails if a middleware or the endpoint failed
     */
    public CompletionStage<HttpResponse> dispatchHttp(HttpRequest request,
            BiFunction<HttpRoute, HttpRequest, CompletionStage<HttpResponse>> endpoint) {
        return Middleware.chain(middleware, routed -> {
            HttpMatch match = matchHttp(routed.method(), routed.path());
            if (!match.found()) {
                return CompletableFuture.completedFuture(match.allowedMethods().isEmpty()
                        ? HttpResponse.status(404, "Not Found")
                        : HttpResponse.builder(405).header("Allow", String.join(", ", match.allowedMethods()))
                                .header("Content-Type", "text/plain; charset=utf-8").body("Method Not Allowed").build());
            }
            HttpRoute route = match.route();
            return Middleware.chain(route.middleware(), inner -> endpoint.apply(route, inner))
                    .handle(routed.withScope(routed.scope().withRouteParameters(match.parameters())));
        }).handle(request);
    }

    /**
     * Handles a WebSocket handshake: the middleware in order, then routing (404 for a path no
     * route matches), then the route's own middleware, then {@code endpoint} with the matched route
     * and the handshake request carrying the captured route parameters. See {@link Middleware} for
     * what the responses mean.
     *
     * @param handshake the upgrade request, with a {@link Scope.Type#WEBSOCKET} scope
     * @param endpoint makes the consumer; completes when it accepts (101) or refuses
     * @return completes with the handshake's answer; fails if a middleware or the endpoint failed
     */
    public CompletionStage<HttpResponse> dispatchWebSocket(HttpRequest handshake,
            BiFunction<WebSocketRoute, HttpRequest, CompletionStage<HttpResponse>> endpoint) {
        return Middleware.chain(middleware, routed -> {
            Optional<WebSocketMatch> match = matchWebSocket(routed.path());
            if (match.isEmpty()) {
                return CompletableFuture.completedFuture(HttpResponse.status(404, "no WebSocket route for " + routed.path()));
            }
            WebSocketRoute route = match.get().route();
            return Middleware.chain(route.middleware(), inner -> endpoint.apply(route, inner))
                    .handle(routed.withScope(routed.scope().withRouteParameters(match.get().parameters())));
        }).handle(handshake);
    }

    /** @return whether any WebSocket route is defined */
    public boolean hasWebSocketRoutes() {
        return !webSocketRoutes.isEmpty();
    }

    /**
     * A WebSocket route: a template, the middleware of the routers that included it, and a factory
     * of one consumer per connection, synchronous or asynchronous.
     *
     * @since 0.1
     */
    public sealed interface WebSocketRoute permits WebSocketRoute.Sync, WebSocketRoute.Async {
        /** @return the path template */
        PathTemplate template();

        /** @return the middleware that runs for this route only, after routing */
        List<Middleware> middleware();

        /**
         * A route to synchronous consumers: their hooks may block and run on worker threads.
         *
         * @param template the path template
         * @param middleware runs for this route only
         * @param factory makes one consumer per connection
         */
        record Sync(PathTemplate template, List<Middleware> middleware, Supplier<? extends WebSocketConsumer> factory)
                implements WebSocketRoute {
            /**
             * Copies the middleware.
             *
             * @param template the path template
             * @param middleware runs for this route only
             * @param factory makes one consumer per connection
             */
            public Sync {
                middleware = List.copyOf(middleware);
            }
        }

        /**
         * A route to asynchronous consumers: their hooks never block.
         *
         * @param template the path template
         * @param middleware runs for this route only
         * @param factory makes one consumer per connection
         */
        record Async(PathTemplate template, List<Middleware> middleware, Supplier<? extends AsyncWebSocketConsumer> factory)
                implements WebSocketRoute {
            /**
             * Copies the middleware.
             *
             * @param template the path template
             * @param middleware runs for this route only
             * @param factory makes one consumer per connection
             */
            public Async {
                middleware = List.copyOf(middleware);
            }
        }
    }

    /**
     * A matched WebSocket route.
     *
     * @param route the route
     * @param parameters the captured parameters, converted
     * @since 0.1
     */
    public record WebSocketMatch(WebSocketRoute route, Map<String, Object> parameters) {
    }

    /**
     * An HTTP route: a method, a template, the middleware of the routers that included it, and a
     * handler that may block or never blocks.
     *
     * @since 0.1
     */
    public sealed interface HttpRoute permits HttpRoute.Blocking, HttpRoute.Async, HttpRoute.Stream {
        /** @return the upper-case method */
        String method();

        /** @return the path template */
        PathTemplate template();

        /** @return the middleware that runs for this route only, after routing */
        List<Middleware> middleware();

        /**
         * A route whose handler may block; it runs on a worker thread.
         *
         * @param method the upper-case method
         * @param template the path template
         * @param middleware runs for this route only
         * @param handler the handler
         */
        record Blocking(String method, PathTemplate template, List<Middleware> middleware, HttpHandler handler) implements HttpRoute {
            /**
             * Copies the middleware.
             *
             * @param method the upper-case method
             * @param template the path template
             * @param middleware runs for this route only
             * @param handler the handler
             */
            public Blocking {
                middleware = List.copyOf(middleware);
            }
        }

        /**
         * A route whose handler never blocks.
         *
         * @param method the upper-case method
         * @param template the path template
         * @param middleware runs for this route only
         * @param handler the handler
         */
        record Async(String method, PathTemplate template, List<Middleware> middleware, AsyncHttpHandler handler) implements HttpRoute {
            /**
             * Copies the middleware.
             *
             * @param method the upper-case method
             * @param template the path template
             * @param middleware runs for this route only
             * @param handler the handler
             */
            public Async {
                middleware = List.copyOf(middleware);
            }
        }

        /**
         * A route to streaming consumers: one {@link AsyncHttpConsumer} per request, whose response
         * stays open while it streams (Server-Sent Events, long polling). Its hooks never block.
         *
         * @param method the upper-case method
         * @param template the path template
         * @param middleware runs for this route only
         * @param factory makes one consumer per request
         * @since 0.3
         */
        record Stream(String method, PathTemplate template, List<Middleware> middleware,
                Supplier<? extends AsyncHttpConsumer> factory) implements HttpRoute {
            /**
             * Copies the middleware.
             *
             * @param method the upper-case method
             * @param template the path template
             * @param middleware runs for this route only
             * @param factory makes one consumer per request
             */
            public Stream {
                middleware = List.copyOf(middleware);
            }
        }
    }

    /**
     * The result of HTTP routing.
     *
     * @param route the matched route, or {@code null}
     * @param parameters the captured parameters, converted
     * @param allowedMethods when no route matched but the path did: the methods it accepts (a 405)
     * @since 0.1
     */
    public record HttpMatch(HttpRoute route, Map<String, Object> parameters, Set<String> allowedMethods) {
        /** @return whether a route matched */
        public boolean found() {
            return route != null;
        }
    }

    /**
     * Builds a {@link Router}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<Middleware> middleware = new ArrayList<>();
        private final List<WebSocketRoute> webSocketRoutes = new ArrayList<>();
        private final List<HttpRoute> httpRoutes = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param m middleware run for every request, before routing, after those added earlier;
         *     when this router is {@linkplain #include included}, only for its routes, after routing
         * @return this builder
         */
        public Builder use(Middleware m) {
            middleware.add(Objects.requireNonNull(m, "middleware"));
            return this;
        }

        /**
         * @param template the path template, such as {@code /ws/chat/{room}/}
         * @param factory makes one synchronous consumer per connection
         * @return this builder
         * @throws IllegalArgumentException if the template is malformed
         */
        public Builder websocket(String template, Supplier<? extends WebSocketConsumer> factory) {
            webSocketRoutes.add(new WebSocketRoute.Sync(PathTemplate.parse(template), List.of(), Objects.requireNonNull(factory, "factory")));
            return this;
        }

        /**
         * @param template the path template
         * @param factory makes one asynchronous consumer per connection
         * @return this builder
         * @throws IllegalArgumentException if the template is malformed
         */
        public Builder asyncWebsocket(String template, Supplier<? extends AsyncWebSocketConsumer> factory) {
            webSocketRoutes.add(new WebSocketRoute.Async(PathTemplate.parse(template), List.of(), Objects.requireNonNull(factory, "factory")));
            return this;
        }

        /**
         * @param method the HTTP method
         * @param template the path template
         * @param handler a blocking handler (runs on a worker thread)
         * @return this builder
         * @throws IllegalArgumentException if the template is malformed
         */
        public Builder http(String method, String template, HttpHandler handler) {
            httpRoutes.add(new HttpRoute.Blocking(method.toUpperCase(Locale.ROOT), PathTemplate.parse(template), List.of(),
                    Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /**
         * @param method the HTTP method
         * @param template the path template
         * @param handler a non-blocking handler
         * @return this builder
         * @throws IllegalArgumentException if the template is malformed
         */
        public Builder asyncHttp(String method, String template, AsyncHttpHandler handler) {
            httpRoutes.add(new HttpRoute.Async(method.toUpperCase(Locale.ROOT), PathTemplate.parse(template), List.of(),
                    Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /**
         * A streamed response to {@code GET template}: each request gets a new consumer, which
         * starts the response, sends chunks or Server-Sent Events over time and receives layer
         * messages meanwhile (Channels' {@code AsyncHttpConsumer}). The router's middleware runs
         * as for any HTTP route, and sees the response head.
         *
         * @param template the path template, such as {@code /events/}
         * @param factory makes one consumer per request
         * @return this builder
         * @throws IllegalArgumentException if the template is malformed
         * @since 0.3
         */
        public Builder stream(String template, Supplier<? extends AsyncHttpConsumer> factory) {
            httpRoutes.add(new HttpRoute.Stream("GET", PathTemplate.parse(template), List.of(),
                    Objects.requireNonNull(factory, "factory")));
            return this;
        }

        /**
         * @param template the path template
         * @param handler a blocking GET handler
         * @return this builder
         */
        public Builder get(String template, HttpHandler handler) {
            return http("GET", template, handler);
        }

        /**
         * @param template the path template
         * @param handler a blocking POST handler
         * @return this builder
         */
        public Builder post(String template, HttpHandler handler) {
            return http("POST", template, handler);
        }

        /**
         * Serves class path resources: {@code GET urlPrefix + "a/b.css"} answers with the resource
         * {@code classpathRoot + "/a/b.css"}, with a content type from its extension. Paths with
         * {@code ..} are refused.
         *
         * @param urlPrefix the URL prefix, starting and ending with {@code /}
         * @param classpathRoot the resource folder, such as {@code static}
         * @return this builder
         */
        public Builder staticResources(String urlPrefix, String classpathRoot) {
            if (!urlPrefix.startsWith("/") || !urlPrefix.endsWith("/")) {
                throw new IllegalArgumentException("urlPrefix must start and end with '/' but was '" + urlPrefix + "'");
            }
            return asyncHttp("GET", urlPrefix + "{path*}", new ClasspathResources(classpathRoot));
        }

        /**
         * Adds another router's routes under a prefix, as Django's {@code include()}: its
         * templates are appended to the prefix ({@code "/admin"} and {@code "/{id:int}/"} make
         * {@code /admin/{id:int}/}), and its middleware runs for its routes only, after routing
         * and after the middleware of this router. An empty prefix adds the routes as they are,
         * which is how one route gets middleware of its own.
         *
         * @param prefix {@code ""}, or a path starting with {@code /} and not ending with one; it may
         *     hold parameters
         * @param router the included routes and their middleware
         * @return this builder
         * @throws IllegalArgumentException if the prefix is malformed, or a joined template is
         */
        public Builder include(String prefix, Router router) {
            if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
                throw new IllegalArgumentException("an include prefix is \"\" or starts with '/' and does not end with one"
                        + " (its routes start with '/') but was '" + prefix + "'");
            }
            for (WebSocketRoute route : router.webSocketRoutes) {
                PathTemplate template = PathTemplate.parse(prefix + route.template());
                List<Middleware> chain = joined(router.middleware, route.middleware());
                webSocketRoutes.add(route instanceof WebSocketRoute.Sync sync
                        ? new WebSocketRoute.Sync(template, chain, sync.factory())
                        : new WebSocketRoute.Async(template, chain, ((WebSocketRoute.Async) route).factory()));
            }
            for (HttpRoute route : router.httpRoutes) {
                PathTemplate template = PathTemplate.parse(prefix + route.template());
                List<Middleware> chain = joined(router.middleware, route.middleware());
                if (route instanceof HttpRoute.Blocking blocking) {
                    httpRoutes.add(new HttpRoute.Blocking(route.method(), template, chain, blocking.handler()));
                } else if (route instanceof HttpRoute.Async async) {
                    httpRoutes.add(new HttpRoute.Async(route.method(), template, chain, async.handler()));
                } else {
                    httpRoutes.add(new HttpRoute.Stream(route.method(), template, chain, ((HttpRoute.Stream) route).factory()));
                }
            }
            return this;
        }

        private static List<Middleware> joined(List<Middleware> outer, List<Middleware> inner) {
            List<Middleware> all = new ArrayList<>(outer);
            all.addAll(inner);
            return all;
        }

        /** @return the router */
        public Router build() {
            return new Router(this);
        }
    }
}
