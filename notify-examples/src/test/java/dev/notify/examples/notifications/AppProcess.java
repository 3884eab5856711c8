package dev.notify.examples.notifications;

import static dev.notify.tck.Await.awaitCondition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The app in a JVM of its own, started as {@code java ... NotificationApp} with NOTIFY_* variables. */
final class AppProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;

    private AppProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /**
     * @param directory where the process writes its output
     * @param environment its NOTIFY_* variables (the port among them)
     * @param args its command line
     * @return the process, started (not necessarily ready)
     */
    static AppProcess launch(Path directory, Map<String, String> environment, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NotificationApp.class.getName()));
        command.addAll(List.of(args));
        String name = "app-" + System.nanoTime();
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("NOTIFY_"));
        builder.environment().putAll(environment);
        String portText = environment.getOrDefault("NOTIFY_PORT", "8000");
        int port = portText.matches("\\d+") ? Integer.parseInt(portText) : -1;
        return new AppProcess(builder.start(), out, err, port);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + port + AppRoutes.WS_PATH);
    }

    /** Waits until {@code /healthz} answers 200. */
    AppProcess awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        // a separate process: polling its health URL is the only signal
        awaitCondition(() -> "the app answering /healthz:\n" + output(), Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the app exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                return http.send(HttpRequest.newBuilder(baseUrl().resolve("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false; // not listening yet
            }
        });
        return this;
    }

    /** @return the exit code, waiting up to 60 s for the process to end by itself */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the app did not exit within 60 s");
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    private String output() {
        try {
            return stdout() + stderr();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops the process as Ctrl-C would (its shutdown hook runs) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
