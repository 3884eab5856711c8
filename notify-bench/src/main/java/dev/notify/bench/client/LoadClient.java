package dev.notify.bench.client;

import dev.notify.bench.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A WebSocket load client on its own Netty event loops. It talks to 127.0.0.1 only, and every call is
 * bounded by a count and a timeout.
 *
 * <p>Opening N connections needs N file descriptors here and N on the server: raise {@code ulimit -n}
 * above N (the bench's {@code run.sh} does). The local port range (28,000 ports by default on Linux)
 * bounds N as well.
 */
public final class LoadClient implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final EventLoopGroup loops;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * @param threads event-loop threads of the client; 1 leaves the other cores to the server
     */
    public LoadClient(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be > 0 but was " + threads);
        }
        this.loops = NettyTransport.group(threads);
    }

    /**
     * Opens WebSocket connections to {@code ws://127.0.0.1:port/path}, at most {@code perSecond} new
     * attempts a second and at most 512 handshakes in flight, so the server's accept backlog never overflows.
     *
     * @param port the server's port
     * @param path the WebSocket path, such as {@code /ws/test/}
     * @param count how many connections
     * @param perSecond the highest rate of new attempts
     * @param timeout how long all of them may take
     * @return the accepted connections
     * @throws InterruptedException if interrupted
     */
    public Connections connect(int port, String path, int count, int perSecond, Duration timeout) throws InterruptedException {
        if (count < 0 || perSecond < 1) {
            throw new IllegalArgumentException("count must be >= 0 and perSecond > 0 but were " + count + " and " + perSecond);
        }
        URI uri = URI.create("ws://" + HOST + ":" + port + path);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .handshakeTimeoutMillis(Math.max(1000, timeout.toMillis()))
                .build();
        Bootstrap bootstrap = new Bootstrap()
                .group(loops)
                .channel(NettyTransport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
        Semaphore inFlight = new Semaphore(512);
        List<CompletableFuture<ClientConnection>> handshakes = new ArrayList<>(count);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            long due = start + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            ClientConnection handler = new ClientConnection();
            ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                            new WebSocketClientProtocolHandler(config), handler);
                }
            }).connect(new InetSocketAddress(HOST, port));
            CompletableFuture<ClientConnection> handshake = handler.handshake;
            connecting.addListener(f -> {
                if (!f.isSuccess()) {
                    handshake.completeExceptionally(f.cause());
                }
            });
            handshake.whenComplete((c, e) -> inFlight.release());
            handshakes.add(handshake);
        }
        List<ClientConnection> open = new ArrayList<>(handshakes.size());
        int failed = count - handshakes.size();
        long last = start;
        for (CompletableFuture<ClientConnection> handshake : handshakes) {
            try {
                open.add(handshake.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                last = Math.max(last, System.nanoTime());
            } catch (ExecutionException | TimeoutException e) {
                failed++;
            }
        }
        return new Connections(open, failed, Duration.ofNanos(last - start));
    }

    /**
     * Triggers a burst with {@code GET http://127.0.0.1:port/home?count=K&delay=0} and waits until every
     * connection has all K payloads, or the timeout.
     *
     * @param connections the connections that must all get the burst
     * @param port the server's HTTP port
     * @param messages K
     * @param timeout how long the burst may take
     * @return the counts and latencies
     * @throws InterruptedException if interrupted
     * @throws IOException if the trigger request fails
     */
    public FanOutResult fanOut(Connections connections, int port, int messages, Duration timeout)
            throws InterruptedException, IOException {
        List<ClientConnection> open = connections.open;
        Burst burst = new Burst(open.size(), messages);
        List<CompletableFuture<Void>> armed = new ArrayList<>(open.size());
        for (ClientConnection connection : open) {
            armed.add(CompletableFuture.runAsync(() -> connection.expect(burst), connection.channel().eventLoop()));
        }
        join(CompletableFuture.allOf(armed.toArray(CompletableFuture[]::new)), timeout);
        long cpuBefore = ownCpuNanos();
        long start = System.nanoTime();
        HttpRequest trigger = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/home?count=" + messages + "&delay=0"))
                .timeout(timeout)
                .build();
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(trigger, HttpResponse.BodyHandlers.ofString());
        try {
            burst.allArrived.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // counted below as missing
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        long cpu = ownCpuNanos() - cpuBefore;
        try {
            HttpResponse<String> answer = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (answer.statusCode() != 200) {
                throw new IOException("GET /home answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("GET /home failed: " + e, e);
        }
        long delivered = 0;
        long duplicates = 0;
        long last = start;
        int connectionsMissing = 0;
        int maxMissing = 0;
        for (ClientConnection connection : open) {
            ClientConnection.Tally tally = join(connection.tally(), timeout);
            delivered += tally.received();
            duplicates += tally.duplicates() + tally.unexpected();
            last = Math.max(last, tally.lastDeliveryNanos());
            int missing = messages - tally.received();
            if (missing > 0) {
                connectionsMissing++;
                maxMissing = Math.max(maxMissing, missing);
            }
        }
        Histogram latency = burst.latencyMicros.getIntervalHistogram();
        return new FanOutResult(open.size(), messages, delivered, (long) open.size() * messages - delivered,
                connectionsMissing, maxMissing, duplicates, Duration.ofNanos(last - start), Percentiles.of(latency, 1),
                Duration.ofNanos(cpu), Duration.ZERO);
    }

    /**
     * Measures round trips: each connection sends a text, waits for the reply, and sends the next,
     * {@code warmup} times unmeasured and then {@code roundTrips} times measured.
     *
     * @param connections the connections, all used in parallel
     * @param warmup unmeasured round trips per connection
     * @param roundTrips measured round trips per connection
     * @param timeout how long all of it may take
     * @return the round-trip percentiles
     * @throws InterruptedException if interrupted
     * @throws IOException if a connection fails or the timeout passes
     */
    public EchoResult echo(Connections connections, int warmup, int roundTrips, Duration timeout)
            throws InterruptedException, IOException {
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        long deadline = System.nanoTime() + timeout.toNanos();
        runEcho(connections, warmup, null, deadline);
        recorder.reset();
        long start = System.nanoTime();
        long done = runEcho(connections, roundTrips, recorder, deadline);
        Histogram histogram = recorder.getIntervalHistogram();
        return new EchoResult(connections.size(), done, Duration.ofNanos(System.nanoTime() - start),
                Percentiles.of(histogram, 1000));
    }

    private static long runEcho(Connections connections, int rounds, Recorder recorder, long deadline)
            throws InterruptedException, IOException {
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (ClientConnection connection : connections.open) {
            CompletableFuture<Void> loop = new CompletableFuture<>();
            echoStep(connection, rounds, recorder, deadline, loop);
            loops.add(loop);
        }
        join(CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return (long) rounds * connections.size();
    }

    private static void echoStep(ClientConnection connection, int remaining, Recorder recorder, long deadline,
                                 CompletableFuture<Void> loop) {
        if (remaining == 0) {
            loop.complete(null);
            return;
        }
        if (System.nanoTime() > deadline) {
            loop.completeExceptionally(new TimeoutException("echo round trips did not finish in time"));
            return;
        }
        long sent = System.nanoTime();
        connection.request("ping").whenComplete((arrived, failure) -> {
            if (failure != null) {
                loop.completeExceptionally(failure);
                return;
            }
            if (recorder != null) {
                recorder.recordValue(arrived - sent);
            }
            echoStep(connection, remaining - 1, recorder, deadline, loop);
        });
    }

    private static <T> T join(CompletableFuture<T> future, Duration timeout) throws InterruptedException, IOException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("timed out after " + timeout, e);
        }
    }

    /** @return the CPU time this process used so far, in nanoseconds */
    public static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
