package dev.notify.inmemory;

import dev.notify.config.NotifyConfig;
import dev.notify.layer.ChannelLayer;
import dev.notify.spi.ChannelLayerProvider;
import java.util.Set;

/**
 * Provides the {@link InMemoryChannelLayer} under the name {@code inmemory}, configured by the
 * {@code notify.inmemory.*} keys of {@link InMemoryLayerOptions}.
 *
 * @since 0.1
 */
public final class InMemoryLayerProvider implements ChannelLayerProvider {
    /** The provider's name, {@code inmemory}. */
    public static final String NAME = "inmemory";

    /** For {@link java.util.ServiceLoader}. */
    public InMemoryLayerProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> keys() {
        return InMemoryLayerOptions.KEYS;
    }

    @Override
    public ChannelLayer create(NotifyConfig config) {
        return InMemoryChannelLayer.create(InMemoryLayerOptions.fromConfig(config));
    }
}
