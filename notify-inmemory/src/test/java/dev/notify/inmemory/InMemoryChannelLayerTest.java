package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.Message;
import dev.notify.tck.LogCapture;
import dev.notify.tck.MeterReadings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the in-memory layer does beyond the compatibility kit. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InMemoryChannelLayerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aFloodOfDroppedGroupCopiesIsOneLogLineAndCounted() {
        try (InMemoryChannelLayer layer = InMemoryChannelLayer.create(InMemoryLayerOptions.builder().capacity(1).build());
             LogCapture log = LogCapture.of(InMemoryChannelLayer.class)) {
            MeterReadings meters = MeterReadings.of(layer);
            BlockingChannelLayer blocking = layer.blocking(WAIT);
            String full = blocking.newChannel("full");
            blocking.groupAdd("room", full);
            blocking.groupSend("room", Message.of("fills.it"));
            for (int i = 0; i < 1000; i++) {
                blocking.groupSend("room", Message.of("dropped", "i", i));
            }
            assertThat(log.lines()).as("1000 dropped copies within 10 s").hasSize(1);
            assertThat(log.lines().get(0)).contains("room", "dropped");
            assertThat(meters.value("notify.layer.dropped", "reason", "channel_full")).isEqualTo(1000);
        }
    }
}
