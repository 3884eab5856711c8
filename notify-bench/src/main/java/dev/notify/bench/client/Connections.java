package dev.notify.bench.client;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The accepted connections that one {@link LoadClient#connect} opened, with how fast that went. */
public final class Connections implements AutoCloseable {
    final List<ClientConnection> open;
    final Map<EventLoop, List<ClientConnection>> byLoop;
    private final int failed;
    private final Duration elapsed;

    Connections(List<ClientConnection> open, int failed, Duration elapsed) {
        this.open = List.copyOf(open);
        Map<EventLoop, List<ClientConnection>> loops = new LinkedHashMap<>();
        for (ClientConnection connection : open) {
            loops.computeIfAbsent(connection.channel().eventLoop(), loop -> new ArrayList<>()).add(connection);
        }
        this.byLoop = loops;
        this.failed = failed;
        this.elapsed = elapsed;
    }

    /**
     * @param parts connections that {@link LoadClient#connect} opened to several servers
     * @return all of them as one set, for a fan-out that must reach every server's clients; its
     *     {@link #elapsed()} is the sum of the parts'
     */
    public static Connections of(List<Connections> parts) {
        List<ClientConnection> all = new ArrayList<>();
        int failed = 0;
        Duration elapsed = Duration.ZERO;
        for (Connections part : parts) {
            all.addAll(part.open);
            failed += part.failed;
            elapsed = elapsed.plus(part.elapsed);
        }
        return new Connections(all, failed, elapsed);
    }

    /** @return accepted connections */
    public int size() {
        return open.size();
    }

    /** @return attempts that were refused, reset or timed out */
    public int failed() {
        return failed;
    }

    /** @return from the first attempt to the last accepted handshake */
    public Duration elapsed() {
        return elapsed;
    }

    /** @return accepted handshakes per second */
    public double perSecond() {
        return elapsed.isZero() ? 0 : open.size() / (elapsed.toNanos() / 1e9);
    }

    /**
     * Sends a text on every connection and waits for every reply. A server answers a text only after
     * the connection's connect hook (and so its group join) has run, so this is the readiness check.
     *
     * @param timeout how long to wait for all replies
     * @return connections that did not answer in time
     * @throws InterruptedException if interrupted
     */
    public int awaitReady(Duration timeout) throws InterruptedException {
        List<CompletableFuture<Long>> replies = new ArrayList<>(open.size());
        for (ClientConnection connection : open) {
            replies.add(connection.request("ready?"));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int missing = 0;
        for (CompletableFuture<Long> reply : replies) {
            try {
                reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                missing++;
            }
        }
        return missing;
    }

    /**
     * Closes every connection with a close frame (1000), and abruptly after the timeout.
     *
     * @param timeout how long to wait for the closing handshakes
     */
    public void close(Duration timeout) {
        List<ChannelFuture> closed = new ArrayList<>(open.size());
        for (ClientConnection connection : open) {
            closed.add(connection.closeGracefully());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChannelFuture future : closed) {
            if (!future.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                future.channel().close();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
