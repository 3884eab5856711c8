package dev.notify.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.netty.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "notify.server.port=0")
@Timeout(60)
class NotificationsApplicationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int httpPort;

    @Value("${local.notify.server.port}")
    int notifyPort;

    @Test
    void everyTextIsAnswered() {
        try (WsClient client = WsClient.connect(ws())) {
            client.send("hello");
            assertThat(client.receive()).isEqualTo("{\"status\": \"Data received!\"}");
        }
    }

    @Test
    void homeSendsTheBurstToEveryConnectionInOrder() throws Exception {
        try (WsClient first = WsClient.connect(ws()); WsClient second = WsClient.connect(ws())) {
            first.send("ready"); // answered once the consumer has joined the group
            second.send("ready");
            first.receive();
            second.receive();

            HttpResponse<String> home = get("/home?count=1000&delay=0");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).isEqualTo("sent 1000 payloads to test_consumer_group\n");
            for (int i = 1; i <= 1000; i++) {
                assertThat(first.receive()).isEqualTo("{\"count\": " + i + "}");
                assertThat(second.receive()).isEqualTo("{\"count\": " + i + "}");
            }
        }
    }

    @Test
    void badParametersAreRefused() throws Exception {
        assertThat(get("/home?count=-1&delay=0").statusCode()).isEqualTo(400);
        assertThat(get("/home?count=1&delay=61").statusCode()).isEqualTo(400);
        assertThat(get("/home?count=many").statusCode()).isEqualTo(400);
    }

    @Test
    void aForeignPageCannotOpenTheSocket() {
        assertThatThrownBy(() -> WsClient.connect(ws(), Map.of("Origin", "http://evil.example")))
                .rootCause().hasMessageContaining("403");
    }

    @Test
    void theReadinessProbeIncludesTheLayer() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"notify\":{", "\"layer\":\"InMemoryChannelLayer\"");
    }

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + notifyPort + "/ws/test/");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
