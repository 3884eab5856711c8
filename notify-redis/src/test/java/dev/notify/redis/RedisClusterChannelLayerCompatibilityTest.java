package dev.notify.redis;

import dev.notify.layer.ChannelLayer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The compatibility kit for the {@code redis} layer on a Redis Cluster. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisClusterChannelLayerCompatibilityTest extends RedisClusterCompatibilityKit {
    @Override
    protected RedisLayerOptions.Builder<? extends ChannelLayer> builder() {
        return RedisChannelLayer.builder();
    }
}
