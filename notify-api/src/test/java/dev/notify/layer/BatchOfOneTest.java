package dev.notify.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The default batch receive: one receive as a batch of one, and a cancel that never loses the message. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BatchOfOneTest {
    private final CompletableFuture<Message> receive = new CompletableFuture<>();
    private final BatchOfOne batch = new BatchOfOne(receive);

    @Test
    void theReceivedMessageIsABatchOfOne() throws Exception {
        Message message = Message.of("test.message");
        receive.complete(message);
        assertThat(batch.get()).isEqualTo(List.of(message));
    }

    @Test
    void cancellingWhileWaitingCancelsTheReceive() {
        assertThat(batch.cancel(false)).isTrue();
        assertThat(receive).isCancelled();
        assertThat(batch).isCancelled();
    }

    @Test
    void aMessageTakenBeforeTheCancelIsKept() throws Exception {
        Message message = Message.of("test.message");
        receive.complete(message);
        assertThat(batch.cancel(false)).isFalse();
        assertThat(batch.get()).containsExactly(message);
    }

    @Test
    void aFailedReceiveFailsTheBatch() {
        receive.completeExceptionally(new ChannelLayerException("the layer is closed"));
        assertThatThrownBy(batch::get).isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(ChannelLayerException.class);
    }

    @Test
    void aBatchOfFewerThanOneIsRefused() {
        assertThatThrownBy(() -> BatchOfOne.requireMax(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch takes at least 1 message, but max was 0");
    }
}
