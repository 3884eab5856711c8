package dev.notify.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.bench.CompareOptions;
import dev.notify.bench.Scenario;
import dev.notify.bench.client.FanOutResult;
import dev.notify.bench.client.Percentiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MarkdownReportTest {
    private static final Machine MACHINE = new Machine(2, "23.5 GiB", "Some CPU", "Some JDK", "Linux", "65536", "0.50, 0.40, 0.30");
    private static final CompareOptions OPTIONS = CompareOptions.parse("--sizes", "1000,10000", "--servers",
            "whole-burst,flush-per-turn,inmemory", "--steady-servers", "whole-burst,inmemory", "--echo-servers", "",
            "--client-threads", "1", "--jmh", "false");
    private static String report;

    @BeforeAll
    static void render() {
        List<FanOutRun> bursts = new ArrayList<>();
        List<FanOutRun> steady = new ArrayList<>();
        for (int rep = 1; rep <= 3; rep++) {
            // the middle repetition is the median; the others spread ±20 %
            double spread = rep == 1 ? 0.8 : rep == 2 ? 1.0 : 1.2;
            for (int size : new int[] {1000, 10_000}) {
                bursts.add(run(Scenario.WHOLE_BURST, size, rep, 800_000 * spread, 1.1 * spread, 0.5, 0));
                bursts.add(run(Scenario.FLUSH_PER_TURN, size, rep, 400_000 * spread, 4.0 * spread, 0.6, 0));
                bursts.add(run(Scenario.INMEMORY, size, rep, 400_000 * spread, 2.5 * spread, 0.6, rep == 3 ? 7 : 0));
            }
            steady.add(run(Scenario.WHOLE_BURST, 10_000, rep, 166_000, 1.5, 0.9, 0));
            steady.add(run(Scenario.INMEMORY, 10_000, rep, 150_000, 3.0, 0.9, 0));
        }
        report = new MarkdownReport(MACHINE, OPTIONS, "0123abc", List.of("-Xmx1g"), bursts, steady, List.of(), List.of(),
                Instant.parse("2026-01-02T03:04:05Z"), Duration.ofMinutes(31).plusSeconds(7)).render();
    }

    private static FanOutRun run(Scenario scenario, int size, int rep, double rate, double serverMicros, double clientMicros,
                                 long missing) {
        long delivered = size * 100L - missing;
        Duration elapsed = Duration.ofNanos((long) (delivered / rate * 1e9));
        FanOutResult result = new FanOutResult(size, 100, delivered, missing, missing > 0 ? 1 : 0, (int) missing, 0, elapsed,
                elapsed.dividedBy(2), new Percentiles(delivered, 1000, 2000, 3000, 4000, 5000), elapsed,
                (long) (clientMicros * 1000 * delivered), (long) (serverMicros * 1000 * delivered));
        long before = 100L << 20;
        long after = before + size * 5L * 1024;
        return new FanOutRun(scenario, size, rep, result, 3000, 0, 0, before, after, after + (10L << 20), null);
    }

    @Test
    void headerNamesTheCommitMeasured() {
        assertThat(report).contains("commit `0123abc`").contains("in 31 min 7 s");
    }

    @Test
    void burstRowsGiveMedianWithRangeRatiosToBothReferencesAndCpuPerDelivery() {
        assertThat(report).contains("| server | N | deliveries/s | vs ceiling | vs per-turn | server µs/delivery | server cores "
                + "| client µs/delivery | client cores | missing (worst) |");
        assertThat(report).contains("| notify, in-memory layer | 10,000 | 400,000 (320,000–480,000) | 0.50 | 1.00 | 2.50 (2.00–3.00) "
                + "| 1.00 (0.64–1.44) | 0.60 | 0.24 (0.19–0.29) | 0 (7) |");
        assertThat(report).contains("| bare Netty, whole burst then one flush (the ceiling) | 1,000 | 800,000 (640,000–960,000) "
                + "| 1.00 | 2.00 | 1.10 (0.88–1.32) |");
    }

    @Test
    void scalingTableHasAColumnPerN() {
        assertThat(report).contains("| server | N = 1,000 | N = 10,000 |")
                .contains("| notify, in-memory layer | 400,000/s, 2.50 µs | 400,000/s, 2.50 µs |");
    }

    @Test
    void steadyStateHasTailLatencyAndMemoryAtTheEnd() {
        assertThat(report).contains("## Steady state: one group send every 100 ms for 60 s to N = 10,000")
                .contains("| notify, in-memory layer | 30 | 150,000 | 1.00 | 3.00 | 4.00 | 5.0 | 0 (0) | 3.00 | 0.90 | 159 (+10) |");
    }

    @Test
    void clientCheckSaysWhatOneClientCoreTakes() {
        assertThat(report).contains("| 10,000 | 800,000 | 0.50 | 2,000,000 | 0.40 of 1 | no |");
    }

    @Test
    void targetsOfIssueTwelveAreJudgedOnTheMedians() {
        assertThat(report).contains("| inmemory: server CPU per delivery ≤ 2.0 µs, N = 10,000 | 2.50 | **no** |")
                .contains("| inmemory: deliveries/s ≥ 0.8 × the ceiling, N = 10,000 | 0.50 | **no** |")
                .contains("| nothing lost, inmemory, N = 10,000, K = 100 (the target is at K = 1,000) | 7 missing (worst run) | **no** |")
                .contains("| in-memory: memory per idle connection ≤ 1.2 × the ceiling server's, N = 10,000 | 1.00 | yes |");
    }

    @Test
    void theLossIsListedWithItsRun() {
        assertThat(report).contains("- burst, inmemory, N = 10000, repetition 3: 0 connections refused or timed out, 0 not ready, "
                + "7 messages missing on 1 connections");
    }

    @Test
    void thePerTurnServerIsNotCalledTheBatchedCeiling() {
        assertThat(report).doesNotContainIgnoringCase("batched");
        assertThat(report).contains("`flush-per-turn` = bare Netty, one flush per event-loop turn");
    }
}
