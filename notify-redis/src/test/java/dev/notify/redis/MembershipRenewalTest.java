package dev.notify.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MembershipRenewalTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Set<String> receiving = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> readded = new TreeMap<>();
    private final MembershipRenewal renewal = new MembershipRenewal(Duration.ofSeconds(90), receiving::contains, nanos::get,
            (group, channels) -> readded.put(group, new ArrayList<>(channels)));

    private void advance(long seconds) {
        nanos.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    private Map<String, List<String>> renew() {
        readded.clear();
        renewal.renew();
        readded.values().forEach(channels -> channels.sort(null));
        return readded;
    }

    @Test
    void recentlyActiveChannelsAreReaddedToTheirGroups() {
        renewal.joined("news", "a");
        renewal.joined("news", "b");
        renewal.joined("alerts", "a");
        assertThat(renew()).isEqualTo(Map.of("alerts", List.of("a"), "news", List.of("a", "b")));
    }

    @Test
    void aChannelIdleForTheGroupExpiryIsForgottenUnlessAReceiveWaitsOnIt() {
        renewal.joined("news", "idle");
        renewal.joined("news", "waiting");
        renewal.joined("news", "busy");
        receiving.add("waiting");
        advance(60);
        renewal.active("busy");
        advance(60);
        assertThat(renew()).isEqualTo(Map.of("news", List.of("busy", "waiting")));
        renewal.active("idle");
        assertThat(renew()).as("a forgotten channel stays forgotten").isEqualTo(Map.of("news", List.of("busy", "waiting")));
    }

    @Test
    void aChannelThatLeftIsNotReadded() {
        renewal.joined("news", "a");
        renewal.joined("news", "b");
        renewal.left("news", "a");
        renewal.left("news", "never-joined");
        renewal.left("unknown", "b");
        assertThat(renew()).isEqualTo(Map.of("news", List.of("b")));
        renewal.left("news", "b");
        assertThat(renew()).isEmpty();
    }

    @Test
    void aGroupWithoutLiveMembersIsNotWrittenAndClearForgetsAll() {
        renewal.joined("gone", "x");
        advance(100);
        assertThat(renew()).isEmpty();
        renewal.joined("news", "a");
        renewal.clear();
        assertThat(renew()).isEmpty();
    }

    @Test
    void activityOfAChannelInNoGroupIsNotRemembered() {
        renewal.active("loner");
        renewal.joined("news", "loner");
        advance(100);
        assertThat(renew()).as("joined 100 s ago; its earlier activity did not count").isEmpty();
    }
}
