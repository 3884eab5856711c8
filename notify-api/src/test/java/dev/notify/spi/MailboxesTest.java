package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.layer.ChannelFullException;
import dev.notify.layer.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MailboxesTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final InstantSource clock = now::get;
    private final List<String> expired = new ArrayList<>();
    private final Mailboxes mailboxes = new Mailboxes(CapacityPolicy.of(2), Duration.ofSeconds(60), clock, expired::add);

    @Test
    void wakesReceiversInTheOrderTheyStartedWaiting() {
        CompletableFuture<Message> first = mailboxes.take("c");
        CompletableFuture<Message> second = mailboxes.take("c");
        mailboxes.offer("c", Message.of("a"));
        assertThat(first).isCompletedWithValue(Message.of("a"));
        assertThat(second).isNotDone();
        mailboxes.offer("c", Message.of("b"));
        assertThat(second).isCompletedWithValue(Message.of("b"));
    }

    @Test
    void aBatchTakesWhatIsQueuedUpToItsMax() {
        Mailboxes roomy = new Mailboxes(CapacityPolicy.of(10), Duration.ofSeconds(60), clock, expired::add);
        for (String type : List.of("1", "2", "3")) {
            roomy.offer("c", Message.of(type));
        }
        assertThat(roomy.takeBatch("c", 2).join()).containsExactly(Message.of("1"), Message.of("2"));
        assertThat(roomy.takeBatch("c", 2).join()).containsExactly(Message.of("3"));
        assertThatThrownBy(() -> roomy.takeBatch("c", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch takes at least 1 message, but max was 0");
    }

    @Test
    void messagesOfferedTogetherWakeAWaitingBatchOnceAndTheRestIsQueued() {
        Mailboxes roomy = new Mailboxes(CapacityPolicy.of(10), Duration.ofSeconds(60), clock, expired::add);
        CompletableFuture<List<Message>> waiting = roomy.takeBatch("c", 2);
        int dropped = roomy.offerAllDroppingOldest("c", List.of(Message.of("1"), Message.of("2"), Message.of("3")));
        assertThat(dropped).isZero();
        assertThat(waiting).isCompletedWithValue(List.of(Message.of("1"), Message.of("2")));
        assertThat(roomy.take("c").join()).isEqualTo(Message.of("3"));
    }

    @Test
    void messagesOfferedTogetherGoToASingleReceiverOneAtATime() {
        CompletableFuture<Message> waiting = mailboxes.take("c");
        mailboxes.offerAllDroppingOldest("c", List.of(Message.of("1"), Message.of("2")));
        assertThat(waiting).isCompletedWithValue(Message.of("1"));
        assertThat(mailboxes.take("c").join()).isEqualTo(Message.of("2"));
    }

    @Test
    void messagesOfferedTogetherToAFullChannelDropTheOldest() {
        mailboxes.offer("c", Message.of("1"));
        int dropped = mailboxes.offerAllDroppingOldest("c", List.of(Message.of("2"), Message.of("3"), Message.of("4")));
        assertThat(dropped).isEqualTo(2);
        assertThat(mailboxes.takeBatch("c", 10).join()).containsExactly(Message.of("3"), Message.of("4"));
    }

    @Test
    void fullMailboxRefusesOrDropsOldest() {
        mailboxes.offer("c", Message.of("1"));
        mailboxes.offer("c", Message.of("2"));
        assertThatThrownBy(() -> mailboxes.offer("c", Message.of("3"))).isInstanceOf(ChannelFullException.class);
        assertThat(mailboxes.offerDroppingOldest("other", Message.of("x"))).as("had room").isFalse();
        assertThat(mailboxes.offerDroppingOldest("c", Message.of("3"))).as("dropped the oldest").isTrue();
        assertThat(mailboxes.take("c").join().type()).isEqualTo("2");
        assertThat(mailboxes.take("c").join().type()).isEqualTo("3");
    }

    @Test
    void expiredMessagesAreDroppedAndReported() {
        mailboxes.offer("c", Message.of("old"));
        now.updateAndGet(t -> t.plusSeconds(61));
        mailboxes.dropExpired();
        assertThat(expired).containsExactly("c");
        assertThat(mailboxes.size("c")).isZero();
        assertThat(mailboxes.channelCount()).as("an idle expired channel is forgotten").isZero();
    }

    @Test
    void cancelledReceiverLeavesNothingBehindAndLosesNothing() {
        CompletableFuture<Message> gaveUp = mailboxes.take("c");
        gaveUp.cancel(false);
        assertThat(mailboxes.channelCount()).isZero();
        mailboxes.offer("c", Message.of("kept"));
        assertThat(mailboxes.take("c").join().type()).isEqualTo("kept");
    }
}
