package dev.notify.bench.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A broker binary ({@code redis-server}, {@code nats-server}) run on a free port of 127.0.0.1 for
 * one scenario: started, polled until it answers, and stopped with SIGTERM, then SIGKILL after a
 * grace period.
 */
final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @return a port of 127.0.0.1 that nothing listened on a moment ago */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /**
     * @param port the port the command makes the broker listen on
     * @param command the command line
     * @param debianPackage the package that installs the binary, named in the error when it is missing
     * @param log where its output goes
     * @param timeout how long it may take to answer
     * @param answers whether the broker on this port answers a client yet
     * @return the running broker
     * @throws IOException if it cannot start or does not answer in time
     */
    static BrokerProcess start(int port, List<String> command, String debianPackage, Path log, Duration timeout,
                               IntPredicate answers) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot start " + command.get(0) + " (" + e.getMessage() + "); install it, e.g. apt-get install "
                    + debianPackage, e);
        }
        BrokerProcess broker = new BrokerProcess(process, port);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answers.test(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                broker.close();
                throw new IOException(command.get(0) + " on port " + port + " did not answer within " + timeout + "; see " + log);
            }
            try {
                Thread.sleep(20); // polling a process that gives no readiness signal
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                broker.close();
                throw new IOException("interrupted", interrupted);
            }
        }
        return broker;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** @return its CPU time so far (every thread) in nanoseconds, or -1 if unknown */
    long cpuNanos() {
        return ProcessStats.cpuNanos(process.pid());
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
