package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RateLimitedLogTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final RateLimitedLog log = new RateLimitedLog(Duration.ofSeconds(10), now::get);
    private final List<String> lines = new ArrayList<>();

    private boolean line(String text) {
        return log.log(note -> lines.add(text + note));
    }

    @Test
    void oneLinePerPeriodAndTheNextSaysHowManyWereLeftOut() {
        assertThat(line("first")).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(line("held back")).isFalse();
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(10) - 1);
        assertThat(line("still held back")).isFalse();
        now.incrementAndGet();
        assertThat(line("second")).isTrue();
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertThat(line("third")).isTrue();
        assertThat(lines).containsExactly("first", "second (6 similar line(s) in the last 10 s not logged)", "third");
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> new RateLimitedLog(Duration.ZERO, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }
}
