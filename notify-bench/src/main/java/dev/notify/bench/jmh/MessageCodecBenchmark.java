package dev.notify.bench.jmh;

import dev.notify.bench.BenchPayload;
import dev.notify.layer.Message;
import dev.notify.redis.internal.MessageCodec;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Redis layers' message codec (channels_redis' msgpack entries, unencrypted) on a burst message:
 * a {@code send_notification} with a 100-byte {@code value}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MessageCodecBenchmark {
    private final MessageCodec codec = new MessageCodec(null, 60, InstantSource.system());
    private final Message message = Message.builder("send_notification")
            .put("value", BenchPayload.of(1, BenchPayload.nowMicros(), BenchPayload.DEFAULT_SIZE))
            .build();
    private final byte[] encoded = codec.encode(message, null);

    @Benchmark
    public byte[] encode() {
        return codec.encode(message, null);
    }

    @Benchmark
    public MessageCodec.Decoded decode() {
        return codec.decode(encoded, "bench");
    }
}
