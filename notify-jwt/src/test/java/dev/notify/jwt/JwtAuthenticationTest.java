package dev.notify.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.notify.auth.User;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Stages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JwtAuthenticationTest {
    private static final byte[] SECRET = "a secret of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);
    private static final String LEAK = "expired"; // a word of every expiry reason, which must not reach the client

    @TempDir
    Path dir;

    private static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer("https://auth.test").audience("notify")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hs256(byte[] secret, JWTClaimsSet claims) {
        try {
            return sign(new MACSigner(secret), JWSAlgorithm.HS256, null, claims);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Router router(JwtAuthentication jwt) {
        return Router.builder().use(jwt)
                .get("/me", request -> HttpResponse.text("unused"))
                .websocket("/ws/", () -> null)
                .build();
    }

    private static JwtAuthentication secretJwt() {
        return JwtAuthentication.builder().hmacSecret(SECRET).issuer("https://auth.test").audience("notify").build();
    }

    /** What the route sees: "user ann [protocols]", or the refusal. */
    private static HttpResponse http(Router router, Consumer<Scope.Builder> request) {
        Scope.Builder scope = Scope.builder(Scope.Type.HTTP, "/me");
        request.accept(scope);
        return Stages.join(router.dispatchHttp(new HttpRequest("GET", scope.build(), new byte[0]), JwtAuthenticationTest::seen),
                Duration.ofSeconds(5), "the response");
    }

    private static HttpResponse ws(Router router, Consumer<Scope.Builder> request) {
        Scope.Builder scope = Scope.builder(Scope.Type.WEBSOCKET, "/ws/");
        request.accept(scope);
        return Stages.join(router.dispatchWebSocket(new HttpRequest("GET", scope.build(), new byte[0]), JwtAuthenticationTest::seen),
                Duration.ofSeconds(5), "the handshake");
    }

    private static CompletableFuture<HttpResponse> seen(Object route, HttpRequest request) {
        return CompletableFuture.completedFuture(HttpResponse.text(request.scope().user().map(u -> "user " + u.id()).orElse("anonymous")
                + " " + request.scope().subprotocols()));
    }

    private static Consumer<Scope.Builder> bearer(String token) {
        return scope -> scope.header("Authorization", "Bearer " + token);
    }

    private static Consumer<Scope.Builder> query(String token) {
        return scope -> scope.query("token=" + token, Map.of("token", List.of(token)));
    }

    private static void assertRefused(Router router, String token) {
        HttpResponse http = http(router, bearer(token));
        assertThat(http.status()).isEqualTo(401);
        assertThat(http.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        assertThat(http.bodyText()).isEqualTo("invalid token");
        HttpResponse ws = ws(router, query(token));
        assertThat(ws.status()).isEqualTo(403);
        assertThat(ws.bodyText()).isEqualTo("invalid token").doesNotContain(LEAK);
    }

    @Test
    void aValidTokenFromTheHeaderTheQueryOrASubprotocolPutsItsSubjectOnTheScope() {
        Router router = router(secretJwt());
        String token = hs256(SECRET, claims("ann").build());

        assertThat(http(router, bearer(token)).bodyText()).isEqualTo("user ann []");
        assertThat(ws(router, query(token)).bodyText()).isEqualTo("user ann []");
        assertThat(ws(router, scope -> scope.subprotocols(List.of("chat.v1", "bearer." + token))).bodyText())
                .as("the token entry leaves the scope's subprotocols").isEqualTo("user ann [chat.v1]");
    }

    @Test
    void withoutATokenTheRequestGoesOnAnonymous() {
        assertThat(http(router(secretJwt()), scope -> scope.header("Authorization", "Basic YW5uOnB3")).bodyText())
                .isEqualTo("anonymous []");
    }

    @Test
    void theDefaultUserCarriesTheClaims() {
        Router router = Router.builder().use(secretJwt()).websocket("/ws/", () -> null).build();
        String token = hs256(SECRET, claims("ann").claim("role", "admin").build());
        HttpResponse response = Stages.join(router.dispatchWebSocket(
                new HttpRequest("GET", Scope.builder(Scope.Type.WEBSOCKET, "/ws/").header("Authorization", "Bearer " + token).build(), new byte[0]),
                (route, request) -> CompletableFuture.completedFuture(HttpResponse.text(
                        request.scope().user(JwtUser.class).orElseThrow().claims().get("role").toString()))), Duration.ofSeconds(5), "");
        assertThat(response.bodyText()).isEqualTo("admin");
    }

    @Test
    void anExpiredTokenIsRefusedUnlessWithinTheClockSkew() {
        Router router = router(secretJwt());
        Instant now = Instant.now();
        assertRefused(router, hs256(SECRET, claims("ann").expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build()));
        assertThat(http(router, bearer(hs256(SECRET, claims("ann").expirationTime(Date.from(now.minusSeconds(10))).build()))).status())
                .as("10 s late, with 60 s of skew").isEqualTo(200);
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        assertRefused(router(secretJwt()), hs256(SECRET, claims("ann").notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build()));
    }

    @Test
    void aWrongOrMissingAudienceOrIssuerIsRefused() {
        Router router = router(secretJwt());
        assertRefused(router, hs256(SECRET, claims("ann").audience("another-service").build()));
        assertRefused(router, hs256(SECRET, claims("ann").audience((String) null).build()));
        assertRefused(router, hs256(SECRET, claims("ann").issuer("https://evil.test").build()));
    }

    @Test
    void aTokenWithoutSubjectOrExpiryIsRefused() {
        Router router = router(secretJwt());
        assertRefused(router, hs256(SECRET, claims("ann").subject(null).build()));
        assertRefused(router, hs256(SECRET, claims("ann").expirationTime(null).build()));
    }

    @Test
    void aWrongSignatureIsRefused() {
        Router router = router(secretJwt());
        assertRefused(router, hs256("another secret of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8), claims("ann").build()));
        String good = hs256(SECRET, claims("ann").build());
        String[] parts = good.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims("root").build().toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(router, parts[0] + "." + otherPayload + "." + parts[2]);
        assertRefused(router, "not.a.token");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        Router router = router(secretJwt());
        assertRefused(router, new PlainJWT(claims("ann").build()).serialize());
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = hs256(SECRET, claims("ann").build()).split("\\.")[1];
        assertRefused(router, header + "." + payload + ".");
    }

    @Test
    void rs256FromAPemPublicKeyAndHs256SignedWithThatPublicKeyIsRefused() throws Exception {
        KeyPair rsa = generator("RSA", 2048).generateKeyPair();
        Path pem = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Router router = router(JwtAuthentication.builder().publicKeys(pem).audience("notify").build());

        assertThat(http(router, bearer(sign(new RSASSASigner(rsa.getPrivate()), JWSAlgorithm.RS256, null, claims("ann").build()))).bodyText())
                .isEqualTo("user ann []");
        // the classic algorithm confusion: an HS256 token keyed with the public key's bytes
        assertRefused(router, hs256(Files.readAllBytes(pem), claims("root").build()));
        KeyPair other = generator("RSA", 2048).generateKeyPair();
        assertRefused(router, sign(new RSASSASigner(other.getPrivate()), JWSAlgorithm.RS256, null, claims("ann").build()));
    }

    @Test
    void es256FromAPemPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        Path pem = Files.writeString(dir.resolve("ec.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ec.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Router router = router(JwtAuthentication.builder().publicKeys(pem).build());

        assertThat(http(router, bearer(sign(new ECDSASigner((ECPrivateKey) ec.getPrivate()), JWSAlgorithm.ES256, null,
                claims("ann").build()))).bodyText()).isEqualTo("user ann []");
    }

    @Test
    void rs256FromAJwksFileByKeyId() throws Exception {
        KeyPair first = generator("RSA", 2048).generateKeyPair();
        KeyPair second = generator("RSA", 2048).generateKeyPair();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(List.of(
                new RSAKey.Builder((RSAPublicKey) first.getPublic()).keyID("2024").build(),
                new RSAKey.Builder((RSAPublicKey) second.getPublic()).keyID("2025").build())).toString());
        Router router = router(JwtAuthentication.builder().jwks(jwks).build());

        assertThat(http(router, bearer(sign(new RSASSASigner(second.getPrivate()), JWSAlgorithm.RS256, "2025", claims("ann").build())))
                .bodyText()).isEqualTo("user ann []");
        assertRefused(router, sign(new RSASSASigner(first.getPrivate()), JWSAlgorithm.RS256, "2025", claims("ann").build()));
    }

    @Test
    void aSubjectTheLoaderDoesNotFindIsRefused() {
        Router router = router(JwtAuthentication.builder().hmacSecret(SECRET)
                .users(id -> CompletableFuture.completedFuture(id.equals("ann") ? Optional.of((User) () -> "ann") : Optional.empty()))
                .build());
        assertThat(http(router, bearer(hs256(SECRET, claims("ann").build()))).bodyText()).isEqualTo("user ann []");
        assertRefused(router, hs256(SECRET, claims("gone").build()));
    }

    @Test
    void badConfigurationFailsAtBuildAndSaysWhy() throws Exception {
        assertThatThrownBy(() -> JwtAuthentication.builder().hmacSecret("short".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("an HS256 secret must be at least 32 bytes (256 bits) but was 5");
        assertThatThrownBy(() -> JwtAuthentication.builder().build()).hasMessageContaining("set hmacSecret(...), publicKeys(pemFile) or jwks(jwksFile)");
        assertThatThrownBy(() -> JwtAuthentication.builder().hmacSecret(SECRET).hmacSecret(SECRET))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set to an HMAC secret");
        Path notPem = Files.writeString(dir.resolve("key.txt"), "hello");
        assertThatThrownBy(() -> JwtAuthentication.builder().publicKeys(notPem)).hasMessageContaining("holds no PEM block");
        assertThatThrownBy(() -> JwtAuthentication.builder().jwks(notPem)).hasMessageContaining("is not a JWKS document");
        assertThatThrownBy(() -> JwtAuthentication.builder().publicKeys(dir.resolve("missing.pem"))).hasMessageContaining("cannot read the key file");
        assertThat(JwtAuthentication.builder().hmacSecret(SECRET).build().toString()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
    }

    private static KeyPairGenerator generator(String algorithm, int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(size);
        return generator;
    }
}
