package dev.notify.netty;

import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/**
 * Serves an HTTP request and a WebSocket session with no registry given; run by
 * {@link NotifyServerWithoutMicrometerTest} in a JVM whose class path has no Micrometer. Prints
 * {@code served} and exits 0 when both worked.
 */
public final class WithoutMicrometerMain {
    private WithoutMicrometerMain() {
    }

    public static void main(String[] args) throws Exception {
        Router router = Router.builder()
                .websocket("/ws/echo/", NotifyServerMetricsTest.Echo::new)
                .get("/hello", request -> HttpResponse.text("hello"))
                .build();
        try (InMemoryChannelLayer layer = InMemoryChannelLayer.create();
             NotifyServer server = NotifyServer.builder().options(TestApp.fastOptions().accessLog(true).build())
                     .router(router).layer(layer).build()) {
            int port = server.start();
            HttpClient http = HttpClient.newHttpClient();
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            WsClient client = WsClient.connect(http, URI.create("ws://127.0.0.1:" + port + "/ws/echo/"));
            client.send("ping");
            String echoed = client.receive();
            client.close();
            if (body.equals("hello") && echoed.equals("ping")) {
                System.out.println("served");
            }
        }
    }
}
