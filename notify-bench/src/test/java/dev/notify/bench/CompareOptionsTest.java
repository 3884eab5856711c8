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
    void defaultsAreIssueTwelvesComparison() {
        CompareOptions options = CompareOptions.parse();

        assertThat(options.sizes()).containsExactly(1000, 10_000, 30_000);
        assertThat(options.messages()).isEqualTo(100);
        assertThat(options.payload()).isEqualTo(100);
        assertThat(options.reps()).isEqualTo(3);
        assertThat(options.servers()).containsExactly(Scenario.values());
        assertThat(options.steadySize()).isEqualTo(10_000);
        assertThat(options.steadyPlan()).isEqualTo(new SendPlan(600, 100_000));
        assertThat(options.largestSize()).isEqualTo(30_000);
    }

    @Test
    void optionsOverrideDefaultsAndRoundTrip() {
        CompareOptions options = CompareOptions.parse("--sizes", "20,40", "--servers", "flush-per-turn,redis", "--burst-timeout", "5s",
                "--steady-seconds", "2", "--steady-interval-ms", "4");

        assertThat(options.sizes()).containsExactly(20, 40);
        assertThat(options.servers()).containsExactly(Scenario.FLUSH_PER_TURN, Scenario.REDIS);
        assertThat(options.burstTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.steadyPlan()).isEqualTo(new SendPlan(500, 4000));
        assertThat(CompareOptions.parse(options.toArgs().toArray(String[]::new))).isEqualTo(options);
    }

    @Test
    void anEmptyListSkipsThatPart() {
        CompareOptions options = CompareOptions.parse("--sizes", "", "--steady-servers", "", "--echo-servers", "");

        assertThat(options.sizes()).isEmpty();
        assertThat(options.steadyServers()).isEmpty();
        assertThat(options.echoServers()).isEmpty();
        assertThat(options.largestSize()).isZero();
        assertThat(CompareOptions.parse(options.toArgs().toArray(String[]::new))).isEqualTo(options);
    }

    @Test
    void badOptionsFailNamingWhatIsWrong() {
        assertThatThrownBy(() -> CompareOptions.parse("--size", "20")).hasMessageContaining("unknown option --size");
        assertThatThrownBy(() -> CompareOptions.parse("--reps", "0")).hasMessageContaining("--reps=0");
        assertThatThrownBy(() -> CompareOptions.parse("--servers", "batched")).hasMessageContaining("unknown server 'batched'");
        assertThatThrownBy(() -> CompareOptions.parse("--jmh", "yes")).hasMessageContaining("--jmh takes true or false");
        assertThatThrownBy(() -> CompareOptions.parse(List.of("--reps").toArray(String[]::new))).hasMessageContaining("pairs");
    }
}
