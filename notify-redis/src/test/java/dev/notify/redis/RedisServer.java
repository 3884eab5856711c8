package dev.notify.redis;

import dev.notify.tck.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Redis for tests: a {@code redis-server} process of its own on a free port of 127.0.0.1 (no
 * persistence), which can be stopped and restarted on the same port; or, with {@code REDIS_URL}
 * set, that server (never flushed as a whole: tests use a unique prefix and flush only it).
 * Shipped in notify-redis's test-jar for the other modules' Redis tests.
 */
public final class RedisServer implements AutoCloseable {
    private static final String BINARY = "redis-server";

    private final int port;
    private final String externalUri;
    private final ServerProcess process;

    private RedisServer(int port, String externalUri, ServerProcess process) {
        this.port = port;
        this.externalUri = externalUri;
        this.process = process;
    }

    /** @return the server for layer tests: REDIS_URL if set, else a new local process */
    static RedisServer shared() {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return new RedisServer(-1, url.trim(), null);
        }
        return spawn();
    }

    /** @return a new redis-server process of this test, whatever REDIS_URL says */
    public static RedisServer spawn() {
        return spawn(List.of());
    }

    /**
     * @param master the server to replicate
     * @return a new redis-server process that replicates the master
     */
    static RedisServer spawnReplica(RedisServer master) {
        return spawn(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
    }

    /** @return a new redis-server process in cluster mode, not yet part of a cluster (see {@link RedisCluster}) */
    static RedisServer spawnClusterNode() {
        return spawn(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(RedisCluster.NODE_TIMEOUT.toMillis())));
    }

    private static RedisServer spawn(List<String> extraArguments) {
        try {
            int port = freePort();
            Path directory = Files.createTempDirectory("notify-redis-test");
            List<String> command = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--loglevel", "warning"));
            command.addAll(extraArguments);
            return started(port, command, directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY + ": " + e.getMessage()
                    + ". Install Redis (Debian: apt-get install -y redis-server) or set REDIS_URL=redis://host:port", e);
        }
    }

    /**
     * @param master the server to watch, as master {@code mymaster}
     * @return a new Sentinel process (redis-server in sentinel mode)
     */
    static RedisServer spawnSentinel(RedisServer master) {
        return spawnSentinel(master, 1, "");
    }

    /**
     * @param master the server to watch, as master {@code mymaster}
     * @param quorum how many sentinels must agree that the master is down
     * @param extraConfig more lines of sentinel.conf, each ending with a newline
     * @return a new Sentinel process (redis-server in sentinel mode)
     */
    static RedisServer spawnSentinel(RedisServer master, int quorum, String extraConfig) {
        try {
            int port = freePort();
            Path directory = Files.createTempDirectory("notify-redis-sentinel");
            Path config = directory.resolve("sentinel.conf"); // Sentinel rewrites its own config file
            Files.writeString(config, "port " + port + "\nbind 127.0.0.1\ndir " + directory + "\nloglevel warning\n"
                    + "sentinel monitor mymaster 127.0.0.1 " + master.port() + " " + quorum + "\n" + extraConfig);
            return started(port, List.of(BINARY, config.toString(), "--sentinel"), directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY + " --sentinel: " + e.getMessage(), e);
        }
    }

    private static RedisServer started(int port, List<String> command, Path directory) throws IOException {
        ServerProcess process = new ServerProcess(command, port, directory.resolve("redis.log"), RedisServer::answersPing);
        process.start();
        return new RedisServer(port, null, process);
    }

    /** @return a unique key prefix for one test, so tests never see each other's keys */
    static String uniquePrefix() {
        return "asgi-t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    public String uri() {
        return externalUri != null ? externalUri : "redis://127.0.0.1:" + port;
    }

    String host() {
        return externalUri != null ? io.lettuce.core.RedisURI.create(externalUri).getHost() : "127.0.0.1";
    }

    public int port() {
        return externalUri != null ? io.lettuce.core.RedisURI.create(externalUri).getPort() : port;
    }

    /**
     * Starts (again) on the same port and waits until it answers PING.
     *
     * @throws IOException if it does not start
     */
    public void start() throws IOException {
        requireOwnProcess().start();
    }

    /** Stops the process as a service manager would (SIGTERM) and waits for it to be gone. */
    public void stop() {
        requireOwnProcess().stop();
    }

    /** @return whether this test's own process runs */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process at once, as a crash would, and waits for it to be gone. */
    public void kill() {
        requireOwnProcess().kill();
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private ServerProcess requireOwnProcess() {
        if (process == null) {
            throw new IllegalStateException("this test starts and stops Redis itself; it cannot use REDIS_URL");
        }
        return process;
    }

    public static int freePort() throws IOException {
        return ServerProcess.freePort();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
