package dev.notify.nats;

import dev.notify.tck.Await;
import dev.notify.tck.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A NATS for tests: a {@code nats-server} process of its own on a free port of 127.0.0.1 (never the
 * standard 4222 that a machine may run), which can be stopped and started again on the same port;
 * or several joined in a cluster by routes on free ports. Shipped in notify-nats's test-jar for the
 * other modules' NATS tests.
 */
public final class NatsServer implements AutoCloseable {
    private static final String BINARY = "nats-server";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServerProcess process;
    private final int monitorPort;

    private NatsServer(ServerProcess process, int monitorPort) {
        this.process = process;
        this.monitorPort = monitorPort;
    }

    /**
     * @param options more nats-server options, such as {@code --user u --pass p}
     * @return a new, started nats-server
     */
    public static NatsServer spawn(String... options) {
        try {
            return start(ServerProcess.freePort(), List.of(options));
        } catch (IOException e) {
            throw cannotStart(e);
        }
    }

    /**
     * @param size how many servers
     * @return a started cluster, every route up
     */
    public static List<NatsServer> cluster(int size) {
        try {
            List<Integer> routePorts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                routePorts.add(ServerProcess.freePort());
            }
            String routes = routePorts.stream().map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","));
            List<NatsServer> servers = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                servers.add(start(ServerProcess.freePort(), List.of("--cluster_name", "notify-test",
                        "--cluster", "nats://127.0.0.1:" + routePorts.get(i), "--routes", routes)));
            }
            for (NatsServer server : servers) {
                server.awaitRoutes(size - 1);
            }
            return servers;
        } catch (IOException e) {
            throw cannotStart(e);
        }
    }

    private static NatsServer start(int port, List<String> options) throws IOException {
        int monitorPort = ServerProcess.freePort();
        Path directory = Files.createTempDirectory("notify-nats-test");
        List<String> command = new ArrayList<>(List.of(BINARY, "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-m", Integer.toString(monitorPort)));
        command.addAll(options);
        ServerProcess process = new ServerProcess(command, port, directory.resolve("nats-server.log"),
                p -> ServerProcess.greets(p, "INFO "));
        process.start();
        return new NatsServer(process, monitorPort);
    }

    private static IllegalStateException cannotStart(IOException e) {
        return new IllegalStateException("cannot start " + BINARY + ": " + e.getMessage()
                + ". Install it (Debian: apt-get install -y nats-server)", e);
    }

    /** @return {@code nats://127.0.0.1:<port>} */
    public String url() {
        return "nats://127.0.0.1:" + process.port();
    }

    /** @return the client port */
    public int port() {
        return process.port();
    }

    /** Starts again on the same port, after {@link #stop()} or {@link #kill()}. */
    void start() throws IOException {
        process.start();
    }

    /** Stops as a service manager would (SIGTERM) and waits for it. */
    void stop() {
        process.stop();
    }

    /** Kills at once, as a crash would. */
    void kill() {
        process.kill();
    }

    /**
     * @param subject a subject
     * @return how many client subscriptions this server has on exactly that subject (its
     *     monitoring endpoint says)
     */
    int subscriptions(String subject) throws IOException, InterruptedException {
        String list = monitor("/subsz?subs=1&limit=100000").replace(" ", "");
        String needle = "\"subject\":\"" + subject + "\"";
        int count = 0;
        for (int at = list.indexOf(needle); at >= 0; at = list.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private String monitor(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + path))
                .timeout(Duration.ofSeconds(2)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Waits until this server has routes to that many others (its monitoring endpoint says so). */
    void awaitRoutes(int count) {
        String[] last = {""};
        // a separate process: polling its monitoring endpoint is the only signal
        Await.awaitCondition(() -> BINARY + " on port " + port() + " getting " + count + " routes: " + last[0],
                Duration.ofSeconds(20), () -> {
                    last[0] = monitor("/routez");
                    return last[0].replace(" ", "").contains("\"num_routes\":" + count + ",");
                });
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return BINARY + " " + url();
    }
}
