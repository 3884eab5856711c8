package dev.notify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CompareOptionsTest {
    @Test
    void defaultsAreIssueSixsComparison() {
        CompareOptions options = CompareOptions.parse();

        assertThat(options.sizes()).containsExactly(1000, 10_000);
        assertThat(options.messages()).isEqualTo(100);
        assertThat(options.payload()).isEqualTo(100);
        assertThat(options.reps()).isEqualTo(3);
        assertThat(options.servers()).containsExactly(Scenario.values());
    }

    @Test
    void optionsOverrideDefaultsAndRoundTrip() {
        CompareOptions options = CompareOptions.parse("--sizes", "20,40", "--servers", "batched,redis", "--burst-timeout", "5s");

        assertThat(options.sizes()).containsExactly(20, 40);
        assertThat(options.servers()).containsExactly(Scenario.BATCHED, Scenario.REDIS);
        assertThat(options.burstTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(CompareOptions.parse(options.toArgs().toArray(String[]::new))).isEqualTo(options);
    }

    @Test
    void badOptionsFailNamingWhatIsWrong() {
        assertThatThrownBy(() -> CompareOptions.parse("--size", "20")).hasMessageContaining("unknown option --size");
        assertThatThrownBy(() -> CompareOptions.parse("--reps", "0")).hasMessageContaining("--reps=0");
        assertThatThrownBy(() -> CompareOptions.parse("--servers", "django")).hasMessageContaining("unknown server 'django'");
        assertThatThrownBy(() -> CompareOptions.parse(List.of("--reps").toArray(String[]::new))).hasMessageContaining("pairs");
    }
}
