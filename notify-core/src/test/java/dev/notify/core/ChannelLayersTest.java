package dev.notify.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Selection with no backend on the class path; backends test selection among several. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChannelLayersTest {

    @Test
    void noProviderSaysWhichArtifactToAdd() {
        assertThatThrownBy(() -> ChannelLayers.fromConfig(NotifyConfig.EMPTY))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("notify-inmemory");
    }

    @Test
    void unknownNameListsWhatWasFound() {
        assertThatThrownBy(() -> ChannelLayers.fromConfig(NotifyConfig.fromMap(Map.of("notify.layer", "redis"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("notify.layer=redis")
                .hasMessageContaining("found: []")
                .hasMessageContaining("notify-redis");
    }
}
