package dev.notify.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.notify.auth.User;
import dev.notify.auth.UserLoader;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Middleware;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a WebSocket handshake or an HTTP request by a JSON Web Token, as Socket.IO, Phoenix
 * and Centrifugo do at connect, with nimbus-jose-jwt doing the verification.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .include("/ws/private", Router.builder()
 *                 .use(JwtAuthentication.builder().hmacSecret(secret).audience("notify").build())
 *                 .use(AuthMiddleware.requireUser())
 *                 .websocket("/", PrivateConsumer::new)
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p><b>Where the token is.</b> The first of: an {@code Authorization: Bearer <token>} header; a
 * {@code Sec-WebSocket-Protocol} entry {@value #SUBPROTOCOL_PREFIX}{@code <token>} (which the
 * middleware removes from the scope's subprotocols, so that a consumer accepts one of the others;
 * a browser offers its real subprotocol next to it); a {@code ?}{@value #QUERY_PARAMETER}{@code =}
 * query parameter (browsers cannot set headers on a WebSocket; the query may end up in access
 * logs, the subprotocol does not).
 *
 * <p><b>What is checked.</b> The signature, with the one algorithm the keys allow: HS256 for a
 * {@linkplain Builder#hmacSecret shared secret}, RS256 or ES256 for
 * {@linkplain Builder#publicKeys(Path) public keys from a PEM file} or a
 * {@linkplain Builder#jwks(Path) JWKS file}; an unsigned token ({@code alg: none}) or one with
 * another algorithm is refused. Then the claims: {@code sub} and {@code exp} must be present,
 * {@code exp} and {@code nbf} hold within the {@linkplain Builder#clockSkew clock skew},
 * {@code iss} and {@code aud} equal the configured ones when set.
 *
 * <p><b>What follows.</b> A request without a token goes on unchanged (another middleware may
 * have found a user; {@code AuthMiddleware.requireUser()} refuses anonymous ones). A valid token
 * puts its user on the scope: by default a {@link JwtUser} of its subject and claims, else the one
 * the {@link UserLoader} finds for the subject. A token that fails any check, or whose subject the
 * loader does not find, is refused: 403 at a WebSocket handshake, 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} on HTTP. The reason is logged at debug
 * level and never told to the client.
 *
 * @since 0.1
 */
public final class JwtAuthentication implements Middleware {
    /** The query parameter that may carry the token. */
    public static final String QUERY_PARAMETER = "token";
    /** What a {@code Sec-WebSocket-Protocol} entry that carries the token starts with. */
    public static final String SUBPROTOCOL_PREFIX = "bearer.";
    /** The clock skew allowed on {@code exp} and {@code nbf} unless set. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(JwtAuthentication.class);

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final UserLoader users;
    private final String description;

    private JwtAuthentication(Builder b) {
        this.users = b.users;
        this.description = b.algorithms + " with " + b.keySource;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(b.algorithms, b.keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (b.issuer != null) {
            exact.issuer(b.issuer);
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                b.audience == null ? null : Set.of(b.audience), exact.build(), Set.of("sub", "exp"), null);
        claims.setMaxClockSkew((int) b.clockSkew.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** @return a builder; one key source is required */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request, Next next) {
        Scope scope = request.scope();
        Optional<String> fromHeader = scope.header("Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim());
        Optional<String> fromSubprotocol = scope.subprotocols().stream()
                .filter(p -> p.startsWith(SUBPROTOCOL_PREFIX)).findFirst();
        Optional<String> token = fromHeader
                .or(() -> fromSubprotocol.map(p -> p.substring(SUBPROTOCOL_PREFIX.length())))
                .or(() -> scope.queryParameter(QUERY_PARAMETER));
        if (token.isEmpty()) {
            return next.handle(request);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.get(), null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return refuse(request, e.getMessage());
        }
        HttpRequest onward = request;
        if (fromSubprotocol.isPresent()) {
            List<String> others = new ArrayList<>(scope.subprotocols());
            others.remove(fromSubprotocol.get());
            onward = request.withScope(scope.toBuilder().subprotocols(others).build());
        }
        HttpRequest authenticated = onward;
        String subject = claims.getSubject();
        CompletionStage<? extends Optional<? extends User>> user = users != null
                ? users.load(subject)
                : CompletableFuture.completedFuture(Optional.of(new JwtUser(subject, claims.toJSONObject())));
        return user.thenCompose(found -> {
            if (found.isEmpty()) {
                return refuse(request, "no user '" + subject + "'");
            }
            authenticated.scope().set(Scope.USER, found.get());
            return next.handle(authenticated);
        });
    }

    private static CompletionStage<HttpResponse> refuse(HttpRequest request, String reason) {
        log.debug("refused a token for {} {}: {}", request.method(), request.path(), reason);
        HttpResponse response = request.scope().type() == Scope.Type.WEBSOCKET
                ? HttpResponse.status(403, "invalid token")
                : HttpResponse.builder(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                        .header("Content-Type", "text/plain; charset=utf-8").body("invalid token").build();
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public String toString() {
        return "JwtAuthentication{" + description + "}";
    }

    /**
     * Builds a {@link JwtAuthentication}: exactly one of {@link #hmacSecret},
     * {@link #publicKeys(Path)} and {@link #jwks(Path)}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private JWKSource<SecurityContext> keys;
        private Set<JWSAlgorithm> algorithms;
        private String keySource;
        private String issuer;
        private String audience;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private UserLoader users;

        private Builder() {
        }

        /**
         * HS256 with a shared secret.
         *
         * @param secret at least 32 bytes (256 bits), as RFC 7518 asks of HS256 keys
         * @return this builder
         * @throws IllegalArgumentException if shorter
         * @throws IllegalStateException if a key source is set already
         */
        public Builder hmacSecret(byte[] secret) {
            if (secret.length < 32) {
                throw new IllegalArgumentException("an HS256 secret must be at least 32 bytes (256 bits) but was " + secret.length);
            }
            return keys("an HMAC secret", new ImmutableSecret<>(secret.clone()), Set.of(JWSAlgorithm.HS256));
        }

        /**
         * RS256 or ES256 with the public keys of a PEM file ({@code PUBLIC KEY} or
         * {@code CERTIFICATE} blocks; RSA keys verify RS256, EC P-256 keys ES256).
         *
         * @param pemFile the file, read now
         * @return this builder
         * @throws IllegalArgumentException if the file cannot be read or holds no usable key
         * @throws IllegalStateException if a key source is set already
         */
        public Builder publicKeys(Path pemFile) {
            return publicKeySet("the public keys in " + pemFile, JwtKeys.fromPem(pemFile));
        }

        /**
         * RS256 or ES256 with the public keys of a JWKS file ({@code {"keys": [...]}}); tokens
         * name their key by {@code kid}.
         *
         * @param jwksFile the file, read now
         * @return this builder
         * @throws IllegalArgumentException if the file cannot be read or holds no usable key
         * @throws IllegalStateException if a key source is set already
         */
        public Builder jwks(Path jwksFile) {
            return publicKeySet("the JWKS " + jwksFile, JwtKeys.fromJwks(jwksFile));
        }

        private Builder publicKeySet(String what, JWKSet set) {
            Set<JWSAlgorithm> allowed = new HashSet<>();
            for (JWK key : set.getKeys()) {
                allowed.add(JwtKeys.algorithm(key));
            }
            return keys(what, new ImmutableJWKSet<>(set), allowed);
        }

        private Builder keys(String what, JWKSource<SecurityContext> source, Set<JWSAlgorithm> allowed) {
            if (keySource != null) {
                throw new IllegalStateException("the keys are already set to " + keySource + "; set one key source only");
            }
            this.keySource = what;
            this.keys = source;
            this.algorithms = Set.copyOf(allowed);
            return this;
        }

        /**
         * @param value the {@code iss} every token must have; by default not checked
         * @return this builder
         */
        public Builder issuer(String value) {
            this.issuer = Objects.requireNonNull(value, "issuer");
            return this;
        }

        /**
         * @param value an {@code aud} every token must have among its audiences; by default not
         *     checked
         * @return this builder
         */
        public Builder audience(String value) {
            this.audience = Objects.requireNonNull(value, "audience");
            return this;
        }

        /**
         * @param value how far {@code exp} and {@code nbf} may be off; default
         *     {@link #DEFAULT_CLOCK_SKEW}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder clockSkew(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("clockSkew must not be negative but was " + value);
            }
            this.clockSkew = value;
            return this;
        }

        /**
         * @param value finds the user a token's {@code sub} names; a subject it does not find is
         *     refused. By default the user is a {@link JwtUser} of the token.
         * @return this builder
         */
        public Builder users(UserLoader value) {
            this.users = Objects.requireNonNull(value, "users");
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalStateException if no key source is set
         */
        public JwtAuthentication build() {
            if (keys == null) {
                throw new IllegalStateException("no keys: set hmacSecret(...), publicKeys(pemFile) or jwks(jwksFile)");
            }
            return new JwtAuthentication(this);
        }
    }

}
