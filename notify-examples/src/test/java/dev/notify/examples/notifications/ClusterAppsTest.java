package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.nats.NatsServer;
import dev.notify.netty.WsClient;
import dev.notify.redis.RedisCluster;
import dev.notify.tck.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three app processes on one clustered broker that the test starts on free ports (a 3-node
 * {@code nats-server} cluster, each app on its own node; a Redis Cluster of 3 masters and 3
 * replicas), with WebSocket clients spread over them: a burst from one process reaches every
 * client of all three exactly once and in order.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterAppsTest {
    private static final int CLIENTS_PER_APP = 3;
    private static final int BURST = 500;

    @TempDir
    Path directory;

    @Test
    void onANatsClusterABurstFromOneProcessReachesEveryClientOfAllThreeExactlyOnceAndInOrder() throws Exception {
        List<NatsServer> cluster = NatsServer.cluster(3);
        try {
            List<Map<String, String>> apps = new ArrayList<>();
            for (NatsServer node : cluster) {
                apps.add(Map.of("NOTIFY_LAYER", "nats", "NOTIFY_NATS_URL", node.url()));
            }
            burstFromTheFirstReachesEveryClientOfAll(apps, "nats");
        } finally {
            cluster.forEach(NatsServer::close);
        }
    }

    @ParameterizedTest(name = "NOTIFY_LAYER={0}")
    @ValueSource(strings = {"redis", "redis-pubsub"})
    void onARedisClusterABurstFromOneProcessReachesEveryClientOfAllThreeExactlyOnceAndInOrder(String layer) throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            Map<String, String> env = Map.of("NOTIFY_LAYER", layer, "NOTIFY_REDIS_CLUSTER", "true", "NOTIFY_REDIS_URL", cluster.url());
            burstFromTheFirstReachesEveryClientOfAll(List.of(env, env, env), layer);
        }
    }

    private void burstFromTheFirstReachesEveryClientOfAll(List<Map<String, String>> layerEnvironments, String layer)
            throws Exception {
        List<AppProcess> apps = new ArrayList<>();
        List<WsClient> clients = new ArrayList<>();
        try {
            for (Map<String, String> layerEnvironment : layerEnvironments) {
                Path home = Files.createDirectories(directory.resolve("app-" + apps.size()));
                Map<String, String> env = new HashMap<>(layerEnvironment);
                env.putAll(Map.of("NOTIFY_PORT", Integer.toString(ServerProcess.freePort()), "NOTIFY_DB_URL", TestDatabases.url(home),
                        "NOTIFY_ADMIN_USER", TestApps.ADMIN, "NOTIFY_ADMIN_PASSWORD", TestApps.PASSWORD));
                apps.add(AppProcess.launch(home, env));
            }
            for (AppProcess app : apps) {
                app.awaitReady();
                for (int i = 0; i < CLIENTS_PER_APP; i++) {
                    clients.add(WsClient.connect(app.ws()));
                }
            }
            HttpBrowser admin = new HttpBrowser(apps.get(0).baseUrl());
            admin.login(TestApps.ADMIN, TestApps.PASSWORD);
            // a cluster spreads each node's interest in the group to the others asynchronously
            Probes.awaitDeliveryToAll(admin, clients);

            assertThat(admin.get("/home?count=" + BURST + "&delay=0").statusCode()).isEqualTo(200);
            admin.addNotification("after the burst", false);

            for (WsClient client : clients) {
                assertThat(Probes.burstAfter(client, BURST)).isEqualTo(Probes.burst(BURST));
                assertThat(client.receive()).as("the marker sent after the burst, hence no duplicate before it")
                        .endsWith("\"current_notification\": \"after the burst\"}");
            }
            for (AppProcess app : apps) {
                assertThat(app.stdout()).contains("notify app ready (role all, layer " + layer);
            }
        } finally {
            clients.forEach(WsClient::close);
            for (AppProcess app : apps) {
                app.close();
            }
        }
    }
}
