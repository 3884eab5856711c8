package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.redis.RedisSentinels;
import dev.notify.redis.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The app on the Redis deployments the library supports beyond one server, each started by the
 * test on free ports: two sharded servers, and a Sentinel-managed master that fails over.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RedisDeploymentsTest {
    @TempDir
    Path directory;

    @ParameterizedTest(name = "NOTIFY_LAYER={0}")
    @ValueSource(strings = {"redis", "redis-pubsub"})
    void twoAppsShardedOverTwoRedisServersDeliverABurstToEveryClientOfBoth(String layer) throws Exception {
        try (RedisServer first = RedisServer.spawn(); RedisServer second = RedisServer.spawn()) {
            Map<String, String> env = Map.of("NOTIFY_LAYER", layer, "NOTIFY_REDIS_URL", first.uri() + "," + second.uri());
            NotificationApp sender = TestApps.start(directory.resolve("a"), env);
            NotificationApp other = TestApps.start(directory.resolve("b"), env);
            List<WsClient> clients = new ArrayList<>();
            try (sender; other) {
                for (NotificationApp app : List.of(sender, other, sender, other)) {
                    clients.add(WsClient.connect(TestApps.ws(app)));
                }

                assertThat(new HttpBrowser(sender.baseUrl()).get("/home?count=3&delay=0").statusCode()).isEqualTo(200);

                for (WsClient client : clients) {
                    assertThat(List.of(client.next(), client.next(), client.next()))
                            .containsExactly("{\"count\": 1}", "{\"count\": 2}", "{\"count\": 3}");
                }
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }

    /**
     * Adds notifications in the admin until every client has received one: until the layer is back, a
     * send is refused, or published before a subscriber has subscribed again and lost (pub/sub is at
     * most once).
     */
    private static void awaitDeliveryToAll(HttpBrowser admin, List<WsClient> clients) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<WsClient> waiting = new ArrayList<>(clients);
        for (int probe = 1; !waiting.isEmpty(); probe++) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waiting.size() + " of " + clients.size() + " clients received nothing within 30 s");
            }
            admin.addNotification("probe " + probe, false);
            for (Iterator<WsClient> it = waiting.iterator(); it.hasNext(); ) {
                if (it.next().poll(Duration.ofMillis(200)) != null) {
                    it.remove();
                }
            }
        }
    }

    /** @return the client's next texts up to a burst of five, skipping the notifications of {@link #awaitDeliveryToAll} */
    private static List<String> burstAfterProbes(WsClient client) {
        String text = client.next();
        while (text.contains("current_notification")) {
            text = client.next();
        }
        List<String> burst = new ArrayList<>(List.of(text));
        for (int i = 2; i <= 5; i++) {
            burst.add(client.next());
        }
        return burst;
    }

    @ParameterizedTest(name = "NOTIFY_LAYER={0}")
    @ValueSource(strings = {"redis", "redis-pubsub"})
    void afterTheSentinelsPromoteTheReplicaConnectedClientsReceiveTheNextBurst(String layer) throws Exception {
        try (RedisSentinels sentinels = RedisSentinels.start()) {
            Map<String, String> env = Map.of("NOTIFY_LAYER", layer, "NOTIFY_REDIS_URL", sentinels.uriOfOneSentinel());
            NotificationApp sender = TestApps.start(directory.resolve("a"), env);
            NotificationApp other = TestApps.start(directory.resolve("b"), env);
            List<WsClient> clients = new ArrayList<>();
            try (sender; other) {
                for (NotificationApp app : List.of(sender, other, sender, other)) {
                    clients.add(WsClient.connect(TestApps.ws(app)));
                }
                HttpBrowser home = new HttpBrowser(sender.baseUrl());
                assertThat(home.get("/home?count=3&delay=0").statusCode()).isEqualTo(200);
                for (WsClient client : clients) {
                    assertThat(List.of(client.next(), client.next(), client.next()))
                            .containsExactly("{\"count\": 1}", "{\"count\": 2}", "{\"count\": 3}");
                }

                sentinels.killMaster();
                sentinels.awaitFailover();
                HttpBrowser admin = new HttpBrowser(sender.baseUrl());
                admin.login(TestApps.ADMIN, TestApps.PASSWORD);
                awaitDeliveryToAll(admin, clients);

                assertThat(home.get("/home?count=5&delay=0").statusCode()).isEqualTo(200);
                for (WsClient client : clients) {
                    assertThat(burstAfterProbes(client)).as("the burst after the failover, on the same WebSocket")
                            .containsExactly("{\"count\": 1}", "{\"count\": 2}", "{\"count\": 3}", "{\"count\": 4}",
                                    "{\"count\": 5}");
                }
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }
}
