package dev.notify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SendPlanTest {
    @Test
    void delayIsInSecondsToTheMicrosecond() {
        assertThat(SendPlan.parse("60000", "0.001")).isEqualTo(new SendPlan(60_000, 1000));
        assertThat(SendPlan.parse(" 100 ", "0")).isEqualTo(new SendPlan(100, 0));
        assertThat(SendPlan.parse("1", "2.5")).isEqualTo(new SendPlan(1, 2_500_000));
    }

    @Test
    void missingParametersAreTheExampleAppsDefaults() {
        assertThat(SendPlan.parse(null, null)).isEqualTo(new SendPlan(9, 2_000_000)).isEqualTo(SendPlan.EXAMPLE_DEFAULTS);
    }

    @Test
    void badParametersFailNamingThem() {
        assertThatThrownBy(() -> SendPlan.parse("ten", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count=ten");
        assertThatThrownBy(() -> SendPlan.parse("1", "0.0000001")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delay=0.0000001");
        assertThatThrownBy(() -> SendPlan.parse("-1", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be >= 0");
    }

    @Test
    void aMessageThatIsDueDoesNotWait() throws InterruptedException {
        SendPlan plan = new SendPlan(3, TimeUnit.SECONDS.toMicros(100));
        long start = System.nanoTime() - TimeUnit.SECONDS.toNanos(300);

        // messages 1 to 3 were due 300, 200 and 100 s ago: the test's timeout fails it if any waits
        for (int i = 1; i <= 3; i++) {
            plan.awaitTurn(start, i);
        }
    }
}
