package dev.notify.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.layer.Message;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.Mailboxes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReadAheadTest {
    private final Mailboxes buffers = new Mailboxes(CapacityPolicy.of(100), Duration.ofSeconds(60), InstantSource.system(), c -> { });
    private final ReadAhead readAhead = new ReadAhead(buffers, 5, 100);

    @Test
    void whileNobodyWaitsTheReadersFillTheBuffersUpToTheLimit() {
        assertThat(readAhead.room()).isEqualTo(5);
        for (int i = 0; i < 3; i++) {
            buffers.offer("a", Message.of("m"));
        }
        readAhead.buffered("a");
        buffers.offer("b", Message.of("m"));
        readAhead.buffered("b");
        assertThat(readAhead.room()).isEqualTo(1);
        buffers.take("a").join();
        assertThat(readAhead.room()).isEqualTo(2);
    }

    @Test
    void whileAReceiveWaitsTheReadersTakeAFullBatch() {
        for (int i = 0; i < 5; i++) {
            buffers.offer("full", Message.of("m"));
        }
        readAhead.buffered("full");
        assertThat(readAhead.room()).isZero();
        CompletableFuture<Message> receive = new CompletableFuture<>();
        readAhead.waiting("c", receive);
        assertThat(readAhead.isWaiting("c")).isTrue();
        assertThat(readAhead.isWaiting("other")).isFalse();
        assertThat(readAhead.room()).isEqualTo(100);
        receive.cancel(false);
        assertThat(readAhead.isWaiting("c")).isFalse();
        assertThat(readAhead.room()).isZero();
    }

    @Test
    void twoReceivesOnOneChannelCountUntilBothEnd() {
        CompletableFuture<Message> first = new CompletableFuture<>();
        CompletableFuture<Message> second = new CompletableFuture<>();
        readAhead.waiting("c", first);
        readAhead.waiting("c", second);
        first.complete(Message.of("m"));
        assertThat(readAhead.isWaiting("c")).isTrue();
        second.complete(Message.of("m"));
        assertThat(readAhead.isWaiting("c")).isFalse();
    }

    @Test
    void clearForgetsTheBufferedChannels() {
        for (int i = 0; i < 5; i++) {
            buffers.offer("a", Message.of("m"));
        }
        readAhead.buffered("a");
        readAhead.clear();
        assertThat(readAhead.room()).isEqualTo(5);
    }
}
