package dev.notify.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@DisplayName("NotifyServerMain runs a router supplier named on the command line")
class NotifyServerMainTest {

    /** The application, as a user would write it. */
    public static final class Routes implements Supplier<Router> {
        @Override
        public Router get() {
            return Router.builder().get("/hello", request -> HttpResponse.text("hello from main")).build();
        }
    }

    /** Not a router supplier. */
    public static final class NotRoutes implements Supplier<String> {
        @Override
        public String get() {
            return "no";
        }
    }

    @Test
    @DisplayName("it makes the layer from configuration, binds -b and -p, and serves the routes")
    void runs() throws Exception {
        NotifyConfig config = NotifyConfig.fromMap(Map.of("notify.layer", "inmemory", "notify.server.port", "1"));
        try (NotifyServer server = NotifyServerMain.start(
                new String[] {"-b", "127.0.0.1", "-p", "0", Routes.class.getName()}, config)) {
            int port = server.port();
            assertThat(port).isNotEqualTo(1);
            var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("hello from main");
        }
    }

    @Test
    @DisplayName("bad arguments, classes and configuration fail with a message that says what to do")
    void failures() {
        NotifyConfig config = NotifyConfig.fromMap(Map.of("notify.layer", "inmemory"));
        assertThatThrownBy(() -> NotifyServerMain.start(new String[0], config)).hasMessageStartingWith("usage");
        assertThatThrownBy(() -> NotifyServerMain.start(new String[] {"-p", "x", Routes.class.getName()}, config))
                .hasMessageContaining("-p needs a port number");
        assertThatThrownBy(() -> NotifyServerMain.loadRouter("com.example.Missing")).hasMessageContaining("not on the class path");
        assertThatThrownBy(() -> NotifyServerMain.loadRouter(String.class.getName()))
                .hasMessageContaining("must implement java.util.function.Supplier<Router>");
        assertThatThrownBy(() -> NotifyServerMain.loadRouter(NotRoutes.class.getName()))
                .hasMessageContaining("must return a dev.notify.core.routing.Router but returned java.lang.String");
        assertThatThrownBy(() -> NotifyServerMain.start(new String[] {Routes.class.getName()},
                NotifyConfig.fromMap(Map.of("notify.layer", "inmemory", "notify.server.port", "-1"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("notify.server.port=-1");
    }
}
