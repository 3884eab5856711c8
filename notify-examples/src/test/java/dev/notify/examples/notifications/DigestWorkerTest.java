package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import dev.notify.netty.WsClient;
import dev.notify.redis.RedisServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code notifications.digest} worker channel: in the app's process (the default), and in a
 * {@code runworker} process of its own next to the app, over a real {@code redis-server}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DigestWorkerTest {
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

    private static void sendDigest(HttpBrowser admin) throws IOException, InterruptedException {
        String token = HttpBrowser.csrfToken(admin.get("/admin/notifications/"));
        assertThat(admin.post("/admin/notifications/", List.of("csrfmiddlewaretoken", token, "action", "send_digest",
                "index", "0")).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/notifications/").body()).contains("A digest of the unseen notifications was requested");
    }

    @Test
    void theAdminsSendDigestReachesTheLivePagesThroughTheInProcessWorker() throws Exception {
        try (NotificationApp app = TestApps.start(directory, Map.of()); WsClient client = WsClient.connect(TestApps.ws(app))) {
            HttpBrowser admin = new HttpBrowser(app.baseUrl());
            admin.login(TestApps.ADMIN, TestApps.PASSWORD);
            sendDigest(admin);
            assertThat(client.receive()).isEqualTo("{\"digest\": {\"unseen\": 0, \"latest\": null}}");

            admin.addNotification("first", false);
            admin.addNotification("second \"quoted\"", false);
            admin.addNotification("already seen", true);
            assertThat(List.of(client.receive(), client.receive(), client.receive())).hasSize(3);
            sendDigest(admin);
            assertThat(client.receive()).isEqualTo("{\"digest\": {\"unseen\": 2, \"latest\": \"second \\\"quoted\\\"\"}}");
        }
    }

    @Test
    void aRunworkerProcessServesTheChannelOverRedisAndGoesOnAfterABadRequest() throws Exception {
        // two processes share the H2 file through H2's automatic mixed mode
        String db = "jdbc:h2:file:" + directory.resolve("shared").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
        Map<String, String> layerEnv = Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_URL", redis.uri(), "NOTIFY_DB_URL", db);
        Map<String, String> appEnv = new HashMap<>(layerEnv);
        appEnv.put("NOTIFY_WORKERS", "off");
        try (NotificationApp app = TestApps.start(directory, appEnv);
                WsClient client = WsClient.connect(TestApps.ws(app));
                ChannelLayer layer = ChannelLayers.fromConfig(NotifyConfig.fromMap(
                        Map.of("notify.layer", "redis", "notify.redis.url", redis.uri())))) {
            HttpBrowser admin = new HttpBrowser(app.baseUrl());
            admin.login(TestApps.ADMIN, TestApps.PASSWORD);
            admin.addNotification("saved before the digest", false);
            assertThat(client.receive()).isEqualTo("{\"count\": 1, \"current_notification\": \"saved before the digest\"}");

            AppProcess worker = AppProcess.launch(directory, layerEnv, "runworker", DigestWorker.CHANNEL);
            try (worker) {
                worker.awaitOutput("notify worker ready");
                BlockingChannelLayer java = layer.blocking(Duration.ofSeconds(10));
                java.send(DigestWorker.CHANNEL, Message.of("digest.request"));            // no group: logged, skipped
                java.send(DigestWorker.CHANNEL, Message.fromMap(Map.of("type", "digest.request", "group", "test_consumer_group")));
                assertThat(client.receive()).isEqualTo("{\"digest\": {\"unseen\": 1, \"latest\": \"saved before the digest\"}}");
                sendDigest(admin);
                assertThat(client.receive()).isEqualTo("{\"digest\": {\"unseen\": 1, \"latest\": \"saved before the digest\"}}");
            }
            assertThat(worker.stdout() + worker.stderr())
                    .contains("the handler of message type 'digest.request' failed", "needs a string 'group'")
                    .contains("worker stopped: 2 messages handled, 1 failed");
        }
    }

    @Test
    void runworkerRefusesWhatItCannotServe() throws Exception {
        AppProcess noChannel = AppProcess.launch(directory, Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_URL", redis.uri(),
                "NOTIFY_DB_URL", TestDatabases.url(directory)), "runworker");
        assertThat(noChannel.awaitExit()).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(noChannel.stderr()).contains("runworker needs the channels to consume");

        AppProcess unknown = AppProcess.launch(directory, Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_URL", redis.uri(),
                "NOTIFY_DB_URL", TestDatabases.url(directory)), "runworker", "thumbnails");
        assertThat(unknown.awaitExit()).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(unknown.stderr()).contains("no worker consumer for channel 'thumbnails'");

        AppProcess inMemory = AppProcess.launch(directory, Map.of("NOTIFY_DB_URL", TestDatabases.url(directory)),
                "runworker", DigestWorker.CHANNEL);
        assertThat(inMemory.awaitExit()).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(inMemory.stderr()).contains("runworker needs a layer that crosses processes");
    }
}
