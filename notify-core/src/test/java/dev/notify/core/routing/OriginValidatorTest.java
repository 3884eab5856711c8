package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.Scope;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
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
        Middleware.Verdict refused = v.apply(foreign).toCompletableFuture().join();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.reason()).contains("evil.example");
        assertThat(v.apply(local).toCompletableFuture().join().allowed()).isTrue();
        assertThat(v.apply(http).toCompletableFuture().join().allowed()).isTrue();
        assertThat(v.apply(none).toCompletableFuture().join().allowed()).isTrue();
        assertThat(v.requiringOrigin().apply(none).toCompletableFuture().join().allowed()).isFalse();
    }
}
