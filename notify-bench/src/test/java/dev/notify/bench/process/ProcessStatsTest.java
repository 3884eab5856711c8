package dev.notify.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessStatsTest {
    // a real line of /proc/<pid>/stat, with utime 1234 and stime 567 (fields 14 and 15)
    private static final String STAT = "18666 (java) S 18664 18664 9079 0 -1 4194304 98 0 0 0 1234 567 3 4 20 0 31 0 51686 "
            + "3133440 387 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void cpuIsUserPlusSystemTicks() {
        assertThat(ProcessStats.cpuTicks(STAT)).isEqualTo(1234 + 567);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String tricky = STAT.replace("(java)", "(my (odd) name 1 2 3)");

        assertThat(ProcessStats.cpuTicks(tricky)).isEqualTo(1234 + 567);
    }

    @Test
    void somethingElseFailsSayingWhat() {
        assertThatThrownBy(() -> ProcessStats.cpuTicks("no parentheses here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no command name");
        assertThatThrownBy(() -> ProcessStats.cpuTicks("1 (java) S 2 3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 15 fields");
        assertThatThrownBy(() -> ProcessStats.cpuTicks(STAT.replace(" 1234 ", " x "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be numbers");
    }

    @Test
    void thisProcessSpendsCpuAsItsThreadsSay() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = ProcessStats.ownCpuNanos();
        // 200 ms of this thread's own CPU time, however busy the machine is
        long until = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long sum = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sum += System.nanoTime() % 7;
        }
        long after = ProcessStats.cpuNanos(ProcessHandle.current().pid());

        assertThat(sum).isNotNegative();
        assertThat(before).isPositive();
        // /proc counts in ticks of 10 ms
        assertThat(after - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
        assertThat(ProcessStats.cpuNanos(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
