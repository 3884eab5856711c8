package dev.notify.core.routing;

import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Adds the security headers of Django's {@code SecurityMiddleware} and
 * {@code XFrameOptionsMiddleware} to every response that passes it: pages, static files, 404s,
 * 405s and the 500s and 503s of failed or slow handlers alike. A header the response already has is
 * left as it is, so a handler can loosen one page. On a request the client made over TLS
 * ({@code https}, or {@code wss} for a handshake; behind a trusted proxy, the scheme the proxy
 * reports), every {@code Set-Cookie} without {@code Secure} gets it.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .use(SecurityHeaders.defaults())         // first, so that it sees every answer
 *         .get("/", request -> HttpResponse.html("<p>hi</p>"))
 *         .build();
 * SecurityHeaders framable = SecurityHeaders.builder().frameOptions("SAMEORIGIN").build();
 * }</pre>
 *
 * <p>Defaults: {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: same-origin},
 * {@code X-Frame-Options: DENY}, {@code Secure} cookies on TLS. Add it first, so that it also sees
 * the refusals of the middleware after it. Thread-safe; never blocks.
 *
 * @since 0.1
 */
public final class SecurityHeaders implements Middleware {
    /** {@value}. */
    public static final String DEFAULT_REFERRER_POLICY = "same-origin";
    /** {@value}. */
    public static final String DEFAULT_FRAME_OPTIONS = "DENY";

    private static final Pattern SECURE = Pattern.compile("(?i);\\s*secure\\s*(;|$)");

    private final Map<String, String> headers;
    private final boolean secureCookies;

    private SecurityHeaders(Builder b) {
        Map<String, String> set = new LinkedHashMap<>();
        if (b.contentTypeNosniff) {
            set.put("X-Content-Type-Options", "nosniff");
        }
        if (b.referrerPolicy != null) {
            set.put("Referrer-Policy", b.referrerPolicy);
        }
        if (b.frameOptions != null) {
            set.put("X-Frame-Options", b.frameOptions);
        }
        if (b.contentSecurityPolicy != null) {
            set.put("Content-Security-Policy", b.contentSecurityPolicy);
        }
        this.headers = Map.copyOf(set);
        this.secureCookies = b.secureCookies;
    }

    /** @return the middleware with the default headers */
    public static SecurityHeaders defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, Next next) {
        boolean secure = secureCookies && request.scope().secure();
        return next.handle(request).thenApply(response -> secured(response, secure));
    }

    private HttpResponse secured(HttpResponse response, boolean secure) {
        HttpResponse.Builder b = HttpResponse.builder(response.status()).body(response.body());
        response.headers().forEach((name, values) -> {
            for (String value : values) {
                boolean addSecure = secure && name.equalsIgnoreCase("Set-Cookie") && !SECURE.matcher(value).find();
                b.header(name, addSecure ? value + "; Secure" : value);
            }
        });
        headers.forEach((name, value) -> {
            if (response.header(name).isEmpty()) {
                b.header(name, value);
            }
        });
        return b.build();
    }

    @Override
    public String toString() {
        return "SecurityHeaders" + headers + (secureCookies ? " + Secure cookies on TLS" : "");
    }

    /**
     * Builds {@link SecurityHeaders}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private boolean contentTypeNosniff = true;
        private String referrerPolicy = DEFAULT_REFERRER_POLICY;
        private String frameOptions = DEFAULT_FRAME_OPTIONS;
        private String contentSecurityPolicy;
        private boolean secureCookies = true;

        private Builder() {
        }

        /**
         * @param enabled whether to send {@code X-Content-Type-Options: nosniff}; default {@code true}
         * @return this builder
         */
        public Builder contentTypeNosniff(boolean enabled) {
            this.contentTypeNosniff = enabled;
            return this;
        }

        /**
         * @param policy the {@code Referrer-Policy}, or {@code null} for none; default {@value SecurityHeaders#DEFAULT_REFERRER_POLICY}
         * @return this builder
         */
        public Builder referrerPolicy(String policy) {
            this.referrerPolicy = checked(policy);
            return this;
        }

        /**
         * @param value {@code DENY} or {@code SAMEORIGIN} for {@code X-Frame-Options}, or {@code null}
         *     for none (with a {@code frame-ancestors} policy instead); default {@value SecurityHeaders#DEFAULT_FRAME_OPTIONS}
         * @return this builder
         * @throws IllegalArgumentException if neither {@code DENY} nor {@code SAMEORIGIN}
         */
        public Builder frameOptions(String value) {
            if (value != null && !value.equalsIgnoreCase("DENY") && !value.equalsIgnoreCase("SAMEORIGIN")) {
                throw new IllegalArgumentException("X-Frame-Options is DENY or SAMEORIGIN but was '" + value + "'");
            }
            this.frameOptions = value;
            return this;
        }

        /**
         * @param policy a {@code Content-Security-Policy}, such as {@code frame-ancestors 'self'}, or
         *     {@code null} for none; default none
         * @return this builder
         */
        public Builder contentSecurityPolicy(String policy) {
            this.contentSecurityPolicy = checked(policy);
            return this;
        }

        /**
         * @param enabled whether cookies set on a TLS request get {@code Secure}; default {@code true}
         * @return this builder
         */
        public Builder secureCookies(boolean enabled) {
            this.secureCookies = enabled;
            return this;
        }

        /** @return the middleware */
        public SecurityHeaders build() {
            return new SecurityHeaders(this);
        }

        private static String checked(String value) {
            if (value != null && (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
                throw new IllegalArgumentException("a header value must not be blank nor contain control characters but was '"
                        + value + "'");
            }
            return value;
        }
    }
}
