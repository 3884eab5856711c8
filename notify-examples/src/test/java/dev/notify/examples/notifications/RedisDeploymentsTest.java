package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.netty.WsClient;
import dev.notify.redis.RedisSentinels;
import dev.notify.redis.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The app on the Redis deployments the library supports beyond one server, each started by the
 * test on free ports: two sharded servers, and a Sentinel-managed master that fails over (a Redis
 * Cluster: {@link ClusterAppsTest}).
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
                    assertThat(List.of(client.receive(), client.receive(), client.receive()))
                            .containsExactly("{\"count\": 1}", "{\"count\": 2}", "{\"count\": 3}");
                }
            } finally {
                clients.forEach(WsClient::close);
            }
        }
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
                    assertThat(List.of(client.receive(), client.receive(), client.receive()))
                            .containsExactly("{\"count\": 1}", "{\"count\": 2}", "{\"count\": 3}");
                }

                sentinels.killMaster();
                sentinels.awaitFailover();
                HttpBrowser admin = new HttpBrowser(sender.baseUrl());
                admin.login(TestApps.ADMIN, TestApps.PASSWORD);
                Probes.awaitDeliveryToAll(admin, clients);

                assertThat(home.get("/home?count=5&delay=0").statusCode()).isEqualTo(200);
                for (WsClient client : clients) {
                    assertThat(Probes.burstAfter(client, 5)).as("the burst after the failover, on the same WebSocket")
                            .isEqualTo(Probes.burst(5));
                }
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }
}
