package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.netty.WsClient;
import dev.notify.redis.RedisServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original's two-process setup: one process serves only HTTP and the admin, another only the
 * WebSockets, joined by a real {@code redis-server} that the test starts on a free port.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoProcessTest {
    private static RedisServer redis;

    @TempDir
    Path directory;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.spawn();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private Map<String, String> environment(String layer, String role, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("NOTIFY_LAYER", layer);
        env.put("NOTIFY_REDIS_URL", redis.uri());
        env.put("NOTIFY_ROLE", role);
        env.put("NOTIFY_PORT", Integer.toString(port));
        if (role.equals("http")) {
            env.put("NOTIFY_DB_URL", TestDatabases.url(directory));
            env.put("NOTIFY_ADMIN_USER", TestApps.ADMIN);
            env.put("NOTIFY_ADMIN_PASSWORD", TestApps.PASSWORD);
        }
        return env;
    }

    @Test
    void aNotificationSavedInTheHttpProcessReachesClientsOfTheWebSocketProcess() throws Exception {
        AppProcess http = AppProcess.launch(directory, environment("redis", "http", RedisServer.freePort()));
        AppProcess ws = AppProcess.launch(directory, environment("redis", "ws", RedisServer.freePort()));
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
            assertThat(http.stdout()).contains("notify app ready (role http, layer redis", "admin " + http.baseUrl() + "/admin/");
            assertThat(ws.stdout()).contains("notify app ready (role ws, layer redis", "WebSocket " + ws.ws());
        }
    }

    @Test
    void thePubSubLayerJoinsTheTwoRolesToo() throws Exception {
        NotificationApp http = TestApps.start(directory, Map.of("NOTIFY_LAYER", "redis-pubsub",
                "NOTIFY_REDIS_URL", redis.uri(), "NOTIFY_ROLE", "http"));
        NotificationApp ws = TestApps.start(directory.resolve("ws"), Map.of("NOTIFY_LAYER", "redis-pubsub",
                "NOTIFY_REDIS_URL", redis.uri(), "NOTIFY_ROLE", "ws"));
        try (http; ws; WsClient client = WsClient.connect(TestApps.ws(ws))) {
            HttpBrowser admin = new HttpBrowser(http.baseUrl());
            admin.login(TestApps.ADMIN, TestApps.PASSWORD);
            admin.addNotification("over pub/sub", false);

            assertThat(client.receive()).isEqualTo("{\"count\": 1, \"current_notification\": \"over pub/sub\"}");
            admin.addNotification("once", false);
            assertThat(client.receive()).as("each message arrives once")
                    .isEqualTo("{\"count\": 2, \"current_notification\": \"once\"}");
        }
    }
}
