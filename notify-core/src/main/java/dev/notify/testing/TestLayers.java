package dev.notify.testing;

import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.layer.ChannelLayer;
import dev.notify.spi.ChannelLayerProvider;

/** The in-memory layer the communicators make when they are given none. */
final class TestLayers {
    private TestLayers() {
    }

    /**
     * @param tool the communicator's simple class name, for the error message
     * @return a new in-memory layer
     * @throws IllegalStateException if notify-inmemory is not on the class path
     */
    static ChannelLayer inMemory(String tool) {
        ChannelLayerProvider provider = ChannelLayers.providers().get("inmemory");
        if (provider == null) {
            throw new IllegalStateException(tool + " needs a channel layer: add dev.notify:notify-inmemory"
                    + " as a test dependency, or pass one with builder(...).layer(layer)");
        }
        return provider.create(NotifyConfig.EMPTY);
    }
}
