package dev.notify.core.auth;

import dev.notify.auth.SessionStore;
import dev.notify.auth.StoredSession;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Middleware;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.time.InstantSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Server-side sessions behind a cookie, for HTTP and WebSocket routes: Django's
 * {@code SessionMiddleware} and Channels' {@code SessionMiddlewareStack}. It loads the session
 * named by the request's {@value #DEFAULT_COOKIE_NAME} cookie from a {@link SessionStore} and puts
 * it on the scope ({@link Scope#session()}); for HTTP it saves a changed session when the response
 * goes out (not after a 5xx) and sets the cookie.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .use(SessionMiddleware.create(InMemorySessionStore.create()))
 *         .use(AuthMiddleware.create(users))
 *         ...
 * }</pre>
 *
 * <p>The cookie: a random 256-bit key, {@code HttpOnly}, {@code SameSite=Lax}, {@code Path=/},
 * {@code Max-Age} of {@link Builder#maxAge}, and {@code Secure} when the request
 * {@linkplain Scope#secure() is secure}. The store keeps only a SHA-256 of the key. A key the
 * store does not know, a malformed one, or a cookie sent twice (one planted beside ours) counts as
 * no session, and a new session gets a new key, never the client's. An empty session is not stored,
 * and emptying one (logout) deletes it and clears the cookie. Login renews the key.
 *
 * <p>A failing store fails the request (500) or the handshake.
 *
 * @since 0.1
 */
public final class SessionMiddleware implements Middleware {
    /** The cookie's name unless set: Django's. */
    public static final String DEFAULT_COOKIE_NAME = "sessionid";
    /** How long a session lasts after it was last saved, unless set: Django's two weeks. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);

    private final SessionStore store;
    private final String cookieName;
    private final Duration maxAge;
    private final InstantSource clock;

    private SessionMiddleware(Builder b) {
        this.store = b.store;
        this.cookieName = b.cookieName;
        this.maxAge = b.maxAge;
        this.clock = b.clock;
    }

    /**
     * @param store where sessions are kept
     * @return the middleware with the default cookie name and lifetime
     */
    public static SessionMiddleware create(SessionStore store) {
        return builder(store).build();
    }

    /**
     * @param store where sessions are kept
     * @return a builder
     */
    public static Builder builder(SessionStore store) {
        return new Builder(store);
    }

    /** @return where sessions are kept: also where {@code deleteUser} ends a user's sessions */
    public SessionStore store() {
        return store;
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, Next next) {
        Scope scope = request.scope();
        List<String> sent = Cookies.values(scope, cookieName);
        String key = sent.size() == 1 && SessionKeys.isWellFormed(sent.get(0)) ? sent.get(0) : null;
        CompletionStage<Optional<StoredSession>> stored = key == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : store.load(SessionKeys.hash(key));
        return stored.thenCompose(found -> {
            ServerSession session = new ServerSession(store, clock, maxAge, found.isPresent() ? key : null, found);
            scope.set(Scope.SESSION, session);
            CompletionStage<HttpResponse> response = next.handle(request);
            if (scope.type() == Scope.Type.WEBSOCKET) {
                return response; // the cookie cannot change now; consumers save() themselves
            }
            return response.thenCompose(answer -> answer.status() >= 500
                    ? CompletableFuture.completedFuture(answer)
                    : session.commit().thenApply(saved -> withCookie(answer, saved, !sent.isEmpty(), scope.secure())));
        });
    }

    private HttpResponse withCookie(HttpResponse response, ServerSession.Saved saved, boolean clientHasCookie, boolean secure) {
        if (saved instanceof ServerSession.Stored stored) {
            return response.toBuilder().header("Set-Cookie", Cookies.setCookie(cookieName, stored.key(), maxAge, true, secure)).build();
        }
        if (saved instanceof ServerSession.Emptied && clientHasCookie) {
            return response.toBuilder().header("Set-Cookie", Cookies.setCookie(cookieName, "", Duration.ZERO, true, secure)).build();
        }
        return response;
    }

    @Override
    public String toString() {
        return "SessionMiddleware{" + cookieName + ", " + store + "}";
    }

    /**
     * Builds a {@link SessionMiddleware}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final SessionStore store;
        private String cookieName = DEFAULT_COOKIE_NAME;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private InstantSource clock = InstantSource.system();

        private Builder(SessionStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * @param name the cookie's name; default {@value #DEFAULT_COOKIE_NAME}
         * @return this builder
         * @throws IllegalArgumentException if it is not a cookie name
         */
        public Builder cookieName(String name) {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("cookie name must be a token (letters, digits, !#$%&'*+.^_`|~-) but was '" + name + "'");
            }
            this.cookieName = name;
            return this;
        }

        /**
         * @param value how long a session lasts after it was last saved, and the cookie's
         *     {@code Max-Age}; default {@link #DEFAULT_MAX_AGE}
         * @return this builder
         * @throws IllegalArgumentException unless at least one second
         */
        public Builder maxAge(Duration value) {
            if (value.toSeconds() < 1) {
                throw new IllegalArgumentException("maxAge must be at least 1 second but was " + value);
            }
            this.maxAge = value;
            return this;
        }

        /**
         * @param value tells when a saved session expires; default the system clock
         * @return this builder
         */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return the middleware */
        public SessionMiddleware build() {
            return new SessionMiddleware(this);
        }
    }
}
