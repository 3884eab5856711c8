package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Middleware that wraps the exchange, over real sockets: what it adds reaches the client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotifyServerMiddlewareTest {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private InMemoryChannelLayer layer;
    private NotifyServer server;
    private int port;

    @BeforeEach
    void start() {
        layer = InMemoryChannelLayer.create();
        Router router = Router.builder()
                .use((request, next) -> next.handle(request).thenApply(response -> response.toBuilder()
                        .header("Set-Cookie", "seen=" + request.scope().type().name().toLowerCase() + "; Path=/")
                        .build()))
                .use((request, next) -> request.path().equals("/ws/changed-mind/")
                        ? next.handle(request).thenApply(response -> HttpResponse.status(403, "changed my mind"))
                        : next.handle(request))
                // a late answer: the consumer's greeting must still come after the handshake response
                .use((request, next) -> next.handle(request).thenApplyAsync(response -> response,
                        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)))
                .websocket("/ws/greet/", Greeter::new)
                .websocket("/ws/changed-mind/", Greeter::new)
                .get("/hello", request -> HttpResponse.text("hello"))
                .build();
        server = NotifyServer.builder().options(TestApp.fastOptions().build()).router(router).layer(layer).build();
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        layer.close();
    }

    /** Accepts and greets at once, then records its disconnect. */
    private final class Greeter implements WebSocketConsumer {
        @Override
        public void onConnect(WebSocketSession session) {
            session.accept();
            session.sendText("welcome");
            events.add("connected");
        }

        @Override
        public void onDisconnect(WebSocketSession session, CloseStatus status) {
            events.add("disconnected " + status.code());
        }
    }

    @Test
    void headersAddedToTheAcceptGoOutWithThe101AndTheGreetingFollowsIt() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(port, "/ws/greet/", Map.of())) {
            assertThat(raw.handshake.status()).isEqualTo(101);
            assertThat(raw.handshake.header("Set-Cookie")).isEqualTo("seen=websocket; Path=/");
            assertThat(raw.read(Duration.ofSeconds(5)).text()).isEqualTo("welcome");
        }
    }

    @Test
    void aMiddlewareThatRefusesAfterTheConsumerAcceptedGives403AndTheConsumerADisconnect() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(port, "/ws/changed-mind/", Map.of())) {
            assertThat(raw.handshake.status()).isEqualTo(403);
            assertThat(raw.handshake.body()).contains("changed my mind");
            assertThat(raw.awaitEndOfStream(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("connected");
        assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("disconnected 1006");
    }

    @Test
    void headersAddedToAnHttpResponseReachTheClient() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("hello");
        assertThat(response.headers().firstValue("Set-Cookie")).contains("seen=http; Path=/");
    }
}
