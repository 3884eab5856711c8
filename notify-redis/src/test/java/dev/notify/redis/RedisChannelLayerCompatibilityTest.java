package dev.notify.redis;

import dev.notify.layer.ChannelLayer;
import dev.notify.tck.ChannelLayerCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisChannelLayerCompatibilityTest extends ChannelLayerCompatibilityKit {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.shared();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected ChannelLayer[] layers(int n, TestInstants clock) {
        String prefix = RedisServer.uniquePrefix();
        ChannelLayer[] layers = new ChannelLayer[n];
        for (int i = 0; i < n; i++) {
            layers[i] = RedisChannelLayer.builder().uris(redis.uri()).prefix(prefix).clock(clock).build();
        }
        return layers;
    }
}
