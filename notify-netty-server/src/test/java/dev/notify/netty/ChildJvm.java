package dev.notify.netty;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A Java program in a JVM of its own, whose output lines (stdout and stderr, in a file) the test reads. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path output;
    private int consumed; // lines already returned or skipped by awaitLine

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The test's own class path and module path, all on the class path. */
    static String testClassPath() {
        String modules = System.getProperty("jdk.module.path", "");
        String classes = System.getProperty("java.class.path", "");
        return modules.isEmpty() ? classes : classes.isEmpty() ? modules : classes + File.pathSeparator + modules;
    }

    /**
     * @param arguments the JVM options and the main class with its arguments
     * @param environment variables added to the test's own, NOTIFY_* ones removed first
     * @return the started process
     */
    static ChildJvm start(List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(arguments);
        Path output = Files.createTempFile("notify-child-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("NOTIFY_"));
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start(), output);
    }

    /** @return the next line that starts with the prefix, skipping the others */
    String awaitLine(String prefix) throws IOException, InterruptedException {
        return awaitLine("starting with '" + prefix + "'", line -> line.startsWith(prefix));
    }

    /** @return the next line that contains the text, skipping the others */
    String awaitLineContaining(String text) throws IOException, InterruptedException {
        return awaitLine("containing '" + text + "'", line -> line.contains(text));
    }

    private String awaitLine(String what, Predicate<String> wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean exited = !process.isAlive();
            List<String> lines = lines();
            while (consumed < lines.size()) {
                String line = lines.get(consumed++);
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (exited || System.nanoTime() > deadline) {
                throw new AssertionError("no line " + what
                        + (exited ? " before the process exited with " + process.exitValue() : " within 60 s")
                        + "; output:\n" + String.join("\n", lines));
            }
            Thread.sleep(20); // another process writes the file: polling it is the only signal
        }
    }

    /** The complete lines written so far. */
    private List<String> lines() throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    /** Sends SIGTERM, as a service manager or {@code kill} does. */
    void terminate() {
        process.destroy();
    }

    /** @return the exit code, waiting for the process to end */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not exit within " + timeout + "; output:\n" + String.join("\n", lines()));
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(output);
    }
}
