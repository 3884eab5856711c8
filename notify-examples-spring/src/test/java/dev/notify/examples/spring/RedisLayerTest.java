package dev.notify.examples.spring;

import dev.notify.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same application with NOTIFY_LAYER=redis: notify's Lettuce, not Spring Boot's, on a real redis-server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"notify.server.port=0", "notify.layer=redis"})
@Timeout(60)
class RedisLayerTest extends BurstThroughLayer {
    private static final RedisServer REDIS = RedisServer.spawn();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry properties) {
        properties.add("notify.redis.url", REDIS::uri);
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }
}
