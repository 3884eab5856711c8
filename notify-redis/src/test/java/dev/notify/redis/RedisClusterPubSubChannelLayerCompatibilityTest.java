package dev.notify.redis;

import dev.notify.layer.ChannelLayer;

/** The compatibility kit for the {@code redis-pubsub} layer on a Redis Cluster. */
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
