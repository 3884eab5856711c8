package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CapacityPolicyTest {

    @Test
    void firstMatchingGlobWins() {
        CapacityPolicy p = CapacityPolicy.parse(100, "http.request=200, websocket.*=20, *=5");
        assertThat(p.capacity("http.request")).isEqualTo(200);
        assertThat(p.capacity("websocket.send!x")).isEqualTo(20);
        assertThat(p.capacity("other")).isEqualTo(5);
        assertThat(p.overrides()).containsKeys("http.request", "websocket.*", "*");
        assertThat(CapacityPolicy.of(7).capacity("anything")).isEqualTo(7);
    }

    @Test
    void refusesBadEntries() {
        assertThatThrownBy(() -> CapacityPolicy.parse(100, "websocket.*")).hasMessageContaining("pattern=capacity");
        assertThatThrownBy(() -> CapacityPolicy.parse(100, "a=lots")).hasMessageContaining("'lots'");
        assertThatThrownBy(() -> CapacityPolicy.of(0)).hasMessageContaining("capacity must be > 0 but was 0");
    }
}
