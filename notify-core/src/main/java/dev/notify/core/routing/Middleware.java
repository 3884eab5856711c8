package dev.notify.core.routing;

import dev.notify.consumer.Scope;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs before a WebSocket consumer or an HTTP handler, in the order added to the {@link Router}: it
 * may read the scope, add attributes to it (such as the user), or refuse the connection. Channels'
 * {@code BaseMiddleware}, {@code OriginValidator} and {@code AuthMiddleware} play this part there.
 *
 * <p>It runs off the network I/O threads and MUST NOT block; do blocking lookups through
 * {@code Bridge.offload}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Middleware {

    /**
     * @param scope the connection's scope; {@link Scope#attributes()} may be written
     * @return completes with {@link Verdict#proceed()} or a refusal
     */
    CompletionStage<Verdict> apply(Scope scope);

    /**
     * Authentication: resolves the user from the scope (its cookies or headers) and stores it in
     * {@link Scope#USER}. An empty result leaves the scope without a user; it does not refuse.
     *
     * @param resolver finds the user, or completes with {@code null}
     * @return the middleware
     */
    static Middleware authentication(Function<Scope, CompletionStage<?>> resolver) {
        Objects.requireNonNull(resolver, "resolver");
        return scope -> resolver.apply(scope).thenApply(user -> {
            if (user != null) {
                scope.attributes().put(Scope.USER, user);
            }
            return Verdict.proceed();
        });
    }

    /**
     * The outcome of a middleware: go on, or refuse with an HTTP status (a refused WebSocket
     * handshake gets that status, 403 by default, and no consumer is created).
     *
     * @param allowed whether to go on
     * @param status the HTTP status of a refusal
     * @param reason why, for the log and the response body
     * @since 0.1
     */
    record Verdict(boolean allowed, int status, String reason) {
        private static final Verdict PROCEED = new Verdict(true, 200, "");
        private static final CompletionStage<Verdict> PROCEED_STAGE = CompletableFuture.completedFuture(PROCEED);

        /**
         * @param allowed whether to go on
         * @param status the HTTP status of a refusal
         * @param reason why, for the log and the response body
         */
        public Verdict {
            Objects.requireNonNull(reason, "reason");
        }

        /** @return go on */
        public static Verdict proceed() {
            return PROCEED;
        }

        /** @return a completed stage of {@link #proceed()} */
        public static CompletionStage<Verdict> proceedNow() {
            return PROCEED_STAGE;
        }

        /**
         * @param status the HTTP status, such as 403
         * @param reason why
         * @return a refusal
         */
        public static Verdict refuse(int status, String reason) {
            return new Verdict(false, status, reason);
        }
    }
}
