package dev.notify.core.auth;

import dev.notify.auth.Session;
import dev.notify.auth.User;
import dev.notify.auth.UserLoader;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Middleware;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Puts the session's user on the scope, for HTTP and WebSocket routes alike: Django's
 * {@code AuthenticationMiddleware} and Channels' {@code AuthMiddleware}. It needs a
 * {@link SessionMiddleware} before it.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .use(SessionMiddleware.create(store))
 *         .use(AuthMiddleware.create(id -> Bridge.offload(() -> accounts.find(id))))
 *         .post("/login/", request -> {
 *             Account account = ...;                         // check the password
 *             AuthMiddleware.login(request.scope(), account); // a new session key, the user on the scope
 *             return HttpResponse.redirect("/");
 *         })
 *         .build();
 * }</pre>
 *
 * <p>A consumer or handler reads the user with {@code scope.user()} (or
 * {@code scope.user(Account.class)}); an anonymous client has none. A session whose user the
 * {@link UserLoader} no longer finds is anonymous.
 *
 * @since 0.1
 */
public final class AuthMiddleware implements Middleware {
    private final UserLoader users;

    private AuthMiddleware(UserLoader users) {
        this.users = users;
    }

    /**
     * @param users finds the user a session names
     * @return the middleware
     */
    public static AuthMiddleware create(UserLoader users) {
        return new AuthMiddleware(Objects.requireNonNull(users, "users"));
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, Next next) {
        Scope scope = request.scope();
        Optional<String> id = session(scope).userId();
        if (id.isEmpty()) {
            return next.handle(request);
        }
        return users.load(id.get()).thenCompose(user -> {
            user.ifPresent(u -> scope.set(Scope.USER, u));
            return next.handle(request);
        });
    }

    /**
     * Logs a user in, as Django's {@code login}: the session records the user and gets a new key
     * (a key known before the login is worthless after it; values set before stay unless they
     * were another user's), the CSRF secret is renewed, and the scope has the user. The session is
     * saved with the HTTP response; a WebSocket consumer calls {@code session.save()}, and its
     * client's cookie cannot learn the new key.
     *
     * @param scope the request's or connection's scope
     * @param user who logs in
     * @throws IllegalStateException if no {@link SessionMiddleware} ran for this scope
     */
    public static void login(Scope scope, User user) {
        Objects.requireNonNull(user, "user");
        ServerSession session = session(scope);
        session.login(user.id());
        if (session.get(CsrfMiddleware.SESSION_KEY).isPresent()) {
            session.put(CsrfMiddleware.SESSION_KEY, SessionKeys.newKey()); // Django's rotate_token
        }
        scope.set(Scope.USER, user);
    }

    /**
     * Logs out, as Django's {@code logout}: the session's values go, it is deleted from its store
     * when saved (with the HTTP response, or by {@code session.save()}), and the scope has no user.
     *
     * @param scope the request's or connection's scope
     * @throws IllegalStateException if no {@link SessionMiddleware} ran for this scope
     */
    public static void logout(Scope scope) {
        session(scope).flush();
        scope.set(Scope.USER, null);
    }

    /**
     * Refuses anonymous clients with 403: a WebSocket handshake gets no consumer, an HTTP request
     * no handler.
     *
     * @return the middleware
     */
    public static Middleware requireUser() {
        return (request, next) -> request.scope().user().isPresent()
                ? next.handle(request)
                : CompletableFuture.completedFuture(HttpResponse.status(403, "authentication required"));
    }

    private static ServerSession session(Scope scope) {
        Optional<Session> session = scope.session();
        if (session.isPresent() && session.get() instanceof ServerSession server) {
            return server;
        }
        throw new IllegalStateException("no session on " + scope + ": add SessionMiddleware to the router before AuthMiddleware,"
                + " and log in or out only on routes it covers");
    }

    @Override
    public String toString() {
        return "AuthMiddleware{" + users + "}";
    }
}
