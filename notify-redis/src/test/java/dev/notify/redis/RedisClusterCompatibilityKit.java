package dev.notify.redis;

import dev.notify.layer.ChannelLayer;
import dev.notify.tck.ChannelLayerCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit on a Redis Cluster of 3 masters and 3 replicas, started once for each
 * subclass, which names the layer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class RedisClusterCompatibilityKit extends ChannelLayerCompatibilityKit {
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    /** @return a new builder of the layer under test */
    protected abstract RedisLayerOptions.Builder<? extends ChannelLayer> builder();

    @Override
    protected ChannelLayer[] layers(int n, TestInstants clock) {
        String prefix = RedisServer.uniquePrefix();
        ChannelLayer[] layers = new ChannelLayer[n];
        for (int i = 0; i < n; i++) {
            layers[i] = builder().uris(cluster.uris().toArray(String[]::new)).cluster(true).prefix(prefix).clock(clock).build();
        }
        return layers;
    }
}
