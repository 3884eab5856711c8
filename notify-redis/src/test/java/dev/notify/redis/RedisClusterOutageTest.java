package dev.notify.redis;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.LayerHealth;
import dev.notify.layer.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A master and its replica both die, so that no failover can save their slots: both layers report
 * it in their health, and recover once the nodes are back. On a cluster of its own, since the
 * outage stops the whole cluster for a while.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisClusterOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration RECOVERY = Duration.ofSeconds(40);
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void healthIsDownWhileSlotsHaveNoMasterAndUpOnceTheNodesAreBack() throws Exception {
        String prefix = RedisServer.uniquePrefix();
        String[] seeds = cluster.uris().toArray(String[]::new);
        try (ChannelLayer queue = RedisChannelLayer.builder().uris(seeds).cluster(true).prefix(prefix).build();
                ChannelLayer pubSub = RedisPubSubChannelLayer.builder().uris(seeds).cluster(true).prefix(prefix).build()) {
            BlockingChannelLayer blocking = queue.blocking(WAIT);
            String channel = blocking.newChannel("specific");
            blocking.groupAdd("g", channel);
            assertThat(queue.health().up()).isTrue();
            assertThat(pubSub.health().up()).isTrue();

            int master = cluster.masterOf("g");
            int replica = cluster.replicaOf(master);
            // a pub/sub group whose sharded channel lives on the same master
            String pubSubGroup = "ps0";
            for (int i = 1; cluster.masterOf(prefix + "__group__" + pubSubGroup) != master; i++) {
                pubSubGroup = "ps" + i;
            }
            BlockingChannelLayer subscriber = pubSub.blocking(WAIT);
            String pubSubChannel = subscriber.newChannel("specific");
            subscriber.groupAdd(pubSubGroup, pubSubChannel);
            cluster.kill(replica);
            cluster.kill(master);
            // a reader or subscriber connection may report the outage first, else Lettuce's topology
            // shows the master failing
            for (ChannelLayer layer : List.of(queue, pubSub)) {
                awaitCondition(() -> "down: " + layer.health(), RECOVERY, () -> !layer.health().up());
                LayerHealth health = layer.health();
                assertThat(health.detail()).as(health.toString()).startsWith("cluster via ")
                        .containsAnyOf("127.0.0.1:" + master + " of ", "connection)");
            }

            cluster.restart(master);
            cluster.restart(replica);
            for (ChannelLayer layer : List.of(queue, pubSub)) {
                awaitCondition(() -> "up again: " + layer.health(), RECOVERY, () -> layer.health().up());
            }
            // the restarted master came back empty: the layer re-adds the membership, then sends reach it
            awaitCondition("a group send reaches the member again", RECOVERY, () -> {
                try {
                    blocking.groupSend("g", Message.of("back"));
                    return queue.receive(channel).toCompletableFuture().get(500, TimeUnit.MILLISECONDS) != null;
                } catch (RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    return false; // the cluster is still settling, or the membership not yet back
                }
            });
            // at most once: published until one arrives, once the subscription is on the restarted master
            String group = pubSubGroup;
            awaitCondition("a pub/sub group send reaches the member again", RECOVERY, () -> {
                try {
                    subscriber.groupSend(group, Message.of("back"));
                    return pubSub.receive(pubSubChannel).toCompletableFuture().get(500, TimeUnit.MILLISECONDS) != null;
                } catch (RuntimeException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    return false; // not subscribed again yet
                }
            });
        }
    }
}
