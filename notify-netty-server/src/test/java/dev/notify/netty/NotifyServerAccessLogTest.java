package dev.notify.netty;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.auth.User;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Middleware;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.tck.LogCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The access log: one line per HTTP request and per WebSocket session, escaped, only when enabled. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotifyServerAccessLogTest {
    private final InMemoryChannelLayer layer = InMemoryChannelLayer.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private NotifyServer server;
    private int port;

    private void start(boolean accessLog) {
        Router router = Router.builder()
                // the user a session would name, here from a header, to show it in the log
                .use(Middleware.authentication(scope -> CompletableFuture.completedFuture(scope.header("X-User").map(name -> (User) () -> name))))
                .websocket("/ws/echo/", NotifyServerMetricsTest.Echo::new)
                .get("/hello", request -> HttpResponse.text("hello"))
                .build();
        server = NotifyServer.builder().options(TestApp.fastOptions().accessLog(accessLog).build()).router(router).layer(layer)
                .build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        layer.close();
    }

    private int get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("X-User", user);
        }
        return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void oneLinePerRequestAndPerSessionWithItsFields() throws Exception {
        start(true);
        try (LogCapture access = LogCapture.of("notify.access")) {
            assertThat(get("/hello?token=secret", "alice")).isEqualTo(200);
            String line = access.awaitLine(l -> l.contains("path=\"/hello\""));
            assertThat(line).matches("INFO http client=127\\.0\\.0\\.1:\\d+ method=GET path=\"/hello\" status=200 bytes=5"
                    + " duration_ms=\\d+ user=\"alice\"").doesNotContain("secret");

            assertThat(get("/missing", null)).isEqualTo(404);
            assertThat(access.awaitLine(l -> l.contains("/missing"))).contains("status=404", "user=-");

            WsClient client = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws/echo/"));
            client.send("one");
            client.send("two");
            assertThat(client.receive()).isEqualTo("one");
            assertThat(client.receive()).isEqualTo("two");
            client.sendClose(1000, "done");
            assertThat(access.awaitLine(l -> l.contains("websocket ")))
                    .matches("INFO websocket client=127\\.0\\.0\\.1:\\d+ path=\"/ws/echo/\" user=- close=1000 duration_ms=\\d+"
                            + " frames_in=2 frames_out=2");
        }
    }

    @Test
    void aClientCannotForgeALineOrAField() throws Exception {
        start(true);
        try (LogCapture access = LogCapture.of("notify.access")) {
            // a decoded path and a user with a line break, a quote and a backslash
            assertThat(get("/x%0Ahttp%20client=1.2.3.4%22%5C", "mallory\" status=200")).isEqualTo(404);
            String line = access.awaitLine(l -> l.contains("status=404"));
            assertThat(line).doesNotContain("\n")
                    .contains("path=\"/x\\nhttp client=1.2.3.4\\\"\\\\\"", "user=\"mallory\\\" status=200\"");
        }
    }

    @Test
    void offUnlessEnabled() throws Exception {
        start(false);
        try (LogCapture access = LogCapture.of("notify.access")) {
            assertThat(get("/hello", null)).isEqualTo(200);
            WsClient client = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws/echo/"));
            client.sendClose(1000, "done");
            awaitCondition("the session ended", () -> server.openConnections() == 0);
            assertThat(access.lines()).isEmpty();
        }
    }
}
