package dev.notify.spring;

import dev.notify.netty.NotifyServer;

/**
 * Changes the auto-configured {@link NotifyServer} before it is built, as Spring Boot's
 * {@code RedisConnectionDetails} and {@code WebServerFactoryCustomizer} beans do for theirs: declare
 * one as a bean. Customizers run in their {@link org.springframework.core.annotation.Order} after
 * the starter has set the configuration, router, layer and JSON codec; the starter's own binds the
 * application's Micrometer {@code MeterRegistry}.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface NotifyServerBuilderCustomizer {

    /**
     * @param builder the server's builder, with the configuration, router, layer and codec set
     */
    void customize(NotifyServer.Builder builder);
}
