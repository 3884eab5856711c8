package dev.notify.redis;

import dev.notify.config.NotifyConfig;
import dev.notify.layer.ChannelLayer;
import dev.notify.spi.ChannelLayerProvider;
import java.util.Set;

/**
 * Provides the {@link RedisChannelLayer} under the name {@code redis}, configured by the
 * {@code notify.redis.*} keys of {@link RedisLayerOptions}.
 *
 * @since 0.1
 */
public final class RedisLayerProvider implements ChannelLayerProvider {
    /** The provider's name, {@code redis}. */
    public static final String NAME = "redis";

    /** For {@link java.util.ServiceLoader}. */
    public RedisLayerProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> keys() {
        return RedisLayerOptions.KEYS;
    }

    @Override
    public ChannelLayer create(NotifyConfig config) {
        return RedisChannelLayer.create(RedisLayerOptions.fromConfig(config));
    }
}
