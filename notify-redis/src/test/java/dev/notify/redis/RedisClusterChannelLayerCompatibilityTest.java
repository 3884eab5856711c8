package dev.notify.redis;

import dev.notify.layer.ChannelLayer;

/** The compatibility kit for the {@code redis} layer on a Redis Cluster. */
class RedisClusterChannelLayerCompatibilityTest extends RedisClusterCompatibilityKit {
    @Override
    protected RedisLayerOptions.Builder<? extends ChannelLayer> builder() {
        return RedisChannelLayer.builder();
    }
}
