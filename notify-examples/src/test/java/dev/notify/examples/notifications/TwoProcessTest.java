package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.nats.NatsServer;
import dev.notify.netty.WsClient;
import dev.notify.redis.RedisServer;
import dev.notify.tck.ServerProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The original's two-process setup: one process serves only HTTP and the admin, another only the
 * WebSockets, joined by a real {@code redis-server} or {@code nats-server} that the test starts on a
 * free port.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TwoProcessTest {
    private static RedisServer redis;
    private static NatsServer nats;

    @TempDir
    Path directory;

    @BeforeAll
    static void startServers() {
        redis = RedisServer.spawn();
        nats = NatsServer.spawn();
    }

    @AfterAll
    static void stopServers() {
        if (redis != null) {
            redis.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    /** @return the variables that point a layer at the test's server */
    private static Map<String, String> layer(String layer) {
        return layer.equals("nats")
                ? Map.of("NOTIFY_LAYER", layer, "NOTIFY_NATS_URL", nats.url())
                : Map.of("NOTIFY_LAYER", layer, "NOTIFY_REDIS_URL", redis.uri());
    }

    private Map<String, String> environment(String layer, String role, int port) {
        Map<String, String> env = new HashMap<>(layer(layer));
        env.put("NOTIFY_ROLE", role);
        env.put("NOTIFY_PORT", Integer.toString(port));
        if (role.equals("http")) {
            env.put("NOTIFY_DB_URL", TestDatabases.url(directory));
            env.put("NOTIFY_ADMIN_USER", TestApps.ADMIN);
            env.put("NOTIFY_ADMIN_PASSWORD", TestApps.PASSWORD);
        }
        return env;
    }

    @ParameterizedTest(name = "NOTIFY_LAYER={0}")
    @ValueSource(strings = {"redis", "nats"})
    void aNotificationSavedInTheHttpProcessReachesClientsOfTheWebSocketProcess(String layer) throws Exception {
        AppProcess http = AppProcess.launch(directory, environment(layer, "http", ServerProcess.freePort()));
        AppProcess ws = AppProcess.launch(directory, environment(layer, "ws", ServerProcess.freePort()));
        try (http; ws) {
            http.awaitReady();
            ws.awaitReady();
            HttpBrowser admin = new HttpBrowser(http.baseUrl());
            try (WsClient client = WsClient.connect(ws.ws())) {
                admin.login(TestApps.ADMIN, TestApps.PASSWORD);
                assertThat(admin.addNotification("saved in the HTTP process", false).statusCode()).isEqualTo(302);

                assertThat(client.receive()).isEqualTo("{\"count\": 1, \"current_notification\": \"saved in the HTTP process\"}");

                assertThat(admin.get("/home?count=3&delay=0").statusCode()).isEqualTo(200);
                assertThat(List.of(client.receive(), client.receive(), client.receive()))
                        .containsExactly("{\"count\": 1}", "{\"count\": 2}", "{\"count\": 3}");
            }
            assertThat(new HttpBrowser(ws.baseUrl()).get("/admin/").statusCode()).isEqualTo(404);
            assertThat(http.stdout()).contains("notify app ready (role http, layer " + layer, "admin " + http.baseUrl() + "/admin/");
            assertThat(ws.stdout()).contains("notify app ready (role ws, layer " + layer, "WebSocket " + ws.ws());
        }
    }

    @ParameterizedTest(name = "NOTIFY_LAYER={0}")
    @ValueSource(strings = {"redis-pubsub", "nats"})
    void theTwoRolesShareTheLayerInOneJvmToo(String layer) throws Exception {
        Map<String, String> httpEnv = new HashMap<>(layer(layer));
        httpEnv.put("NOTIFY_ROLE", "http");
        Map<String, String> wsEnv = new HashMap<>(layer(layer));
        wsEnv.put("NOTIFY_ROLE", "ws");
        NotificationApp http = TestApps.start(directory, httpEnv);
        NotificationApp ws = TestApps.start(directory.resolve("ws"), wsEnv);
        try (http; ws; WsClient client = WsClient.connect(TestApps.ws(ws))) {
            HttpBrowser admin = new HttpBrowser(http.baseUrl());
            admin.login(TestApps.ADMIN, TestApps.PASSWORD);
            admin.addNotification("over " + layer, false);

            assertThat(client.receive()).isEqualTo("{\"count\": 1, \"current_notification\": \"over " + layer + "\"}");
            admin.addNotification("once", false);
            assertThat(client.receive()).as("each message arrives once")
                    .isEqualTo("{\"count\": 2, \"current_notification\": \"once\"}");
        }
    }
}
