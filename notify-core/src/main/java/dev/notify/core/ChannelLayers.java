package dev.notify.core;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.layer.ChannelLayer;
import dev.notify.spi.ChannelLayerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the channel layer that configuration asks for: the {@link ChannelLayerProvider} on the class
 * path whose name is the value of {@value #LAYER_KEY} ({@code NOTIFY_LAYER} in the environment).
 *
 * <ul>
 *   <li>With the key set, that provider is used; an unknown name fails with the names found.</li>
 *   <li>With the key absent and exactly one provider present, that one is used (logged once).</li>
 *   <li>With the key absent and several providers present, it fails and lists them.</li>
 *   <li>Two providers with one name is an error.</li>
 *   <li>A key in the chosen backend's namespace that the backend does not read is an error that
 *       lists the keys it does read.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class ChannelLayers {
    /** The key that names the layer backend. */
    public static final String LAYER_KEY = "notify.layer";

    private static final Logger log = LoggerFactory.getLogger(ChannelLayers.class);

    private ChannelLayers() {
    }

    /**
     * @param config the configuration
     * @return a new layer; the caller closes it
     * @throws InvalidConfigurationException if the layer name or an option is bad, listing every problem
     */
    public static ChannelLayer fromConfig(NotifyConfig config) {
        return provider(config).create(config);
    }

    /**
     * @param config the configuration
     * @return the provider that configuration selects, its keys checked
     * @throws InvalidConfigurationException as {@link #fromConfig}
     */
    public static ChannelLayerProvider provider(NotifyConfig config) {
        Map<String, ChannelLayerProvider> providers = providers();
        String name = config.lookup(LAYER_KEY);
        ChannelLayerProvider chosen;
        if (name == null || name.isBlank()) {
            if (providers.size() == 1) {
                chosen = providers.values().iterator().next();
                log.info("{} is not set; using the only channel layer on the class path, '{}'", LAYER_KEY, chosen.name());
            } else if (providers.isEmpty()) {
                throw new InvalidConfigurationException("no ChannelLayerProvider is on the class path;"
                        + " add notify-inmemory, notify-redis or notify-nats to the dependencies");
            } else {
                throw new InvalidConfigurationException(LAYER_KEY + " (NOTIFY_LAYER) is not set and several channel layers are on"
                        + " the class path: " + providers.keySet() + "; set it to one of them");
            }
        } else {
            chosen = providers.get(name.trim());
            if (chosen == null) {
                throw new InvalidConfigurationException(LAYER_KEY + "=" + name + ", but no ChannelLayerProvider named '"
                        + name + "' is on the class path (found: " + providers.keySet() + ")"
                        + hint(name.trim()));
            }
        }
        checkKeys(config, chosen);
        return chosen;
    }

    /** @return the providers on the class path by name */
    public static Map<String, ChannelLayerProvider> providers() {
        Map<String, ChannelLayerProvider> byName = new TreeMap<>();
        for (ChannelLayerProvider provider : ServiceLoader.load(ChannelLayerProvider.class)) {
            ChannelLayerProvider previous = byName.put(provider.name(), provider);
            if (previous != null) {
                throw new InvalidConfigurationException("two ChannelLayerProviders are named '" + provider.name() + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one of them from the class path");
            }
        }
        return byName;
    }

    private static void checkKeys(NotifyConfig config, ChannelLayerProvider provider) {
        Set<String> known = provider.keys().stream().map(NotifyConfig::environmentName).collect(Collectors.toSet());
        Set<String> namespaces = provider.keys().stream().map(ChannelLayers::namespace).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (String key : config.keys()) {
            if (namespaces.contains(namespace(key)) && !known.contains(NotifyConfig.environmentName(key))) {
                problems.add(key + " is not an option of the '" + provider.name() + "' layer; its options are "
                        + new TreeSet<>(provider.keys()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    private static String namespace(String key) {
        int first = key.indexOf('.');
        int second = first < 0 ? -1 : key.indexOf('.', first + 1);
        return second < 0 ? key : key.substring(0, second);
    }

    private static String hint(String name) {
        if (name.startsWith("redis")) {
            return "; add the notify-redis artifact";
        }
        if ("inmemory".equals(name)) {
            return "; add the notify-inmemory artifact";
        }
        if ("nats".equals(name)) {
            return "; add the notify-nats artifact";
        }
        return "";
    }
}
