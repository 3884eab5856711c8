package dev.notify.nats;

import dev.notify.config.NotifyConfig;
import dev.notify.layer.ChannelLayer;
import dev.notify.spi.ChannelLayerProvider;
import java.util.Set;

/**
 * Provides the {@link NatsChannelLayer} under the name {@code nats}, configured by the
 * {@code notify.nats.*} keys of {@link NatsLayerOptions}.
 *
 * @since 0.2
 */
public final class NatsLayerProvider implements ChannelLayerProvider {
    /** The provider's name, {@code nats}. */
    public static final String NAME = "nats";

    /** For {@link java.util.ServiceLoader}. */
    public NatsLayerProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> keys() {
        return NatsLayerOptions.KEYS;
    }

    @Override
    public ChannelLayer create(NotifyConfig config) {
        return NatsChannelLayer.create(NatsLayerOptions.fromConfig(config));
    }
}
