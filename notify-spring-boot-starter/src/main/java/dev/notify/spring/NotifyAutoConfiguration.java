package dev.notify.spring;

import dev.notify.config.NotifyConfig;
import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.core.ChannelLayers;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.core.routing.Middleware;
import dev.notify.core.routing.Router;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.netty.NotifyServer;
import dev.notify.netty.NotifyServerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of notify in a Spring Boot application: the {@link ChannelLayer} that
 * {@code notify.layer} names, a {@link Router} of the {@link NotifyConsumer} beans, the
 * {@link Middleware} beans and the {@link NotifyRouterCustomizer} beans, the server's {@link JsonCodec},
 * and a {@link NotifyServer} on {@code notify.server.port} that starts and stops with the context. Every
 * bean backs off when the application defines one of the same type.
 *
 * @since 0.2
 */
@AutoConfiguration
@EnableConfigurationProperties(NotifyProperties.class)
public class NotifyAutoConfiguration {
    /** The keys only the starter reads; notify's own configuration checks would call them unknown. */
    static final Set<String> STARTER_KEYS = Set.of("notify.server.enabled");

    /** Creates the auto-configuration; Spring Boot does this. */
    public NotifyAutoConfiguration() {
    }

    /**
     * @param validated the bound properties: asking for them first makes a value of the wrong type stop the
     *     start with Spring Boot's message naming the property, before notify reads the keys
     * @param environment the application's environment
     * @return notify's configuration over the environment's {@code notify.*} properties
     */
    @Bean
    @ConditionalOnMissingBean
    NotifyConfig notifyConfig(NotifyProperties validated, ConfigurableEnvironment environment) {
        Set<String> known = new TreeSet<>(NotifyServerOptions.keys());
        known.add(ChannelLayers.LAYER_KEY);
        ChannelLayers.providers().values().forEach(provider -> known.addAll(provider.keys()));
        return new EnvironmentNotifyConfig(environment, known, STARTER_KEYS);
    }

    /**
     * @param config the configuration
     * @return the layer {@code notify.layer} names, closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    ChannelLayer channelLayer(NotifyConfig config) {
        return ChannelLayers.fromConfig(config);
    }

    /**
     * @return notify's default JSON ({@link JacksonJsonCodec#create()}); an application with a mapper of
     *     its own declares a {@code JsonCodec} bean, such as {@code JacksonJsonCodec.create(mapper)}
     */
    @Bean
    @ConditionalOnMissingBean
    JsonCodec notifyJsonCodec() {
        return JacksonJsonCodec.create();
    }

    /**
     * @param beans the bean factory, for the consumer beans (created per connection)
     * @param middleware the middleware beans, in {@code @Order}
     * @param customizers the customizers, in {@code @Order}
     * @return the router
     */
    @Bean
    @ConditionalOnMissingBean
    Router notifyRouter(ConfigurableListableBeanFactory beans, ObjectProvider<Middleware> middleware,
            ObjectProvider<NotifyRouterCustomizer> customizers) {
        Router.Builder routes = Router.builder();
        middleware.orderedStream().forEach(routes::use);
        for (String name : beans.getBeanNamesForAnnotation(NotifyConsumer.class)) {
            addConsumer(routes, beans, name);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(routes));
        return routes.build();
    }

    private static void addConsumer(Router.Builder routes, ConfigurableListableBeanFactory beans, String name) {
        NotifyConsumer annotation = beans.findAnnotationOnBean(name, NotifyConsumer.class);
        Class<?> type = beans.getType(name);
        String path = annotation == null ? "" : annotation.path();
        if (path.isBlank()) {
            throw new IllegalStateException("@NotifyConsumer on " + type.getName() + " has no path; write @NotifyConsumer(\"/ws/...\")");
        }
        if (!beans.isPrototype(name)) {
            throw new IllegalStateException("@NotifyConsumer bean '" + name + "' (" + type.getName() + ") is not prototype-scoped;"
                    + " a consumer holds one connection's state, so the server needs a new one per connection:"
                    + " remove the @Scope that overrides @NotifyConsumer's prototype scope");
        }
        if (WebSocketConsumer.class.isAssignableFrom(type)) {
            routes.websocket(path, () -> beans.getBean(name, WebSocketConsumer.class));
        } else if (AsyncWebSocketConsumer.class.isAssignableFrom(type)) {
            routes.asyncWebsocket(path, () -> beans.getBean(name, AsyncWebSocketConsumer.class));
        } else {
            throw new IllegalStateException("@NotifyConsumer class " + type.getName()
                    + " must implement dev.notify.consumer.WebSocketConsumer or AsyncWebSocketConsumer");
        }
    }

    /**
     * The server, unless {@code notify.server.enabled=false}.
     *
     * @since 0.2
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "notify.server.enabled", havingValue = "true", matchIfMissing = true)
    static class ServerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        NotifyServer notifyServer(NotifyConfig config, Router router, ChannelLayer layer, JsonCodec json,
                ObjectProvider<NotifyServerBuilderCustomizer> customizers) {
            // Spring's context closes the server in its lifecycle's stop phase, in order with the
            // application's other beans; no JVM hook of the server's own beside Spring's
            NotifyServer.Builder builder = NotifyServer.builder().config(config).router(router).layer(layer).json(json)
                    .closeOnJvmShutdown(false);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        }

        @Bean
        NotifyServerLifecycle notifyServerLifecycle(NotifyServer server, ConfigurableEnvironment environment) {
            return new NotifyServerLifecycle(server, environment);
        }
    }

    /**
     * The application's Micrometer registry receives notify's meters (the server's, the runtime's
     * and the layer's, all named {@code notify.*}), as Spring Boot's own auto-configurations bind
     * theirs. Only with Micrometer on the class path: the server loads no Micrometer class otherwise.
     *
     * @since 0.2
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class MetricsConfiguration {

        @Bean
        NotifyServerBuilderCustomizer notifyMeterRegistry(ObjectProvider<MeterRegistry> registries) {
            return builder -> registries.ifUnique(builder::meterRegistry);
        }
    }
}
