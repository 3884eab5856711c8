package dev.notify.spi;

import dev.notify.config.NotifyConfig;
import dev.notify.layer.ChannelLayer;
import java.util.Set;

/**
 * Makes channel layers of one backend from configuration; found with {@link java.util.ServiceLoader}
 * and chosen by {@link #name()} through the key {@code notify.layer}.
 *
 * <p>Constructor requirements: a public no-argument constructor that does no I/O.
 *
 * <p>Implementations MUST:
 * <ol>
 *   <li>return a name of lower-case letters, digits and dashes, unique among providers;</li>
 *   <li>read only the keys listed by {@link #keys()};</li>
 *   <li>report every bad key of their own in one
 *       {@link dev.notify.config.InvalidConfigurationException};</li>
 *   <li>fail {@link #create} with a {@link dev.notify.layer.ChannelLayerException} naming the address
 *       and the cause when the backend cannot be reached at start.</li>
 * </ol>
 *
 * @since 0.1
 */
public interface ChannelLayerProvider {

    /** @return the backend name, such as {@code inmemory} or {@code redis} */
    String name();

    /** @return every configuration key this backend reads, such as {@code notify.redis.url} */
    Set<String> keys();

    /**
     * @param config the configuration
     * @return a new layer; the caller closes it
     * @throws dev.notify.config.InvalidConfigurationException if a key has a bad value
     */
    ChannelLayer create(NotifyConfig config);
}
