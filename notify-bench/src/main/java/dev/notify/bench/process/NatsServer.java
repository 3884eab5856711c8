package dev.notify.bench.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A {@code nats-server} of its own on a free port of 127.0.0.1, stopped by {@link #close()}. Needs
 * {@code nats-server} on the {@code PATH} (Debian package {@code nats-server}).
 */
public final class NatsServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private NatsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param log where its output goes
     * @param timeout how long it may take to greet a client
     * @return the running server
     * @throws IOException if it cannot start or does not greet in time
     */
    public static NatsServer start(Path log, Duration timeout) throws IOException {
        return start(log, timeout, List.of());
    }

    /**
     * Starts servers joined in one cluster by routes on free ports. A route comes up shortly after
     * both ends run: a client's interest reaches the other servers after that.
     *
     * @param size how many servers
     * @param logs where their outputs go, {@code nats-<i>.log}
     * @param timeout how long each may take to greet a client
     * @return the running servers; the caller closes each
     * @throws IOException if one cannot start (those started are stopped)
     */
    public static List<NatsServer> cluster(int size, Path logs, Duration timeout) throws IOException {
        List<Integer> routePorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            routePorts.add(freePort());
        }
        String routes = routePorts.stream().map(p -> "nats://127.0.0.1:" + p).collect(Collectors.joining(","));
        List<NatsServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                servers.add(start(logs.resolve("nats-" + i + ".log"), timeout, List.of("--cluster_name", "notify-bench",
                        "--cluster", "nats://127.0.0.1:" + routePorts.get(i), "--routes", routes)));
            }
        } catch (IOException e) {
            servers.forEach(NatsServer::close);
            throw e;
        }
        return servers;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static NatsServer start(Path log, Duration timeout, List<String> options) throws IOException {
        int port = freePort();
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(options);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot start nats-server (" + e.getMessage() + "); install it, e.g. apt-get install nats-server", e);
        }
        NatsServer server = new NatsServer(process, port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!server.greets()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("nats-server on port " + port + " did not greet within " + timeout + "; see " + log);
            }
            try {
                Thread.sleep(20); // polling a process that gives no readiness signal
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                server.close();
                throw new IOException("interrupted", interrupted);
            }
        }
        return server;
    }

    /** @return {@code nats://127.0.0.1:<port>} */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** @return its CPU time so far (every thread), or -1 if unknown */
    public long cpuNanos() {
        return ProcessStats.cpuNanos(process.pid());
    }

    /** @return whether a client connection gets the server's {@code INFO} greeting */
    private boolean greets() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("INFO ");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
