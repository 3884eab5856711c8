package dev.notify.spring.health;

import dev.notify.layer.ChannelLayer;
import dev.notify.layer.LayerHealth;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports {@link ChannelLayer#health()}: UP while the layer can serve operations, DOWN while its backend
 * (Redis, NATS) is unreachable, with the layer's one-line detail. Cheap: the layer answers from state it
 * already keeps, without a round trip, so readiness probes may call it often.
 *
 * @since 0.2
 */
public final class ChannelLayerHealthIndicator implements HealthIndicator {
    private final ChannelLayer layer;

    /**
     * @param layer the layer to report on
     */
    public ChannelLayerHealthIndicator(ChannelLayer layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
    }

    @Override
    public Health health() {
        LayerHealth health = layer.health();
        return (health.up() ? Health.up() : Health.down())
                .withDetail("layer", layer.getClass().getSimpleName())
                .withDetail("detail", health.detail())
                .build();
    }
}
