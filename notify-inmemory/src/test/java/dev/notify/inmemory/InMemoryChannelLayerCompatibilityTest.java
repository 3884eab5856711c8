package dev.notify.inmemory;

import dev.notify.layer.ChannelLayer;
import dev.notify.tck.ChannelLayerCompatibilityKit;
import dev.notify.tck.TestInstants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InMemoryChannelLayerCompatibilityTest extends ChannelLayerCompatibilityKit {

    @Override
    protected ChannelLayer[] layers(int n, TestInstants clock) {
        ChannelLayer[] layers = new ChannelLayer[n];
        for (int i = 0; i < n; i++) {
            layers[i] = InMemoryChannelLayer.create(InMemoryLayerOptions.builder().clock(clock).build());
        }
        return layers;
    }

    @Override
    protected boolean crossProcess() {
        return false;
    }
}
