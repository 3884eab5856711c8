package dev.notify.bench.jmh;

import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;

/** {@link LayerBenchmark} on the in-memory layer with its defaults. */
public class InMemoryLayerBenchmark extends LayerBenchmark {
    @Override
    protected ChannelLayer createLayer() {
        return InMemoryChannelLayer.create();
    }
}
