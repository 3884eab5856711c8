package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

@Timeout(60)
class EchoApplicationTest {
    @Test
    void startsAndEchoes() throws Exception {
        try (ConfigurableApplicationContext context = SpringApplication.run(EchoApplication.class,
                "--notify.layer=inmemory", "--notify.server.port=0")) {
            int port = context.getEnvironment().getRequiredProperty("local.notify.server.port", Integer.class);
            CompletableFuture<String> echo = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/echo/"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            echo.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("hello", true);
            assertEquals("hello", echo.get(10, TimeUnit.SECONDS));
            socket.abort();
        }
    }
}
