package dev.notify.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.redis.RedisServer;
import dev.notify.spring.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same application with NOTIFY_LAYER=redis: notify's Lettuce, not Spring Boot's, on a real redis-server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"notify.server.port=0", "notify.layer=redis"})
@Timeout(60)
class RedisLayerTest {
    private static final RedisServer REDIS = RedisServer.spawn();

    @LocalServerPort
    int httpPort;

    @Value("${local.notify.server.port}")
    int notifyPort;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        properties.add("notify.redis.url", REDIS::uri);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void theBurstGoesThroughRedis() throws Exception {
        try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + notifyPort + "/ws/test/"))) {
            client.send("ready");
            client.next();
            HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/home?count=100&delay=0")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).isEqualTo(200);
            for (int i = 1; i <= 100; i++) {
                assertThat(client.next()).isEqualTo("{\"count\": " + i + "}");
            }
        }
    }
}
