package dev.notify.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BlockingChannelLayerTest {

    /** A layer whose receive never completes and whose send fails as told. */
    private static final class ScriptedLayer implements ChannelLayer {
        final CompletableFuture<Message> receive = new CompletableFuture<>();
        RuntimeException sendFailure;

        @Override
        public CompletionStage<Void> send(String channel, Message message) {
            return sendFailure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(sendFailure);
        }

        @Override
        public CompletionStage<Message> receive(String channel) {
            return receive;
        }

        @Override
        public CompletionStage<String> newChannel(String prefix) {
            return CompletableFuture.completedFuture(prefix + ".x!y");
        }

        @Override
        public CompletionStage<Void> groupAdd(String group, String channel) {
            return CompletableFuture.failedFuture(new CompletionException(new java.io.IOException("io")));
        }

        @Override
        public CompletionStage<Void> groupDiscard(String group, String channel) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> groupSend(String group, Message message) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> flush() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> closeAsync() {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void timeoutCancelsTheOperationAndSaysWhat() {
        ScriptedLayer layer = new ScriptedLayer();
        assertThatThrownBy(() -> layer.blocking(Duration.ofMillis(20)).receive("c"))
                .isInstanceOf(LayerTimeoutException.class)
                .hasMessageContaining("receive from 'c'");
        assertThat(layer.receive.isCancelled()).isTrue();
    }

    @Test
    void uncheckedFailuresPassThroughAsTheyAre() {
        ScriptedLayer layer = new ScriptedLayer();
        layer.sendFailure = new ChannelFullException("c", 1);
        assertThatThrownBy(() -> layer.blocking(Duration.ofSeconds(1)).send("c", Message.of("t")))
                .isInstanceOf(ChannelFullException.class);
    }

    @Test
    void checkedFailuresAreWrapped() {
        ScriptedLayer layer = new ScriptedLayer();
        assertThatThrownBy(() -> layer.blocking(Duration.ofSeconds(1)).groupAdd("g", "c"))
                .isInstanceOf(ChannelLayerException.class)
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void interruptRestoresTheFlag() {
        ScriptedLayer layer = new ScriptedLayer();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> layer.blocking(Duration.ofSeconds(1)).receive("c"))
                .isInstanceOf(ChannelLayerException.class).hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void refusesNonPositiveTimeouts() {
        assertThatThrownBy(() -> new ScriptedLayer().blocking(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be > 0");
    }
}
