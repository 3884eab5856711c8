package dev.notify.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server in its own JVM, started from this JVM's class path. The main class must print
 * {@code READY port=<port>} on standard output once it serves; everything it prints goes to a log
 * file. {@link #close()} sends SIGTERM and, after a grace period, kills it.
 */
public final class ServerProcess implements AutoCloseable {
    /** JVM options every server gets, so their memory figures compare. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx1g", "-XX:+UseG1GC");

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code java <JVM_OPTIONS> <extraJvmOptions> -cp <this class path> <mainClass> <args>}.
     *
     * @param mainClass the server's main class
     * @param args its arguments
     * @param environment extra environment variables
     * @param extraJvmOptions more JVM options, such as a JFR recording
     * @param log where its output goes
     * @param timeout how long it may take to print READY
     * @return the running server
     * @throws IOException if it cannot start, exits, or is not ready in time (its log's tail is in the message)
     */
    public static ServerProcess start(String mainClass, List<String> args, Map<String, String> environment,
                                      List<String> extraJvmOptions, Path log, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, ready), "output of " + mainClass);
        pump.setDaemon(true);
        pump.start();
        try {
            int port = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ServerProcess(process, port, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while starting " + mainClass, e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException(mainClass + " did not become ready within " + timeout + "; its output:\n" + tail(log), e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<Integer> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!ready.isDone() && line.startsWith("READY port=")) {
                    ready.complete(Integer.parseInt(line.substring("READY port=".length()).strip()));
                }
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IOException("the process ended"));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** @return the port it serves on */
    public int port() {
        return port;
    }

    /** @return its process id */
    public long pid() {
        return process.pid();
    }

    /** @return its output so far */
    public Path log() {
        return log;
    }

    /** @return its resident memory in bytes, from {@code /proc/<pid>/status} */
    public long residentBytes() {
        return ProcessStats.residentBytes(process.pid());
    }

    /** @return its CPU time so far (user and system) in nanoseconds, from {@code /proc/<pid>/stat}; -1 when unknown */
    public long cpuNanos() {
        return ProcessStats.cpuNanos(process.pid());
    }

    /** @return whether it is still running */
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * @return its exit code, if it ended
     */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
