package dev.notify.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a comparison ran on.
 *
 * @param cores processors available to the JVM
 * @param memory total memory, as {@code /proc/meminfo} says
 * @param cpu the CPU model
 * @param jdk the JVM's name and version
 * @param os the operating system and kernel
 * @param openFiles the soft limit on open files ({@code ulimit -n})
 * @param loadAverage the load averages over 1, 5 and 15 minutes when it was described ({@code /proc/loadavg})
 */
public record Machine(int cores, String memory, String cpu, String jdk, String os, String openFiles, String loadAverage) {
    /** @return this machine */
    public static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                gibibytes(field(Path.of("/proc/meminfo"), "MemTotal:", "?")),
                field(Path.of("/proc/cpuinfo"), "model name", System.getProperty("os.arch")).replaceFirst("^:\\s*", ""),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                readOpenFileLimit(),
                readLoadAverage());
    }

    /** @return {@link #openFiles} as a number; {@link Long#MAX_VALUE} when unlimited or unknown */
    public long openFileLimit() {
        return openFiles.matches("\\d+") ? Long.parseLong(openFiles) : Long.MAX_VALUE;
    }

    private static String field(Path file, String prefix, String fallback) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).strip();
                }
            }
        } catch (IOException e) {
            return fallback;
        }
        return fallback;
    }

    private static String gibibytes(String kilobytes) {
        if (!kilobytes.matches("\\d+ kB")) {
            return kilobytes;
        }
        return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(kilobytes.split(" ")[0]) / 1024.0 / 1024.0);
    }

    private static String readLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields.length >= 3 ? fields[0] + ", " + fields[1] + ", " + fields[2] : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String readOpenFileLimit() {
        String limit = field(Path.of("/proc/self/limits"), "Max open files", "?");
        String[] parts = limit.split("\\s+");
        return parts.length > 0 ? parts[0] : limit;
    }
}
