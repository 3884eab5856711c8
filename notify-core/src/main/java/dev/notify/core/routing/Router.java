package dev.notify.core.routing;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.Scope;
import dev.notify.consumer.WebSocketConsumer;
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
 * middleware in front of both. Immutable and thread-safe once built.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .use(OriginValidator.allowing("localhost", "127.0.0.1"))
 *         .websocket("/ws/chat/{room}/", ChatConsumer::new)
 *         .get("/home", request -> HttpResponse.text("hello"))
 *         .staticResources("/static/", "static")
 *         .build();
 * }</pre>
 *
 * <p>Routes are tried in the order they were added; the first template that matches wins. An HTTP
 * path that matches only routes of other methods is a 405; a path no route matches is a 404.
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
            Optional<Map<String, String>> params = route.template().match(path);
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
            Optional<Map<String, String>> params = route.template().match(path);
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
     * {@code Allow}), then {@code endpoint} with the matched route and the request carrying the
     * captured route parameters.
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
            return call(endpoint, match.route(), routed.withScope(routed.scope().withRouteParameters(match.parameters())));
        }).handle(request);
    }

    /**
     * Handles a WebSocket handshake: the middleware in order, then routing (404 for a path no
     * route matches), then {@code endpoint} with the matched route and the handshake request
     * carrying the captured route parameters. See {@link Middleware} for what the responses mean.
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
            return call(endpoint, match.get().route(),
                    routed.withScope(routed.scope().withRouteParameters(match.get().parameters())));
        }).handle(handshake);
    }

    private static <R> CompletionStage<HttpResponse> call(BiFunction<R, HttpRequest, CompletionStage<HttpResponse>> endpoint,
            R route, HttpRequest request) {
        try {
            return endpoint.apply(route, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return whether any WebSocket route is defined */
    public boolean hasWebSocketRoutes() {
        return !webSocketRoutes.isEmpty();
    }

    /**
     * A WebSocket route: a template and a factory of one consumer per connection, synchronous or
     * asynchronous.
     *
     * @since 0.1
     */
    public sealed interface WebSocketRoute permits WebSocketRoute.Sync, WebSocketRoute.Async {
        /** @return the path template */
        PathTemplate template();

        /**
         * A route to synchronous consumers: their hooks may block and run on worker threads.
         *
         * @param template the path template
         * @param factory makes one consumer per connection
         */
        record Sync(PathTemplate template, Supplier<? extends WebSocketConsumer> factory) implements WebSocketRoute {
        }

        /**
         * A route to asynchronous consumers: their hooks never block.
         *
         * @param template the path template
         * @param factory makes one consumer per connection
         */
        record Async(PathTemplate template, Supplier<? extends AsyncWebSocketConsumer> factory) implements WebSocketRoute {
        }
    }

    /**
     * A matched WebSocket route.
     *
     * @param route the route
     * @param parameters the captured parameters
     * @since 0.1
     */
    public record WebSocketMatch(WebSocketRoute route, Map<String, String> parameters) {
    }

    /**
     * An HTTP route: a method, a template, and a handler that may block or never blocks.
     *
     * @since 0.1
     */
    public sealed interface HttpRoute permits HttpRoute.Blocking, HttpRoute.Async {
        /** @return the upper-case method */
        String method();

        /** @return the path template */
        PathTemplate template();

        /**
         * A route whose handler may block; it runs on a worker thread.
         *
         * @param method the upper-case method
         * @param template the path template
         * @param handler the handler
         */
        record Blocking(String method, PathTemplate template, HttpHandler handler) implements HttpRoute {
        }

        /**
         * A route whose handler never blocks.
         *
         * @param method the upper-case method
         * @param template the path template
         * @param handler the handler
         */
        record Async(String method, PathTemplate template, AsyncHttpHandler handler) implements HttpRoute {
        }
    }

    /**
     * The result of HTTP routing.
     *
     * @param route the matched route, or {@code null}
     * @param parameters the captured parameters
     * @param allowedMethods when no route matched but the path did: the methods it accepts (a 405)
     * @since 0.1
     */
    public record HttpMatch(HttpRoute route, Map<String, String> parameters, Set<String> allowedMethods) {
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
         * @param m middleware run before every consumer and handler, after those added earlier
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
         */
        public Builder websocket(String template, Supplier<? extends WebSocketConsumer> factory) {
            webSocketRoutes.add(new WebSocketRoute.Sync(PathTemplate.parse(template), Objects.requireNonNull(factory, "factory")));
            return this;
        }

        /**
         * @param template the path template
         * @param factory makes one asynchronous consumer per connection
         * @return this builder
         */
        public Builder asyncWebsocket(String template, Supplier<? extends AsyncWebSocketConsumer> factory) {
            webSocketRoutes.add(new WebSocketRoute.Async(PathTemplate.parse(template), Objects.requireNonNull(factory, "factory")));
            return this;
        }

        /**
         * @param method the HTTP method
         * @param template the path template
         * @param handler a blocking handler (runs on a worker thread)
         * @return this builder
         */
        public Builder http(String method, String template, HttpHandler handler) {
            httpRoutes.add(new HttpRoute.Blocking(method.toUpperCase(Locale.ROOT), PathTemplate.parse(template),
                    Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /**
         * @param method the HTTP method
         * @param template the path template
         * @param handler a non-blocking handler
         * @return this builder
         */
        public Builder asyncHttp(String method, String template, AsyncHttpHandler handler) {
            httpRoutes.add(new HttpRoute.Async(method.toUpperCase(Locale.ROOT), PathTemplate.parse(template),
                    Objects.requireNonNull(handler, "handler")));
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

        /** @return the router */
        public Router build() {
            return new Router(this);
        }
    }
}
