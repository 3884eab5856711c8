package dev.notify.examples.spring;

import dev.notify.nats.NatsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same application with NOTIFY_LAYER=nats, on a real nats-server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"notify.server.port=0", "notify.layer=nats"})
@Timeout(60)
class NatsLayerTest extends BurstThroughLayer {
    private static final NatsServer NATS = NatsServer.spawn();

    @DynamicPropertySource
    static void nats(DynamicPropertyRegistry properties) {
        properties.add("notify.nats.url", NATS::url);
    }

    @AfterAll
    static void stopNats() {
        NATS.close();
    }
}
