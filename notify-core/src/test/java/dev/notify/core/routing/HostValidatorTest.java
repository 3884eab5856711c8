package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.Scope;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostValidatorTest {
    private final HostValidator local = HostValidator.allowing(List.of(".localhost", "127.0.0.1", "[::1]", "app.example.com"));

    @Test
    void matchesDjangosPatternsWhateverThePort() {
        assertThat(local.isAllowed("localhost:8000")).isTrue();
        assertThat(local.isAllowed("api.localhost")).isTrue();
        assertThat(local.isAllowed("127.0.0.1:9")).isTrue();
        assertThat(local.isAllowed("[::1]:8000")).isTrue();
        assertThat(local.isAllowed("APP.example.com.")).isTrue();
        assertThat(local.isAllowed("example.com")).isFalse();
        assertThat(local.isAllowed("evil.com")).isFalse();
        assertThat(local.isAllowed("evillocalhost")).isFalse();
        assertThat(local.isAllowed("app.example.com@evil.com")).isFalse();
        assertThat(local.isAllowed("127.0.0.1:80:80")).isFalse();
        assertThat(HostValidator.allowing("*").isAllowed("anything.example")).isTrue();
    }

    @Test
    void aBadHostOrTwoHostHeadersGet400AndAGoodOnePasses() {
        for (Scope.Type type : Scope.Type.values()) {
            assertThat(OriginValidatorTest.answer(local, Scope.builder(type, "/").header("Host", "evil.com").build()).status())
                    .as(type + " bad host").isEqualTo(400);
            assertThat(OriginValidatorTest.answer(local, Scope.builder(type, "/").header("Host", "127.0.0.1:8000")
                    .header("Host", "evil.com").build()).status()).as(type + " two hosts").isEqualTo(400);
            assertThat(OriginValidatorTest.answer(local, Scope.builder(type, "/").header("Host", "127.0.0.1:8000").build()).status())
                    .as(type + " good host").isEqualTo(299);
            assertThat(OriginValidatorTest.answer(local, Scope.builder(type, "/").build()).status()).as(type + " no host").isEqualTo(299);
        }
        assertThat(OriginValidatorTest.answer(local, Scope.builder(Scope.Type.HTTP, "/").header("Host", "evil.com").build()).bodyText())
                .contains("'evil.com' is not allowed");
    }
}
