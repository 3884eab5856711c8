package dev.notify.spring;

import dev.notify.config.NotifyConfig;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code notify.*} properties of a Spring environment as a {@link NotifyConfig}, so that the layer
 * and the server read application properties, YAML, profiles and environment variables with Spring
 * Boot's relaxed names. Read live: nothing is copied.
 */
final class EnvironmentNotifyConfig implements NotifyConfig {
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("notify");

    private final ConfigurableEnvironment environment;
    private final List<ConfigurationPropertyName> known;
    private final Set<ConfigurationPropertyName> starterOnly;

    /**
     * @param environment the application's environment
     * @param knownKeys the keys notify reads (the server's and every layer's on the class path), in
     *     their documented spelling: a relaxed spelling of one of them is listed under it
     * @param starterKeys keys only the starter reads, hidden from notify's check for unknown keys
     */
    EnvironmentNotifyConfig(ConfigurableEnvironment environment, Collection<String> knownKeys, Collection<String> starterKeys) {
        this.environment = environment;
        this.known = knownKeys.stream().map(ConfigurationPropertyName::of).toList();
        this.starterOnly = Set.copyOf(starterKeys.stream().map(ConfigurationPropertyName::of).toList());
    }

    @Override
    public String get(String key) {
        if (!ConfigurationPropertyName.isValid(key)) {
            return null;
        }
        // as a list, so that a YAML list (notify.redis.url: [a, b]) reads as notify's comma-separated form
        return Binder.get(environment).bind(key, Bindable.listOf(String.class))
                .map(items -> String.join(",", items))
                .orElse(null);
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(ROOT::isAncestorOf).map(EnvironmentNotifyConfig::withoutIndex)
                        .filter(name -> !starterOnly.contains(name))
                        .forEach(name -> keys.add(documentedSpelling(name)));
            }
        }
        return keys;
    }

    private String documentedSpelling(ConfigurationPropertyName name) {
        for (ConfigurationPropertyName key : known) {
            if (key.equals(name)) { // Spring's relaxed equality: max-frame-size, maxFrameSize, MAXFRAMESIZE
                return key.toString();
            }
        }
        return name.toString();
    }

    private static ConfigurationPropertyName withoutIndex(ConfigurationPropertyName name) {
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i)) {
                return name.chop(i);
            }
        }
        return name;
    }

    @Override
    public String toString() {
        return "the notify.* properties of the Spring environment";
    }
}
