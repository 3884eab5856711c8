package dev.notify.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.layer.Message;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.Mailboxes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LocalCapacityTest {
    private final Mailboxes buffers = new Mailboxes(CapacityPolicy.of(100), Duration.ofSeconds(60), InstantSource.system(), c -> { });
    private final AtomicLong nanos = new AtomicLong();
    private final LocalCapacity capacity = new LocalCapacity(buffers, nanos::get);

    private static byte[] entry(String id) {
        return (id + "-payload").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aReservationCountsWhatIsBufferedAndWhatIsOnItsWay() {
        buffers.offer("c", Message.of("buffered"));
        assertThat(capacity.reserve("c", 3)).isTrue();
        assertThat(capacity.reserve("c", 3)).isTrue();
        assertThat(capacity.reserve("c", 3)).as("1 buffered + 2 on their way = 3").isFalse();
        assertThat(capacity.reserved("c")).isEqualTo(2);
    }

    @Test
    void anArrivedEntryIsDeliveredToTheChannelsItReservedAndFreesTheirPlaces() {
        capacity.reserve("a", 5);
        capacity.reserve("b", 5);
        capacity.track(entry("entry-000001"), List.of("a", "b"));
        Set<String> reserved = capacity.arrived(entry("entry-000001"));
        assertThat(reserved).containsExactlyInAnyOrder("a", "b");
        capacity.deliverAll("a", List.of(Message.of("m")), 1);
        capacity.deliverAll("b", List.of(Message.of("m")), 1);
        assertThat(buffers.size("a")).isEqualTo(1);
        assertThat(capacity.reserved("a")).isZero();
        assertThat(capacity.reserved("b")).isZero();
        assertThat(capacity.arrived(entry("entry-000001"))).as("an entry arrives once").isEmpty();
    }

    @Test
    void anEntryOfAnotherProcessOrTooShortToBeOneReservedNothing() {
        assertThat(capacity.arrived(entry("someone-else"))).isEmpty();
        assertThat(capacity.arrived(new byte[3])).isEmpty();
    }

    @Test
    void aFailedOrRefusedWriteGivesItsPlacesBack() {
        capacity.reserve("c", 1);
        String id = capacity.track(entry("entry-000002"), List.of("c"));
        assertThat(capacity.reserve("c", 1)).isFalse();
        capacity.untrack(id);
        capacity.untrack(null);
        assertThat(capacity.reserved("c")).isZero();
        assertThat(capacity.reserve("c", 1)).isTrue();
    }

    @Test
    void placesOfEntriesThatWillNotBeDeliveredAreReleased() {
        capacity.reserve("c", 5);
        capacity.track(entry("entry-000003"), List.of("c"));
        capacity.release(capacity.arrived(entry("entry-000003")));
        assertThat(capacity.reserved("c")).isZero();
    }

    @Test
    void entriesOnTheirWayLongerThanAMessageLivesAreReleased() {
        capacity.reserve("old", 5);
        capacity.track(entry("entry-000004"), List.of("old"));
        nanos.addAndGet(Duration.ofSeconds(50).toNanos());
        capacity.reserve("young", 5);
        capacity.track(entry("entry-000005"), List.of("young"));
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        capacity.expire(Duration.ofSeconds(60));
        assertThat(capacity.reserved("old")).as("on its way 70 s").isZero();
        assertThat(capacity.reserved("young")).as("on its way 20 s").isEqualTo(1);
        assertThat(capacity.arrived(entry("entry-000004"))).isEmpty();
        assertThat(capacity.arrived(entry("entry-000005"))).containsExactly("young");
    }

    @Test
    void clearForgetsEverything() {
        capacity.reserve("c", 5);
        capacity.track(entry("entry-000006"), List.of("c"));
        capacity.clear();
        assertThat(capacity.reserved("c")).isZero();
        assertThat(capacity.arrived(entry("entry-000006"))).isEmpty();
    }
}
