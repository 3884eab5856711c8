package dev.notify.tck;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A server program for tests (redis-server, nats-server) as a child process of its own on a port of
 * 127.0.0.1: started, stopped and started again on the same port, or killed as a crash would. Its
 * output goes to a log file that a failed start quotes. The Redis and NATS fixtures are built on it.
 */
public final class ServerProcess implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 10;

    private final List<String> command;
    private final int port;
    private final Path log;
    private final IntPredicate ready;
    private Process process;

    /**
     * @param command the program and its arguments
     * @param port the port it listens on (the readiness probe's)
     * @param log where its output goes
     * @param ready answers whether the server on that port is ready to serve
     */
    public ServerProcess(List<String> command, int port, Path log, IntPredicate ready) {
        this.command = List.copyOf(command);
        this.port = port;
        this.log = log;
        this.ready = ready;
    }

    /** @return a port of 127.0.0.1 that was free a moment ago */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A readiness probe for servers that greet a new connection, as NATS does with {@code INFO}.
     *
     * @param port the port
     * @param greeting what the first bytes the server sends start with
     * @return whether a connection was accepted and greeted so
     */
    public static boolean greets(int port, String greeting) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(500);
            InputStream in = socket.getInputStream();
            byte[] first = in.readNBytes(greeting.length());
            return new String(first, StandardCharsets.US_ASCII).equals(greeting);
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return the log file */
    public Path log() {
        return log;
    }

    /** @return whether the process runs */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the process (again, on the same port) and waits until the probe says it is ready.
     *
     * @throws IOException if it cannot be started, exits, or is not ready within 10 s
     */
    public void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(command.get(0) + " on port " + port + " runs already");
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            // a child process that has no readiness signal: poll it
            Await.awaitCondition(() -> command.get(0) + " ready on port " + port + "; its log: " + readLog(),
                    Duration.ofSeconds(START_TIMEOUT_SECONDS), () -> {
                        if (!process.isAlive()) {
                            throw new IOException(command.get(0) + " exited with " + process.exitValue());
                        }
                        return ready.test(port);
                    });
        } catch (AssertionError e) {
            kill();
            throw new IOException(e.getMessage(), e);
        }
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stops the process as a service manager would (SIGTERM, then SIGKILL after 5 s) and waits for it. */
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits for it to be gone. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
