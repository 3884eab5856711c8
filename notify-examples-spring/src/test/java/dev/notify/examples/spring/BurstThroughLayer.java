package dev.notify.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.netty.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The /home burst reaches a socket through the layer the subclass configures on a server of its own. */
@Timeout(60)
abstract class BurstThroughLayer {
    @LocalServerPort
    int httpPort;

    @Value("${local.notify.server.port}")
    int notifyPort;

    @Test
    void theBurstGoesThroughTheLayer() throws Exception {
        try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + notifyPort + "/ws/test/"))) {
            client.send("ready");
            client.receive();
            HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/home?count=100&delay=0")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).isEqualTo(200);
            for (int i = 1; i <= 100; i++) {
                assertThat(client.receive()).isEqualTo("{\"count\": " + i + "}");
            }
        }
    }
}
