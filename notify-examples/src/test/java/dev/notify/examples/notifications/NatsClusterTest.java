package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.nats.NatsServer;
import dev.notify.netty.WsClient;
import dev.notify.tck.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three app processes, each on its own node of a 3-node {@code nats-server} cluster that the test
 * starts on free ports, with WebSocket clients spread over them.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NatsClusterTest {
    private static final int CLIENTS_PER_APP = 3;
    private static final int BURST = 500;

    @TempDir
    Path directory;

    @Test
    void aBurstFromOneProcessReachesEveryClientOfAllThreeExactlyOnceAndInOrder() throws Exception {
        List<NatsServer> cluster = NatsServer.cluster(3);
        List<AppProcess> apps = new ArrayList<>();
        List<WsClient> clients = new ArrayList<>();
        try {
            for (NatsServer node : cluster) {
                Path home = Files.createDirectories(directory.resolve("app-" + node.port()));
                apps.add(AppProcess.launch(home, Map.of("NOTIFY_LAYER", "nats", "NOTIFY_NATS_URL", node.url(),
                        "NOTIFY_PORT", Integer.toString(ServerProcess.freePort()), "NOTIFY_DB_URL", TestDatabases.url(home),
                        "NOTIFY_ADMIN_USER", TestApps.ADMIN, "NOTIFY_ADMIN_PASSWORD", TestApps.PASSWORD)));
            }
            for (AppProcess app : apps) {
                app.awaitReady();
                for (int i = 0; i < CLIENTS_PER_APP; i++) {
                    clients.add(WsClient.connect(app.ws()));
                }
            }
            HttpBrowser admin = new HttpBrowser(apps.get(0).baseUrl());
            admin.login(TestApps.ADMIN, TestApps.PASSWORD);
            // the cluster spreads each node's interest in the group to the others asynchronously
            Probes.awaitDeliveryToAll(admin, clients);

            assertThat(admin.get("/home?count=" + BURST + "&delay=0").statusCode()).isEqualTo(200);
            admin.addNotification("after the burst", false);

            for (WsClient client : clients) {
                assertThat(Probes.burstAfter(client, BURST)).isEqualTo(Probes.burst(BURST));
                assertThat(client.receive()).as("the marker sent after the burst, hence no duplicate before it")
                        .endsWith("\"current_notification\": \"after the burst\"}");
            }
            for (AppProcess app : apps) {
                assertThat(app.stdout()).contains("notify app ready (role all, layer nats");
            }
        } finally {
            clients.forEach(WsClient::close);
            for (AppProcess app : apps) {
                app.close();
            }
            cluster.forEach(NatsServer::close);
        }
    }
}
