package dev.notify.bench.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        int port = BrokerProcess.freePort();
        return new RedisServer(BrokerProcess.start(port, List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"),
                "redis-server", log, timeout, RedisServer::answersPing));
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
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (line.length() == 0) {
                throw new IOException("no reply to " + command);
            }
            return line.toString();
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
