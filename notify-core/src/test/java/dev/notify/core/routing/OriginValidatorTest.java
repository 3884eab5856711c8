package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.Scope;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OriginValidatorTest {

    @Test
    void matchesChannelsPatterns() {
        OriginValidator v = OriginValidator.allowing("https://example.com", "localhost:8000", ".corp.test", "http://127.0.0.1");
        assertThat(v.isAllowed("https://example.com")).isTrue();
        assertThat(v.isAllowed("https://example.com:443")).isTrue();
        assertThat(v.isAllowed("http://example.com")).isFalse();
        assertThat(v.isAllowed("https://example.com:8443")).isFalse();
        assertThat(v.isAllowed("http://localhost:8000")).isTrue();
        assertThat(v.isAllowed("http://localhost:9000")).isFalse();
        assertThat(v.isAllowed("https://a.corp.test")).isTrue();
        assertThat(v.isAllowed("https://corp.test")).isTrue();
        assertThat(v.isAllowed("https://evilcorp.test")).isFalse();
        assertThat(v.isAllowed("http://127.0.0.1")).isTrue();
        assertThat(v.isAllowed("not a url")).isFalse();
        assertThat(OriginValidator.allowing("*").isAllowed("https://anything.example")).isTrue();
    }

    @Test
    void refusesForeignWebSocketOriginsWith403AndLetsHttpPass() {
        OriginValidator v = OriginValidator.allowing("localhost");
        Scope foreign = Scope.builder(Scope.Type.WEBSOCKET, "/ws/").header("Origin", "http://evil.example").build();
        Scope local = Scope.builder(Scope.Type.WEBSOCKET, "/ws/").header("Origin", "http://localhost").build();
        Scope http = Scope.builder(Scope.Type.HTTP, "/").header("Origin", "http://evil.example").build();
        Scope none = Scope.builder(Scope.Type.WEBSOCKET, "/ws/").build();
        HttpResponse refused = answer(v, foreign);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.bodyText()).contains("evil.example");
        assertThat(answer(v, local).status()).isEqualTo(PASSED);
        assertThat(answer(v, http).status()).isEqualTo(PASSED);
        assertThat(answer(v, none).status()).isEqualTo(PASSED);
        assertThat(answer(v.requiringOrigin(), none).status()).isEqualTo(403);
    }

    private static final int PASSED = 299;

    /** What the validator answers for a handshake; {@value #PASSED} if it handed it on. */
    static HttpResponse answer(Middleware middleware, Scope scope) {
        return middleware.handle(new HttpRequest("GET", scope, new byte[0]),
                        request -> CompletableFuture.completedFuture(HttpResponse.status(PASSED, "passed")))
                .toCompletableFuture().join();
    }
}
