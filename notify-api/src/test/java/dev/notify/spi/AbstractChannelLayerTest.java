package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.layer.ChannelFullException;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AbstractChannelLayerTest {
    private static final Message MESSAGE = Message.of("test.message");

    /** Records which backend operations ran; each completes at once unless told otherwise. */
    private static final class RecordingLayer extends AbstractChannelLayer {
        final List<String> calls = new ArrayList<>();
        RuntimeException sendFailure;
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        RecordingLayer(String processName) {
            super("the recording channel layer", processName);
        }

        @Override
        protected CompletionStage<Void> doSend(String channel, Message message) {
            calls.add("send " + channel);
            if (sendFailure != null) {
                throw sendFailure;
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected CompletionStage<Message> doReceive(String channel) {
            requireLocal(channel);
            calls.add("receive " + channel);
            return new CompletableFuture<>();
        }

        @Override
        protected CompletionStage<Void> doGroupAdd(String group, String channel) {
            calls.add("groupAdd " + group + " " + channel);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected CompletionStage<Void> doGroupDiscard(String group, String channel) {
            calls.add("groupDiscard " + group + " " + channel);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected CompletionStage<Void> doGroupSend(String group, Message message) {
            calls.add("groupSend " + group);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected CompletionStage<Void> doFlush() {
            calls.add("flush");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        protected CompletionStage<Void> doClose() {
            calls.add("close");
            return closed;
        }
    }

    private final RecordingLayer layer = new RecordingLayer("proc1");

    @Test
    void badNamesAndNullMessagesAreRefusedBeforeTheBackendRuns() {
        assertThatThrownBy(() -> layer.send("bad name", MESSAGE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad name'").hasMessageContaining(NameRules.CHANNEL_RULE);
        assertThatThrownBy(() -> layer.send("ok", null)).isInstanceOf(NullPointerException.class).hasMessageContaining("message");
        assertThatThrownBy(() -> layer.receive("a!b!c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layer.newChannel("no!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layer.groupAdd("bad/group", "ok")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad/group'");
        assertThatThrownBy(() -> layer.groupAdd("g", "bad channel")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layer.groupDiscard("g", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layer.groupSend("x".repeat(100), MESSAGE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than 100");
        assertThatThrownBy(() -> layer.groupSend("g", null)).isInstanceOf(NullPointerException.class);
        assertThat(layer.calls).isEmpty();
    }

    @Test
    void validCallsReachTheBackend() {
        layer.send("c", MESSAGE);
        layer.groupAdd("g", "c");
        layer.groupDiscard("g", "c");
        layer.groupSend("g", MESSAGE);
        layer.flush();
        assertThat(layer.calls).containsExactly("send c", "groupAdd g c", "groupDiscard g c", "groupSend g", "flush");
    }

    @Test
    void everyOperationFailsAfterCloseWithoutReachingTheBackend() {
        layer.closeAsync();
        layer.calls.clear();
        List<Function<RecordingLayer, CompletionStage<?>>> operations = List.of(
                l -> l.send("c", MESSAGE), l -> l.receive("c"), l -> l.newChannel("p"), l -> l.groupAdd("g", "c"),
                l -> l.groupDiscard("g", "c"), l -> l.groupSend("g", MESSAGE), RecordingLayer::flush);
        for (Function<RecordingLayer, CompletionStage<?>> operation : operations) {
            assertThatThrownBy(() -> operation.apply(layer).toCompletableFuture().join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ChannelLayerException.class)
                    .hasRootCauseMessage("the recording channel layer is closed");
        }
        assertThat(layer.calls).isEmpty();
        assertThat(layer.health().up()).isFalse();
        assertThat(layer.health().detail()).isEqualTo("the recording channel layer is closed");
    }

    @Test
    void closeRunsTheBackendCloseOnceAndEveryCallWaitsForIt() {
        assertThat(layer.health().up()).isTrue();
        CompletableFuture<Void> first = layer.closeAsync().toCompletableFuture();
        CompletableFuture<Void> second = layer.closeAsync().toCompletableFuture();
        assertThat(layer.calls).containsExactly("close");
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        layer.closed.complete(null);
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void aChannelLayerExceptionOfTheBackendFailsTheStageAndABadArgumentIsThrown() {
        layer.sendFailure = new ChannelFullException("c", 1);
        assertThat(layer.send("c", MESSAGE).toCompletableFuture()).isCompletedExceptionally();
        layer.sendFailure = new IllegalArgumentException("bad for this backend");
        assertThatThrownBy(() -> layer.send("c", MESSAGE)).hasMessage("bad for this backend");
    }

    @Test
    void channelsOfThisInstanceAreNamedAfterItAndOnlyTheyCanBeReceivedFrom() {
        String channel = layer.newChannel("specific").toCompletableFuture().join();
        assertThat(channel).matches("specific\\.proc1![0-9a-f]{32}");
        assertThat(layer.newChannel("specific").toCompletableFuture().join()).isNotEqualTo(channel);
        assertThat(layer.isLocal(channel)).isTrue();
        assertThat(layer.isLocal("specific.proc2!abc")).isFalse();
        assertThat(layer.isLocal("normal")).isFalse();
        layer.receive(channel);
        layer.receive("normal");
        assertThatThrownBy(() -> layer.receive("specific.proc2!abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'specific.proc2!abc' belongs to another process").hasMessageContaining(".proc1!");
        assertThatThrownBy(() -> layer.newChannel("p".repeat(70))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than 100");
    }

    @Test
    void aProcessNameMustBeAValidNamePart() {
        assertThatThrownBy(() -> new RecordingLayer("a!b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("process name: ").hasMessageContaining("'a!b'");
    }
}
