package dev.notify.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.layer.ChannelLayer;
import dev.notify.netty.NotifyServer;
import dev.notify.netty.WsClient;
import dev.notify.spring.rooms.RoomsApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = RoomsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"notify.layer=inmemory", "notify.server.port=0"})
@Timeout(60)
class NotifyAutoConfigurationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int httpPort;

    @Value("${" + NotifyServerLifecycle.LOCAL_PORT_PROPERTY + "}")
    int notifyPort;

    @Autowired
    NotifyServer server;

    @Autowired
    ChannelLayer layer;

    @Test
    void aGroupSendFromARestControllerReachesTheConsumersOfThatGroup() throws Exception {
        try (WsClient lobby = WsClient.connect(ws("/ws/rooms/lobby/"));
             WsClient kitchen = WsClient.connect(ws("/ws/rooms/kitchen/"))) {
            assertThat(lobby.receive()).startsWith("welcome to lobby");
            assertThat(kitchen.receive()).startsWith("welcome to kitchen");

            assertThat(post("/rooms/lobby/messages", "hello lobby").body()).isEqualTo("sent");
            assertThat(post("/rooms/kitchen/messages", "hello kitchen").body()).isEqualTo("sent");

            assertThat(lobby.receive()).isEqualTo("lobby: hello lobby");      // not the kitchen's message first
            assertThat(kitchen.receive()).isEqualTo("kitchen: hello kitchen");
        }
    }

    @Test
    void eachConnectionGetsItsOwnConsumerWithInjectedBeans() {
        try (WsClient first = WsClient.connect(ws("/ws/rooms/a/"));
             WsClient second = WsClient.connect(ws("/ws/rooms/a/"))) {
            String one = first.receive();
            String two = second.receive();
            assertThat(one).startsWith("welcome to a, consumer #");
            assertThat(two).startsWith("welcome to a, consumer #").isNotEqualTo(one);
        }
    }

    @Test
    void middlewareAndRoutesDeclaredAsBeansAreServed() throws Exception {
        assertThatThrownBy(() -> WsClient.connect(ws("/ws/rooms/closed/")))
                .isInstanceOf(CompletionException.class).rootCause().hasMessageContaining("403");
        HttpResponse<String> pong = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + notifyPort + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pong.body()).isEqualTo("pong");
    }

    @Test
    void theServerListensOnItsOwnPortWithTheInjectableLayer() {
        assertThat(server.port()).isEqualTo(notifyPort).isNotEqualTo(httpPort);
        assertThat(server.layer()).isSameAs(layer);
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + notifyPort + path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
