package dev.notify.bench.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code nats-server} of its own on a free port of 127.0.0.1, stopped by {@link #close()}. Needs
 * {@code nats-server} on the {@code PATH} (Debian package {@code nats-server}).
 */
public final class NatsServer implements AutoCloseable {
    private final BrokerProcess process;

    private NatsServer(BrokerProcess process) {
        this.process = process;
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
            routePorts.add(BrokerProcess.freePort());
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

    private static NatsServer start(Path log, Duration timeout, List<String> options) throws IOException {
        int port = BrokerProcess.freePort();
        List<String> command = new ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(options);
        return new NatsServer(BrokerProcess.start(port, command, "nats-server", log, timeout, NatsServer::greets));
    }

    /** @return {@code nats://127.0.0.1:<port>} */
    public String url() {
        return "nats://127.0.0.1:" + process.port();
    }

    /** @return its CPU time so far (every thread), or -1 if unknown */
    public long cpuNanos() {
        return process.cpuNanos();
    }

    /** @return whether a client connection to the port gets the server's {@code INFO} greeting */
    private static boolean greets(int port) {
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
        process.close();
    }
}
