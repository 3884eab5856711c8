package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.core.auth.InMemorySessionStore;
import dev.notify.core.auth.SessionMiddleware;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The session cookie's flags as a real client receives them, over plain HTTP and over TLS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyServerSessionCookieTest {
    private static final String FLAGS = "sessionid=[A-Za-z0-9_-]{43}; Max-Age=1209600; Path=/; HttpOnly; SameSite=Lax";

    private static NotifyServer server(InMemoryChannelLayer layer, TestCertificates tls) {
        Router router = Router.builder()
                .use(SessionMiddleware.create(InMemorySessionStore.create()))
                .get("/remember", request -> {
                    request.scope().session().orElseThrow().put("seen", "yes");
                    return HttpResponse.text(request.scope().scheme());
                })
                .build();
        NotifyServerOptions.Builder options = TestApp.fastOptions();
        if (tls != null) {
            options.tls(tls.cert(), tls.key());
        }
        return NotifyServer.builder().options(options.build()).router(router).layer(layer).build();
    }

    @Test
    void overPlainHttpTheCookieIsHttpOnlyAndLaxButNotSecure() throws Exception {
        try (InMemoryChannelLayer layer = InMemoryChannelLayer.create(); NotifyServer server = server(layer, null)) {
            int port = server.start();
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/remember")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("http");
            assertThat(response.headers().allValues("Set-Cookie")).singleElement().asString().matches(FLAGS);
        }
    }

    @Test
    void overTlsTheCookieIsSecureToo(@TempDir Path dir) throws Exception {
        TestCertificates tls = TestCertificates.create(dir);
        try (InMemoryChannelLayer layer = InMemoryChannelLayer.create(); NotifyServer server = server(layer, tls)) {
            int port = server.start();
            HttpClient https = HttpClient.newBuilder().sslContext(tls.trustingContext()).build();
            var response = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/remember")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("https");
            assertThat(response.headers().allValues("Set-Cookie")).singleElement().asString().matches(FLAGS + "; Secure");
        }
    }
}
