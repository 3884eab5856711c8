package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.layer.ChannelLayer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LayerSelectionTest {

    @Test
    void picksTheLayerNamedByConfiguration() {
        try (ChannelLayer layer = ChannelLayers.fromConfig(NotifyConfig.fromEnvironment(Map.of(
                "NOTIFY_LAYER", "inmemory", "NOTIFY_INMEMORY_CAPACITY", "5", "NOTIFY_INMEMORY_GROUP_EXPIRY", "2h")))) {
            assertThat(layer).isInstanceOf(InMemoryChannelLayer.class);
            InMemoryLayerOptions options = ((InMemoryChannelLayer) layer).options();
            assertThat(options.capacity().defaultCapacity()).isEqualTo(5);
            assertThat(options.groupExpiry()).isEqualTo(Duration.ofHours(2));
        }
    }

    @Test
    void usesTheOnlyProviderWhenNoneIsNamed() {
        try (ChannelLayer layer = ChannelLayers.fromConfig(NotifyConfig.EMPTY)) {
            assertThat(layer).isInstanceOf(InMemoryChannelLayer.class);
        }
    }

    @Test
    void unknownLayerNameListsTheValidOnes() {
        assertThatThrownBy(() -> ChannelLayers.fromConfig(NotifyConfig.fromMap(Map.of("notify.layer", "kafka"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("notify.layer=kafka")
                .hasMessageContaining("[inmemory]");
    }

    @Test
    void unknownOptionListsTheValidKeys() {
        assertThatThrownBy(() -> ChannelLayers.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.layer", "inmemory", "notify.inmemory.capasity", "5"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("notify.inmemory.capasity")
                .hasMessageContaining("notify.inmemory.capacity");
    }

    @Test
    void badValuesAreAllReportedTogether() {
        assertThatThrownBy(() -> ChannelLayers.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.layer", "inmemory", "notify.inmemory.capacity", "-1", "notify.inmemory.expiry", "soon"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems()).hasSize(2))
                .hasMessageContaining("notify.inmemory.capacity=-1")
                .hasMessageContaining("notify.inmemory.expiry=soon");
    }
}
