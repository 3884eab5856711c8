package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Message;
import dev.notify.testing.HttpCommunicator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpCommunicatorTest {
    private final Router router = Router.builder()
            .get("/health", request -> HttpResponse.text("ok"))
            .get("/items/{id}", request -> HttpResponse.text("item " + request.routeParameter("id") + " of "
                    + request.queryParameter("page").orElse("-") + " for " + request.cookie("user").orElse("nobody")))
            .post("/announce", request -> {
                request.layer().blocking(Duration.ofSeconds(1)).groupSend("chat", Message.of("chat.message", "text", request.bodyText()));
                return HttpResponse.json("{\"sent\": true}");
            })
            .get("/boom", request -> {
                throw new IllegalStateException("boom");
            })
            .asyncHttp("GET", "/never", request -> new CompletableFuture<>())
            .build();

    @Test
    void answersThroughTheRealRoutingWithParametersQueriesAndCookies() {
        try (var http = HttpCommunicator.create(router)) {
            assertThat(http.get("/health").bodyText()).isEqualTo("ok");
            HttpResponse item = http.request("GET", "/items/7?page=2", Map.of("Cookie", "user=ada; theme=dark"), new byte[0],
                    HttpCommunicator.DEFAULT_TIMEOUT);
            assertThat(item.status()).isEqualTo(200);
            assertThat(item.bodyText()).isEqualTo("item 7 of 2 for ada");
            assertThat(http.get("/nowhere").status()).isEqualTo(404);
            HttpResponse wrongMethod = http.post("/health", "text/plain", "x");
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
            assertThat(http.get("/boom").status()).isEqualTo(500);
        }
    }

    @Test
    void handlersReachTheCommunicatorsLayer() {
        try (var http = HttpCommunicator.create(router)) {
            var layer = http.layer().blocking(Duration.ofSeconds(1));
            String listener = layer.newChannel("listener");
            layer.groupAdd("chat", listener);
            assertThat(http.post("/announce", "text/plain", "hello").bodyText()).isEqualTo("{\"sent\": true}");
            assertThat(layer.receive(listener).getString("text")).isEqualTo("hello");
        }
    }

    @Test
    void failsClearlyWhenNoResponseComesOrTheQueryIsBad() {
        try (var http = HttpCommunicator.create(router)) {
            assertThatThrownBy(() -> http.request("GET", "/never", Map.of(), new byte[0], Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no response to GET /never within");
            assertThatThrownBy(() -> http.get("/health?bad=%zz")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
