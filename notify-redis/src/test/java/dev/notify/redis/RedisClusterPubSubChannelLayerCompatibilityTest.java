package dev.notify.redis;

import dev.notify.layer.ChannelLayer;
import dev.notify.tck.ChannelLayerCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** The compatibility kit on a Redis Cluster of 3 masters and 3 replicas, started once for the class. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisClusterPubSubChannelLayerCompatibilityTest extends ChannelLayerCompatibilityKit {
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected ChannelLayer[] layers(int n, TestInstants clock) {
        String prefix = RedisServer.uniquePrefix();
        ChannelLayer[] layers = new ChannelLayer[n];
        for (int i = 0; i < n; i++) {
            layers[i] = RedisPubSubChannelLayer.builder().uris(cluster.uris().toArray(String[]::new)).cluster(true).prefix(prefix)
                    .clock(clock).build();
        }
        return layers;
    }

    @Override
    protected boolean storesMessages() {
        return false;
    }
}
