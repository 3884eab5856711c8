package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServer.builder().config(...) reads the server and the layer from one configuration")
class NotifyServerConfigTest {
    private static final Router ROUTER = Router.builder().get("/hello", request -> HttpResponse.text("hello")).build();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String get(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @DisplayName("NOTIFY_SERVER_PORT and NOTIFY_LAYER from the environment: the server listens there, makes the layer, and closes it")
    void environment() throws Exception {
        int port = freePort();
        NotifyConfig config = NotifyConfig.fromEnvironment(Map.of("NOTIFY_LAYER", "inmemory",
                "NOTIFY_SERVER_PORT", Integer.toString(port), "NOTIFY_SERVER_MAX_FRAME_SIZE", "4096",
                "NOTIFY_SERVER_SHUTDOWN_GRACE", "2s"));
        ChannelLayer layer;
        try (NotifyServer server = NotifyServer.builder().config(config).router(ROUTER).build()) {
            assertThat(server.start()).isEqualTo(port);
            assertThat(server.options().maxFramePayload()).isEqualTo(4096);
            assertThat(server.options().shutdownGrace()).isEqualTo(Duration.ofSeconds(2));
            layer = server.layer();
            assertThat(layer).isInstanceOf(InMemoryChannelLayer.class);
            assertThat(get(port)).isEqualTo("hello");
        }
        assertThat(layer.health().up()).as("the layer the server made is closed with it").isFalse();
    }

    @Test
    @DisplayName("a layer given to the builder is used instead, and stays open; port(...) overrides the configuration")
    void givenLayer() throws Exception {
        NotifyConfig config = NotifyConfig.fromMap(Map.of("notify.layer", "no-such-layer", "notify.server.port", "1"));
        try (ChannelLayer layer = InMemoryChannelLayer.create()) {
            try (NotifyServer server = NotifyServer.builder().config(config).layer(layer).port(0).router(ROUTER).build()) {
                int port = server.start();
                assertThat(port).isNotEqualTo(1);
                assertThat(server.layer()).isSameAs(layer);
                assertThat(get(port)).isEqualTo("hello");
            }
            assertThat(layer.health().up()).isTrue();
        }
    }

    @Test
    @DisplayName("bad configuration fails build() with every problem, before any layer is made")
    void badConfiguration() {
        NotifyConfig badServer = NotifyConfig.fromMap(Map.of("notify.layer", "inmemory",
                "notify.server.port", "eighty", "notify.server.colour", "blue"));
        assertThatThrownBy(() -> NotifyServer.builder().config(badServer).router(ROUTER).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("notify.server.port=eighty").hasMessageContaining("notify.server.colour");
        NotifyConfig badLayer = NotifyConfig.fromMap(Map.of("notify.layer", "no-such-layer"));
        assertThatThrownBy(() -> NotifyServer.builder().config(badLayer).router(ROUTER).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("no-such-layer");
    }

    @Test
    @DisplayName("options and a configuration together, or neither a layer nor a configuration, are refused")
    void misuse() {
        NotifyConfig config = NotifyConfig.fromMap(Map.of("notify.layer", "inmemory"));
        assertThatThrownBy(() -> NotifyServer.builder().options(NotifyServerOptions.defaults()).config(config))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("either options(...) or config(...)");
        assertThatThrownBy(() -> NotifyServer.builder().config(config).options(NotifyServerOptions.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("by config(...)");
        assertThatThrownBy(() -> NotifyServer.builder().router(ROUTER).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a layer(...) or a config(...)");
    }
}
