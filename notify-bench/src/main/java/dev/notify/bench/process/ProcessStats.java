package dev.notify.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Resident memory and CPU time of a process, from Linux's {@code /proc}. */
public final class ProcessStats {
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
     * @param process a process
     * @return its CPU time so far (user and system), zero where the platform does not say
     */
    public static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
