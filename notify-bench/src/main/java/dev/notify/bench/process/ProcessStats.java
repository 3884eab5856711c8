package dev.notify.bench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory and CPU time of a process, from Linux's {@code /proc}. CPU time is {@code utime + stime}
 * of {@code /proc/<pid>/stat}: every thread of the process, the exited ones included, in clock ticks
 * ({@code getconf CLK_TCK}, 100 a second on Linux, so the resolution is 10 ms).
 */
public final class ProcessStats {
    /** Clock ticks per second of {@code /proc/<pid>/stat}. */
    public static final long TICKS_PER_SECOND = ticksPerSecond();

    // fields after the ")" that closes the command name: state is field 3 of stat(5), utime 14, stime 15
    private static final int UTIME_AFTER_NAME = 14 - 3;
    private static final int STIME_AFTER_NAME = 15 - 3;

    private ProcessStats() {
    }

    /**
     * @param pid a process id
     * @return {@code VmRSS} in bytes, or -1 where {@code /proc} is not there
     */
    public static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * @param pid a process id
     * @return its CPU time so far (user and system) in nanoseconds, or -1 where {@code /proc} is not there
     */
    public static long cpuNanos(long pid) {
        return cpuNanos(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** @return this process's CPU time so far (user and system) in nanoseconds, or -1 where {@code /proc} is not there */
    public static long ownCpuNanos() {
        return cpuNanos(Path.of("/proc", "self", "stat"));
    }

    private static long cpuNanos(Path stat) {
        try {
            return cpuTicks(Files.readString(stat, StandardCharsets.US_ASCII)) * TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    /**
     * @param stat the content of a {@code /proc/<pid>/stat} file
     * @return its {@code utime + stime}, in clock ticks
     * @throws IllegalArgumentException if it is not such a line
     */
    static long cpuTicks(String stat) {
        // the command name (field 2) is in parentheses and may itself hold spaces and parentheses
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line (no command name in parentheses): " + stat);
        }
        String[] fields = stat.substring(nameEnd + 1).strip().split(" +");
        if (fields.length <= STIME_AFTER_NAME) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line has at least 15 fields but this has "
                    + (fields.length + 2) + ": " + stat);
        }
        try {
            return Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[STIME_AFTER_NAME]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime and stime of a /proc/<pid>/stat line must be numbers: " + stat, e);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0 && out.matches("\\d+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // no getconf: Linux's USER_HZ, which has been 100 on every architecture for decades
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
