package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.Scope;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecurityHeadersTest {
    private static final HttpResponse PAGE = HttpResponse.builder(200)
            .header("Set-Cookie", "sessionid=a; Path=/; HttpOnly")
            .header("Set-Cookie", "csrftoken=b; Path=/; Secure; SameSite=Lax")
            .header("X-Frame-Options", "SAMEORIGIN")
            .body("page").build();

    private static HttpResponse through(SecurityHeaders middleware, String scheme, HttpResponse answer) throws Exception {
        HttpRequest request = new HttpRequest("GET", Scope.builder(Scope.Type.HTTP, "/").scheme(scheme).build(), new byte[0]);
        return middleware.handle(request, r -> CompletableFuture.completedFuture(answer)).toCompletableFuture().get();
    }

    @Test
    void addsTheDefaultsWithoutOverridingWhatTheHandlerSet() throws Exception {
        HttpResponse response = through(SecurityHeaders.defaults(), "http", PAGE);
        assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.header("Referrer-Policy")).contains("same-origin");
        assertThat(response.headers().get("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(response.bodyText()).isEqualTo("page");
        assertThat(through(SecurityHeaders.defaults(), "http", HttpResponse.status(404, "Not Found")).header("X-Frame-Options"))
                .contains("DENY");
    }

    @Test
    void cookiesGetSecureOnTlsAlone() throws Exception {
        assertThat(through(SecurityHeaders.defaults(), "http", PAGE).headers().get("Set-Cookie"))
                .containsExactly("sessionid=a; Path=/; HttpOnly", "csrftoken=b; Path=/; Secure; SameSite=Lax");
        assertThat(through(SecurityHeaders.defaults(), "https", PAGE).headers().get("Set-Cookie"))
                .containsExactly("sessionid=a; Path=/; HttpOnly; Secure", "csrftoken=b; Path=/; Secure; SameSite=Lax");
        assertThat(through(SecurityHeaders.builder().secureCookies(false).build(), "https", PAGE).headers().get("Set-Cookie"))
                .containsExactly("sessionid=a; Path=/; HttpOnly", "csrftoken=b; Path=/; Secure; SameSite=Lax");
    }

    @Test
    void eachHeaderIsConfigurable() throws Exception {
        SecurityHeaders custom = SecurityHeaders.builder().contentTypeNosniff(false).referrerPolicy(null).frameOptions(null)
                .contentSecurityPolicy("frame-ancestors 'self'").build();
        HttpResponse response = through(custom, "http", HttpResponse.text("x"));
        assertThat(response.headers().keySet()).doesNotContain("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options");
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'self'");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> SecurityHeaders.builder().frameOptions("ALLOW-FROM x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DENY or SAMEORIGIN but was 'ALLOW-FROM x'");
        assertThatThrownBy(() -> SecurityHeaders.builder().referrerPolicy("a\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
        assertThatThrownBy(() -> Scope.builder(Scope.Type.HTTP, "/").scheme("wss"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https but was 'wss'");
    }
}
