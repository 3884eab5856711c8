package dev.notify.bench.jmh;

import dev.notify.bench.BenchPayload;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The layer operations a fan-out is made of, for one backend (the subclass): a send and the
 * receive that takes it, and a group send to {@value #MEMBERS} members that each receive it. Times are
 * per message delivered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class LayerBenchmark {
    static final int MEMBERS = 1000;
    private static final String GROUP = "bench_group";

    private ChannelLayer layer;
    private String channel;
    private final List<String> members = new ArrayList<>(MEMBERS);
    private final Message message = Message.builder("send_notification")
            .put("value", BenchPayload.of(1, BenchPayload.nowMicros(), BenchPayload.DEFAULT_SIZE))
            .build();

    /**
     * @return a new layer of the backend under test
     * @throws Exception if it cannot be made
     */
    protected abstract ChannelLayer createLayer() throws Exception;

    /**
     * Releases what {@link #createLayer()} started, after the layer is closed.
     *
     * @throws Exception if that fails
     */
    protected void release() throws Exception {
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        layer = createLayer();
        channel = layer.newChannel("bench").toCompletableFuture().join();
        for (int i = 0; i < MEMBERS; i++) {
            String member = layer.newChannel("member").toCompletableFuture().join();
            layer.groupAdd(GROUP, member).toCompletableFuture().join();
            members.add(member);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        layer.closeAsync().toCompletableFuture().join();
        release();
    }

    @Benchmark
    public Message sendThenReceive() {
        layer.send(channel, message).toCompletableFuture().join();
        return layer.receive(channel).toCompletableFuture().join();
    }

    @Benchmark
    @OperationsPerInvocation(MEMBERS)
    public void groupSendTo1000(Blackhole hole) {
        List<CompletableFuture<Message>> received = new ArrayList<>(MEMBERS);
        for (String member : members) {
            received.add(layer.receive(member).toCompletableFuture());
        }
        layer.groupSend(GROUP, message).toCompletableFuture().join();
        for (CompletableFuture<Message> each : received) {
            hole.consume(each.join());
        }
    }
}
