package dev.notify.core.auth;

import dev.notify.auth.Session;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Middleware;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects form posts and other unsafe requests from cross-site request forgery, as Django's
 * {@code CsrfViewMiddleware} does. It needs a {@link SessionMiddleware} before it: the CSRF secret
 * lives in the session, so a token is good for one session only, and a {@value #COOKIE_NAME}
 * cookie an attacker plants cannot stand in for it.
 *
 * <pre>{@code
 * .get("/items/new/", request -> HttpResponse.html("<form method=post>"
 *         + "<input type=hidden name=csrfmiddlewaretoken value=\"" + CsrfMiddleware.token(request.scope()) + "\">"
 *         + "...</form>"))
 * }</pre>
 *
 * <p>Requests with a safe method ({@code GET}, {@code HEAD}, {@code OPTIONS}, {@code TRACE}) and
 * WebSocket handshakes (see {@code OriginValidator}) pass. Any other request is refused with 403,
 * with Django's reason, unless all of these hold:
 * <ol>
 *   <li>its {@code Origin}, if sent, is this site's own ({@linkplain Scope#scheme() scheme} and
 *       {@code Host}) or a {@linkplain Builder#trustedOrigins trusted} one; {@code Origin: null}
 *       (sandboxed frames, {@code file:} pages) never is;</li>
 *   <li>over HTTPS without an {@code Origin}, its {@code Referer} is an HTTPS page of this site or
 *       a trusted origin;</li>
 *   <li>it sent the {@value #COOKIE_NAME} cookie at most once, and well-formed;</li>
 *   <li>its token (form field {@value #FORM_FIELD}, else header {@value #HEADER}) is one that
 *       {@link #token} made for this very session.</li>
 * </ol>
 *
 * <p>The {@value #COOKIE_NAME} cookie holds a token too, for scripts that send it in the
 * {@value #HEADER} header; it is set whenever a response used {@link #token} or the secret changed,
 * is not {@code HttpOnly}, and is {@code Secure} over HTTPS. Tokens are masked afresh each time
 * (BREACH), and login renews the secret.
 *
 * @since 0.1
 */
public final class CsrfMiddleware implements Middleware {
    /** The cookie scripts read the token from: Django's. */
    public static final String COOKIE_NAME = "csrftoken";
    /** The form field that carries the token: Django's. */
    public static final String FORM_FIELD = "csrfmiddlewaretoken";
    /** The request header that carries the token for scripts: Django's. */
    public static final String HEADER = "X-CSRFToken";
    /** How long the browser keeps the cookie: Django's one year. */
    public static final Duration COOKIE_MAX_AGE = Duration.ofDays(364);

    /** Where the session keeps the secret; login renews it. */
    static final String SESSION_KEY = "_csrf_secret";

    private static final Logger log = LoggerFactory.getLogger(CsrfMiddleware.class);
    private static final Scope.Key<Boolean> TOKEN_USED = Scope.Key.of("notify.csrf.used", Boolean.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final int SECRET_BYTES = 32;
    /** A masked token: 32 bytes of mask, then the secret's 32 bytes XOR the mask, URL-safe Base64. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{86}");

    private final List<String> trustedOrigins;
    private final Function<String, HttpResponse> failure;

    private CsrfMiddleware(Builder b) {
        this.trustedOrigins = List.copyOf(b.trustedOrigins);
        this.failure = b.failure;
    }

    /** @return the middleware, trusting no other origin */
    public static CsrfMiddleware create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The token a form of this session must send back: Django's {@code get_token}. Makes the
     * session's secret if it has none (the session is then saved, and the cookie set, with the
     * response). Each call masks it afresh.
     *
     * @param scope the request's scope
     * @return a token for a {@value #FORM_FIELD} field or the {@value #HEADER} header
     * @throws IllegalStateException if no {@link SessionMiddleware} ran for this scope
     */
    public static String token(Scope scope) {
        Session session = session(scope);
        String secret = session.get(SESSION_KEY).orElse(null);
        if (secret == null) {
            secret = SessionKeys.newKey();
            session.put(SESSION_KEY, secret);
        }
        scope.set(TOKEN_USED, Boolean.TRUE);
        return mask(secret);
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, Next next) {
        Scope scope = request.scope();
        if (scope.type() == Scope.Type.WEBSOCKET) {
            return next.handle(request);
        }
        Session session = session(scope);
        if (!SAFE_METHODS.contains(request.method())) {
            Optional<String> problem = problem(request, session);
            if (problem.isPresent()) {
                log.warn("Forbidden ({}): {} {}", problem.get(), request.method(), request.path());
                return CompletableFuture.completedFuture(failure.apply(problem.get()));
            }
        }
        Optional<String> before = session.get(SESSION_KEY);
        return next.handle(request).thenApply(response -> {
            Optional<String> secret = session.get(SESSION_KEY);
            if (secret.isEmpty() || (secret.equals(before) && scope.get(TOKEN_USED).isEmpty())) {
                return response;
            }
            return response.toBuilder().header("Set-Cookie",
                    Cookies.setCookie(COOKIE_NAME, mask(secret.get()), COOKIE_MAX_AGE, false, scope.secure())).build();
        });
    }

    /** @return Django's reason for refusing, if any */
    private Optional<String> problem(HttpRequest request, Session session) {
        Scope scope = request.scope();
        Optional<String> host = scope.header("Host").map(h -> h.toLowerCase(Locale.ROOT));
        String ownOrigin = host.map(h -> scope.scheme() + "://" + h).orElse(null);
        Optional<String> origin = scope.header("Origin");
        if (origin.isPresent()) {
            if (!origin.get().equalsIgnoreCase(ownOrigin) && !trusted(origin.get())) {
                return Optional.of("Origin checking failed - " + origin.get() + " does not match any trusted origins.");
            }
        } else if (scope.secure()) {
            Optional<String> referer = scope.header("Referer");
            if (referer.isEmpty()) {
                return Optional.of("Referer checking failed - no Referer.");
            }
            URI uri;
            try {
                uri = new URI(referer.get());
            } catch (URISyntaxException e) {
                return Optional.of("Referer checking failed - Referer is malformed.");
            }
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.of("Referer checking failed - Referer is malformed.");
            }
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                return Optional.of("Referer checking failed - Referer is insecure while host is secure.");
            }
            String refererOrigin = "https://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
            if (!refererOrigin.equals(ownOrigin) && !trusted(refererOrigin)) {
                return Optional.of("Referer checking failed - " + referer.get() + " does not match any trusted origins.");
            }
        }
        List<String> cookies = Cookies.values(scope, COOKIE_NAME);
        if (cookies.size() > 1) {
            return Optional.of("CSRF cookie sent more than once.");
        }
        if (cookies.size() == 1 && !TOKEN.matcher(cookies.get(0)).matches()) {
            return Optional.of("CSRF cookie has incorrect length or invalid characters.");
        }
        Optional<String> secret = session.get(SESSION_KEY);
        if (secret.isEmpty()) {
            return Optional.of("CSRF session token not set.");
        }
        Optional<String> token = request.formField(FORM_FIELD).or(() -> scope.header(HEADER)).filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            return Optional.of("CSRF token missing.");
        }
        if (!TOKEN.matcher(token.get()).matches()) {
            return Optional.of("CSRF token has incorrect length or invalid characters.");
        }
        if (!MessageDigest.isEqual(unmask(token.get()), Base64.getUrlDecoder().decode(secret.get()))) {
            return Optional.of("CSRF token incorrect.");
        }
        return Optional.empty();
    }

    private boolean trusted(String origin) {
        String candidate = origin.toLowerCase(Locale.ROOT);
        for (String pattern : trustedOrigins) {
            int wildcard = pattern.indexOf("://*.");
            if (wildcard < 0 ? candidate.equals(pattern)
                    : candidate.startsWith(pattern.substring(0, wildcard + 3)) && candidate.endsWith(pattern.substring(wildcard + 4))) {
                return true;
            }
        }
        return false;
    }

    private static String mask(String secret) {
        byte[] plain = Base64.getUrlDecoder().decode(secret);
        byte[] masked = new byte[2 * SECRET_BYTES];
        byte[] mask = SessionKeys.randomBytes(SECRET_BYTES);
        for (int i = 0; i < SECRET_BYTES; i++) {
            masked[i] = mask[i];
            masked[SECRET_BYTES + i] = (byte) (plain[i] ^ mask[i]);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(masked);
    }

    private static byte[] unmask(String token) {
        byte[] masked = Base64.getUrlDecoder().decode(token);
        byte[] plain = new byte[SECRET_BYTES];
        for (int i = 0; i < SECRET_BYTES; i++) {
            plain[i] = (byte) (masked[SECRET_BYTES + i] ^ masked[i]);
        }
        return plain;
    }

    private static Session session(Scope scope) {
        return scope.session().orElseThrow(() -> new IllegalStateException("no session on " + scope
                + ": add SessionMiddleware to the router before CsrfMiddleware; the CSRF secret lives in the session"));
    }

    @Override
    public String toString() {
        return "CsrfMiddleware{trusted " + trustedOrigins + "}";
    }

    /**
     * Builds a {@link CsrfMiddleware}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<String> trustedOrigins = new ArrayList<>();
        private Function<String, HttpResponse> failure = reason -> HttpResponse.status(403,
                "403 Forbidden: CSRF verification failed. Request aborted.\n" + reason + "\n");

        private Builder() {
        }

        /**
         * Origins besides the site's own that may post, as Django's {@code CSRF_TRUSTED_ORIGINS}.
         *
         * @param origins such as {@code https://app.example.com}, or {@code https://*.example.com}
         *     for every subdomain
         * @return this builder
         * @throws IllegalArgumentException if one has no scheme
         */
        public Builder trustedOrigins(String... origins) {
            for (String origin : origins) {
                if (!origin.matches("https?://[^/]+")) {
                    throw new IllegalArgumentException("a trusted origin is scheme://host[:port] without a path, such as"
                            + " https://app.example.com, but was '" + origin + "'");
                }
                trustedOrigins.add(origin.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * @param value makes the response to a refused request from Django's reason (Django's
         *     {@code CSRF_FAILURE_VIEW}); by default a plain-text 403 that gives the reason
         * @return this builder
         */
        public Builder failureResponse(Function<String, HttpResponse> value) {
            this.failure = Objects.requireNonNull(value, "failureResponse");
            return this;
        }

        /** @return the middleware */
        public CsrfMiddleware build() {
            return new CsrfMiddleware(this);
        }
    }
}
