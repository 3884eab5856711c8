package dev.notify.spring.security;

import dev.notify.auth.User;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Middleware;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.Locale;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Makes the user logged in to the application's HTTP session the connection's user: the handshake's
 * session cookie names a live session of this process whose Spring Security context holds an
 * authenticated, non-anonymous {@link Authentication}, which becomes {@link Scope#user()} (its id the user
 * name; it is also that user's {@link Principal}). Anything else
 * leaves the scope without a user; it never refuses (refusing is the consumer's or another middleware's
 * choice).
 *
 * <p>The cookie is only trusted when the handshake comes from a page of the same host (its
 * {@code Origin} host is the {@code Host} host, ports aside) or from a non-browser client (no
 * {@code Origin}): a page of another site that opens a WebSocket to this server carries the user's
 * cookie too, and must not act as the user (cross-site WebSocket hijacking).
 */
final class SessionUserMiddleware implements Middleware {
    private final HttpSessions sessions;
    private final String cookieName;

    SessionUserMiddleware(HttpSessions sessions, String cookieName) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, Next next) {
        Scope scope = request.scope();
        String id = scope.cookies().get(cookieName);
        if (id != null && sameHost(scope)) {
            sessions.find(id).flatMap(SessionUserMiddleware::authentication)
                    .ifPresent(user -> scope.set(Scope.USER, new SpringUser(user)));
        }
        return next.handle(request);
    }

    /** The socket's user: its id is the Spring Security user name, and it is that user's {@link Principal}. */
    record SpringUser(Authentication authentication) implements User, Principal {
        @Override
        public String id() {
            return authentication.getName();
        }

        @Override
        public String getName() {
            return authentication.getName();
        }
    }

    private static Optional<Authentication> authentication(HttpSession session) {
        Object context;
        try {
            context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        } catch (IllegalStateException invalidated) {
            return Optional.empty(); // logged out between the lookup and now
        }
        if (context instanceof SecurityContext security) {
            Authentication user = security.getAuthentication();
            if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    private static boolean sameHost(Scope scope) {
        Optional<String> origin = scope.header("Origin");
        if (origin.isEmpty()) {
            return true;
        }
        Optional<String> host = scope.header("Host").map(SessionUserMiddleware::withoutPort);
        try {
            String originHost = URI.create(origin.get().trim()).getHost();
            return originHost != null && host.isPresent() && originHost.toLowerCase(Locale.ROOT).equals(host.get());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String withoutPort(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
