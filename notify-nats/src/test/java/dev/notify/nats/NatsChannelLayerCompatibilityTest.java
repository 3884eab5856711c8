package dev.notify.nats;

import dev.notify.layer.ChannelLayer;
import dev.notify.tck.ChannelLayerCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class NatsChannelLayerCompatibilityTest extends ChannelLayerCompatibilityKit {
    private static NatsServer nats;

    @BeforeAll
    static void startNats() {
        nats = NatsServer.spawn();
    }

    @AfterAll
    static void stopNats() {
        nats.close();
    }

    @Override
    protected ChannelLayer[] layers(int n, TestInstants clock) {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        ChannelLayer[] layers = new ChannelLayer[n];
        for (int i = 0; i < n; i++) {
            layers[i] = NatsChannelLayer.builder().urls(nats.url()).prefix(prefix).clock(clock).build();
        }
        return layers;
    }
}
