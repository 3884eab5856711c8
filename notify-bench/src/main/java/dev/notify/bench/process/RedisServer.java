package dev.notify.bench.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of its own on a free port of 127.0.0.1, without persistence
 * ({@code --save "" --appendonly no}), stopped by {@link #close()}. Needs {@code redis-server} on the
 * {@code PATH} (Debian package {@code redis-server}).
 */
public final class RedisServer implements AutoCloseable {
    private final BrokerProcess process;

    private RedisServer(BrokerProcess process) {
        this.process = process;
    }

    /**
     * @param log where its output goes
     * @param timeout how long it may take to answer PING
     * @return the running server
     * @throws IOException if it cannot start or does not answer in time
     */
    public static RedisServer start(Path log, Duration timeout) throws IOException {
        return start(log, timeout, List.of());
    }

    /**
     * A Redis Cluster of masters only ({@code redis-cli --cluster create --cluster-replicas 0}), each
     * node a {@code redis-server --cluster-enabled yes} of its own; needs {@code redis-cli} too.
     *
     * @param masters how many masters (at least 3, as redis-cli requires)
     * @param logs the directory of the nodes' logs and cluster files
     * @param timeout how long each step may take
     * @return the running nodes, once the cluster reports {@code cluster_state:ok} on every one
     * @throws IOException if a node does not start or the cluster does not form in time
     */
    public static List<RedisServer> cluster(int masters, Path logs, Duration timeout) throws IOException {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                Path directory = Files.createDirectories(logs.toAbsolutePath().resolve("redis-" + i));
                nodes.add(start(directory.resolve("redis.log"), timeout, List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", directory.resolve("nodes.conf").toString(), "--dir", directory.toString())));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.forEach(node -> create.add("127.0.0.1:" + node.process.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Path createLog = logs.toAbsolutePath().resolve("redis-cli-create.log");
            Process process = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(createLog.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("redis-cli --cluster create failed; see " + createLog);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (RedisServer node : nodes) {
                while (!node.bulkReply("CLUSTER INFO").contains("cluster_state:ok")) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the Redis Cluster is not ok after " + timeout + " on port " + node.process.port());
                    }
                    Thread.sleep(50); // polling a state change that gives no signal
                }
            }
            return nodes;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            nodes.forEach(RedisServer::close);
            throw new IOException("interrupted while starting a Redis Cluster", e);
        }
    }

    private static RedisServer start(Path log, Duration timeout, List<String> options) throws IOException {
        int port = BrokerProcess.freePort();
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"));
        command.addAll(options);
        return new RedisServer(BrokerProcess.start(port, command, "redis-server", log, timeout, RedisServer::answersPing));
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String url() {
        return "redis://127.0.0.1:" + process.port();
    }

    /** @return its process id */
    public long pid() {
        return process.pid();
    }

    /** @return its CPU time so far (user and system) in nanoseconds, from {@code /proc/<pid>/stat}; -1 when unknown */
    public long cpuNanos() {
        return process.cpuNanos();
    }

    /**
     * Sends one inline command and returns the first line of the reply.
     *
     * @param command such as {@code PING}
     * @return the reply's first line
     * @throws IOException if the server does not answer
     */
    public String command(String command) throws IOException {
        return command(process.port(), command);
    }

    private static boolean answersPing(int port) {
        try {
            command(port, "PING");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String command(int port, String command) throws IOException {
        try (Socket socket = new Socket()) {
            InputStream in = ask(socket, port, command);
            String line = line(in);
            if (line.isEmpty()) {
                throw new IOException("no reply to " + command);
            }
            return line;
        }
    }

    /** Sends one inline command whose reply is a bulk string, and returns that string. */
    private String bulkReply(String command) throws IOException {
        try (Socket socket = new Socket()) {
            InputStream in = ask(socket, process.port(), command);
            String header = line(in);
            if (header.length() < 2 || header.charAt(0) != '$') {
                throw new IOException("not a bulk reply to " + command + ": " + header);
            }
            return new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.UTF_8);
        }
    }

    private static InputStream ask(Socket socket, int port, String command) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        socket.setSoTimeout(2000);
        OutputStream out = socket.getOutputStream();
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket.getInputStream();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        process.close();
    }
}
