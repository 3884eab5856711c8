package dev.notify.core.routing;

import dev.notify.consumer.Scope;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Wraps the handling of every request that reaches it, as Django's middleware and Channels'
 * {@code BaseMiddleware} do: it sees the request, may answer it itself (a refusal), may hand a
 * changed request on, and sees the response on its way back, where it may add headers such as a
 * {@code Set-Cookie}.
 *
 * <pre>{@code
 * Middleware timing = (request, next) -> {
 *     long start = System.nanoTime();
 *     return next.handle(request).thenApply(response -> response.toBuilder()
 *             .header("Server-Timing", "app;dur=" + (System.nanoTime() - start) / 1_000_000)
 *             .build());
 * };
 * }</pre>
 *
 * <p><b>WebSocket handshakes</b> go through the same chain, as a {@code GET} request whose
 * {@linkplain Scope#type() scope type} is {@link Scope.Type#WEBSOCKET}. There {@code next} completes
 * when the consumer decides: with a {@value HttpResponse#SWITCHING_PROTOCOLS} response (carrying the
 * chosen {@code Sec-WebSocket-Protocol}, if any) when it accepts, or with the refusal's status (403
 * when it rejects). Headers that middleware adds to the 101 go out with the handshake response.
 * Any other answer refuses the handshake with that status; the consumer, if it had accepted, sees a
 * disconnect. Frames the consumer sends meanwhile wait until the handshake response is out.
 *
 * <p>Middleware added to a router with {@link Router.Builder#use} runs for every request, before
 * routing, in the order added.
 *
 * <p>Threading: it may run on a network I/O thread and MUST NOT block; do blocking lookups through
 * {@code Bridge.offload}. A middleware that throws or whose stage fails answers 500.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Middleware {

    /**
     * @param request the request, or the WebSocket handshake request
     * @param next the rest of the chain: the next middleware, then the route's handler or consumer
     * @return completes with the response; {@code next}'s response, changed or not, or an answer of
     *     its own
     */
    CompletionStage<HttpResponse> handle(HttpRequest request, Next next);

    /**
     * The rest of a middleware chain.
     *
     * @since 0.1
     */
    @FunctionalInterface
    interface Next {
        /**
         * @param request the request to hand on: the one received, or a changed one
         * @return completes with the response of the rest of the chain
         */
        CompletionStage<HttpResponse> handle(HttpRequest request);
    }

    /**
     * Composes middleware around an endpoint, the first outermost. A middleware that throws
     * instead of returning a stage gives a failed stage.
     *
     * @param middleware the middleware, in the order they run
     * @param endpoint what the last one hands the request to
     * @return the composed chain
     */
    static Next chain(List<Middleware> middleware, Next endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        Next next = endpoint;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            Middleware m = Objects.requireNonNull(middleware.get(i), "middleware");
            Next inner = next;
            next = request -> {
                try {
                    return Objects.requireNonNull(m.handle(request, inner), () -> m + " returned null");
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            };
        }
        return next;
    }

    /**
     * Authentication: resolves the user from the request's scope (its cookies or headers) and
     * stores it in {@link Scope#USER}. An empty result leaves the scope without a user; it does not
     * refuse.
     *
     * @param resolver finds the user, or completes with {@code null}
     * @return the middleware
     */
    static Middleware authentication(Function<Scope, CompletionStage<?>> resolver) {
        Objects.requireNonNull(resolver, "resolver");
        return (request, next) -> resolver.apply(request.scope()).thenCompose(user -> {
            if (user != null) {
                request.scope().attributes().put(Scope.USER, user);
            }
            return next.handle(request);
        });
    }
}
