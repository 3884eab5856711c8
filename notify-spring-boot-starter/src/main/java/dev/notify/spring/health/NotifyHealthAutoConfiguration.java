package dev.notify.spring.health;

import dev.notify.layer.ChannelLayer;
import dev.notify.spring.NotifyAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code notify} health indicator ({@link ChannelLayerHealthIndicator}) when Spring Boot's health
 * support is on the class path (spring-boot-starter-actuator brings it). Off with
 * {@code management.health.notify.enabled=false}.
 *
 * @since 0.2
 */
@AutoConfiguration(after = NotifyAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ChannelLayer.class)
@ConditionalOnEnabledHealthIndicator("notify")
public class NotifyHealthAutoConfiguration {

    /** Creates the auto-configuration; Spring Boot does this. */
    public NotifyHealthAutoConfiguration() {
    }

    /**
     * @param layer the application's layer
     * @return the indicator, named {@code notify} in the health endpoint
     */
    @Bean
    @ConditionalOnMissingBean(name = "notifyHealthIndicator")
    ChannelLayerHealthIndicator notifyHealthIndicator(ChannelLayer layer) {
        return new ChannelLayerHealthIndicator(layer);
    }
}
