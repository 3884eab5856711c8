package dev.notify.bench.client;

import dev.notify.bench.NettyTransport;
import dev.notify.bench.SendPlan;
import dev.notify.bench.process.ProcessStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A WebSocket load client on its own Netty event loops, lean enough not to be the limit of what it
 * measures: no allocation and no decoding per delivered payload (see {@link ClientConnection}), one
 * latency histogram per event loop, and the clock read once per socket read. It talks to 127.0.0.x
 * only, and every call is bounded by a count and a timeout.
 *
 * <p>Opening N connections needs N file descriptors here and N on the server: raise {@code ulimit -n}
 * above N (the bench's {@code run.sh} does). One source address has about 28,000 local ports (Linux's
 * {@code ip_local_port_range}); past {@code connectionsPerSourceAddress} connections, the next ones come
 * from 127.0.0.2, then 127.0.0.3, and so on.
 */
public final class LoadClient implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final int SIGNIFICANT_DIGITS = 3;

    private final EventLoopGroup loops;
    private final SourceAddresses sources;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * A client that opens up to {@link SourceAddresses#defaultPerAddress()} connections per source address.
     *
     * @param threads event-loop threads of the client
     */
    public LoadClient(int threads) {
        this(threads, SourceAddresses.defaultPerAddress());
    }

    /** @return connections per source address of {@link #LoadClient(int)}: nine tenths of the local port range */
    public static int defaultConnectionsPerSourceAddress() {
        return SourceAddresses.defaultPerAddress();
    }

    /**
     * @param threads event-loop threads of the client
     * @param connectionsPerSourceAddress connections from 127.0.0.1 before the next ones come from 127.0.0.2, and so on
     */
    public LoadClient(int threads, int connectionsPerSourceAddress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be > 0 but was " + threads);
        }
        this.sources = new SourceAddresses(connectionsPerSourceAddress);
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
        sources.check(count);
        InetSocketAddress server = new InetSocketAddress(HOST, port);
        Bootstrap bootstrap = NettyTransport.bindWithoutPort(new Bootstrap()
                .group(loops)
                .channel(NettyTransport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000));
        Semaphore inFlight = new Semaphore(512);
        List<ClientConnection> attempts = new ArrayList<>(count);
        List<ChannelFuture> channels = new ArrayList<>(count);
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
            ClientConnection handler = new ClientConnection(HOST + ":" + port, path);
            Bootstrap one = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(handler);
                }
            });
            InetSocketAddress source = sources.forConnection(i);
            ChannelFuture connecting = source == null ? one.connect(server) : one.connect(server, source);
            connecting.addListener(f -> {
                if (!f.isSuccess()) {
                    handler.handshake.completeExceptionally(f.cause());
                }
            });
            handler.handshake.whenComplete((c, e) -> inFlight.release());
            attempts.add(handler);
            channels.add(connecting);
        }
        List<ClientConnection> open = new ArrayList<>(attempts.size());
        int failed = count - attempts.size();
        long last = start;
        for (int i = 0; i < attempts.size(); i++) {
            try {
                open.add(attempts.get(i).handshake.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                last = Math.max(last, System.nanoTime());
            } catch (ExecutionException | TimeoutException e) {
                failed++;
                channels.get(i).channel().close();
            }
        }
        return new Connections(open, failed, Duration.ofNanos(last - start));
    }

    /**
     * Triggers K group messages with {@code GET http://127.0.0.1:port/home?count=K&delay=S} and waits
     * until every connection has all K, or the timeout after the last was due.
     *
     * @param connections the connections that must all get the messages
     * @param port the server's HTTP port
     * @param plan K, and the interval between them (0 for a burst)
     * @param timeout how long the deliveries may take after the last message was due
     * @param serverCpuNanos the CPU time of the server processes so far, read at both ends of the window;
     *     -1 when unknown
     * @return the counts, latencies and CPU times; {@link FanOutResult#sending()} is zero when the server did
     *     not answer the trigger in time
     * @throws InterruptedException if interrupted
     * @throws IOException if the trigger request fails or is refused
     */
    public FanOutResult fanOut(Connections connections, int port, SendPlan plan, Duration timeout, LongSupplier serverCpuNanos)
            throws InterruptedException, IOException {
        int messages = plan.count();
        Run run = new Run(connections.size(), messages);
        // one histogram per event loop, written and read only on that loop
        Map<EventLoop, Histogram> latencies = new HashMap<>();
        List<CompletableFuture<Void>> armed = new ArrayList<>();
        for (Map.Entry<EventLoop, List<ClientConnection>> loop : connections.byLoop.entrySet()) {
            Histogram latency = new Histogram(Run.MAX_LATENCY_MICROS, SIGNIFICANT_DIGITS);
            latencies.put(loop.getKey(), latency);
            armed.add(CompletableFuture.runAsync(() -> loop.getValue().forEach(c -> c.expect(run, latency)), loop.getKey()));
        }
        join(CompletableFuture.allOf(armed.toArray(CompletableFuture[]::new)), timeout);
        Duration schedule = Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(plan.intervalMicros()) * Math.max(0, messages - 1));
        Duration allowed = schedule.plus(timeout);
        HttpRequest trigger = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/home?count=" + messages
                        + "&delay=" + BigDecimal.valueOf(plan.intervalMicros(), 6).toPlainString()))
                .timeout(allowed)
                .build();
        long clientCpuBefore = ProcessStats.ownCpuNanos();
        long serverCpuBefore = serverCpuNanos.getAsLong();
        long start = System.nanoTime();
        CompletableFuture<Long> answered = http.sendAsync(trigger, HttpResponse.BodyHandlers.ofString()).thenApply(answer -> {
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /home answered " + answer.statusCode() + ": " + answer.body());
            }
            return System.nanoTime();
        });
        try {
            run.allArrived.get(allowed.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // counted below as missing
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        long end = System.nanoTime();
        long clientCpu = difference(clientCpuBefore, ProcessStats.ownCpuNanos());
        long serverCpu = difference(serverCpuBefore, serverCpuNanos.getAsLong());
        long sendingEnded;
        try {
            sendingEnded = answered.get(Math.max(0, start + allowed.toNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // a server whose event loops are far behind answers late; the deliveries still count
            sendingEnded = start;
        } catch (ExecutionException e) {
            throw new IOException("GET /home failed: " + e.getCause(), e);
        }
        return tally(connections, latencies, messages, start, end, sendingEnded, clientCpu, serverCpu, timeout);
    }

    private static FanOutResult tally(Connections connections, Map<EventLoop, Histogram> latencies, int messages, long start,
                                      long end, long sendingEnded, long clientCpu, long serverCpu, Duration timeout)
            throws InterruptedException, IOException {
        List<CompletableFuture<LoopTally>> tallies = new ArrayList<>();
        for (Map.Entry<EventLoop, List<ClientConnection>> loop : connections.byLoop.entrySet()) {
            Histogram latency = latencies.get(loop.getKey());
            tallies.add(CompletableFuture.supplyAsync(() -> LoopTally.of(loop.getValue(), messages, latency), loop.getKey()));
        }
        Histogram latency = new Histogram(Run.MAX_LATENCY_MICROS, SIGNIFICANT_DIGITS);
        long delivered = 0;
        long repeated = 0;
        long last = start;
        int connectionsMissing = 0;
        int maxMissing = 0;
        for (CompletableFuture<LoopTally> future : tallies) {
            LoopTally tally = join(future, timeout);
            latency.add(tally.latency);
            delivered += tally.delivered;
            repeated += tally.repeated;
            last = Math.max(last, tally.lastDeliveryNanos);
            connectionsMissing += tally.connectionsMissing;
            maxMissing = Math.max(maxMissing, tally.maxMissing);
        }
        return new FanOutResult(connections.size(), messages, delivered, (long) connections.size() * messages - delivered,
                connectionsMissing, maxMissing, repeated, Duration.ofNanos(last - start), Duration.ofNanos(sendingEnded - start),
                Percentiles.of(latency, 1), Duration.ofNanos(end - start), clientCpu, serverCpu);
    }

    /** The counts of one event loop's connections, summed on that loop. */
    private static final class LoopTally {
        Histogram latency;
        long delivered;
        long repeated;
        long lastDeliveryNanos;
        int connectionsMissing;
        int maxMissing;

        static LoopTally of(List<ClientConnection> connections, int messages, Histogram latency) {
            LoopTally sum = new LoopTally();
            sum.latency = latency.copy();
            for (ClientConnection connection : connections) {
                ClientConnection.Tally tally = connection.tally();
                sum.delivered += tally.received();
                sum.repeated += tally.repeated() + tally.unexpected();
                sum.lastDeliveryNanos = Math.max(sum.lastDeliveryNanos, tally.lastDeliveryNanos());
                int missing = messages - tally.received();
                if (missing > 0) {
                    sum.connectionsMissing++;
                    sum.maxMissing = Math.max(sum.maxMissing, missing);
                }
            }
            return sum;
        }
    }

    private static long difference(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
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
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), SIGNIFICANT_DIGITS);
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

    @Override
    public void close() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
