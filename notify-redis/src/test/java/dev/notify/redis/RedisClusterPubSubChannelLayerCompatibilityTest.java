package dev.notify.redis;

import dev.notify.layer.ChannelLayer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The compatibility kit for the {@code redis-pubsub} layer on a Redis Cluster. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisClusterPubSubChannelLayerCompatibilityTest extends RedisClusterCompatibilityKit {
    @Override
    protected RedisLayerOptions.Builder<? extends ChannelLayer> builder() {
        return RedisPubSubChannelLayer.builder();
    }

    @Override
    protected boolean storesMessages() {
        return false;
    }
}
