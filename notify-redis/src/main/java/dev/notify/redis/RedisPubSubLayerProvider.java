package dev.notify.redis;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.layer.ChannelLayer;
import dev.notify.spi.ChannelLayerProvider;
import java.util.Set;

/**
 * Provides the {@link RedisPubSubChannelLayer} under the name {@code redis-pubsub}, configured by
 * the same {@code notify.redis.*} keys as the queue layer, except
 * {@value RedisLayerOptions#ENCRYPTION_KEYS_KEY}, which it refuses.
 *
 * @since 0.1
 */
public final class RedisPubSubLayerProvider implements ChannelLayerProvider {
    /** The provider's name, {@code redis-pubsub}. */
    public static final String NAME = "redis-pubsub";

    /** For {@link java.util.ServiceLoader}. */
    public RedisPubSubLayerProvider() {
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
        RedisLayerOptions options = RedisLayerOptions.fromConfig(config);
        if (!options.symmetricEncryptionKeys().isEmpty()) {
            throw new InvalidConfigurationException(RedisLayerOptions.ENCRYPTION_KEYS_KEY
                    + "=<secret>: the redis-pubsub layer does not encrypt; remove the key or use notify.layer=redis");
        }
        return RedisPubSubChannelLayer.create(options);
    }
}
