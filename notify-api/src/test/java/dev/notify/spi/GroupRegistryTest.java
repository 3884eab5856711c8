package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GroupRegistryTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final GroupRegistry groups = new GroupRegistry(Duration.ofSeconds(60), clock);

    private void advance(long seconds) {
        now.updateAndGet(t -> t.plusSeconds(seconds));
    }

    @Test
    void addsDiscardsAndListsMembers() {
        groups.add("g", "a");
        groups.add("g", "b");
        groups.add("h", "a");
        assertThat(groups.members("g")).containsExactlyInAnyOrder("a", "b");
        assertThat(groups.groups()).containsExactlyInAnyOrder("g", "h");
        groups.discard("g", "a");
        groups.discard("g", "never-added");
        groups.discard("unknown", "a");
        assertThat(groups.members("g")).containsExactly("b");
        groups.discard("g", "b");
        assertThat(groups.groups()).as("an empty group is forgotten").containsExactly("h");
    }

    @Test
    void membershipsExpireAfterTheirLastAdd() {
        groups.add("g", "old");
        advance(30);
        groups.add("g", "renewed");
        groups.add("g", "young");
        advance(20);
        groups.add("g", "renewed");
        advance(20);
        assertThat(groups.members("g")).as("old joined 70 s ago").containsExactlyInAnyOrder("renewed", "young");
        advance(25);
        assertThat(groups.members("g")).as("young joined 65 s ago, renewed 45 s ago").containsExactly("renewed");
        advance(60);
        assertThat(groups.members("g")).isEmpty();
        assertThat(groups.groups()).as("a group whose members all expired is forgotten").isEmpty();
    }

    @Test
    void forEachMemberVisitsLiveMembersAndCountsThem() {
        groups.add("g", "a");
        advance(61);
        groups.add("g", "b");
        groups.add("g", "c");
        List<String> visited = new ArrayList<>();
        assertThat(groups.forEachMember("g", visited::add)).isEqualTo(2);
        assertThat(visited).containsExactlyInAnyOrder("b", "c");
        assertThat(groups.forEachMember("none", visited::add)).isZero();
    }

    @Test
    void discardEverywhereAndClear() {
        groups.add("g", "a");
        groups.add("h", "a");
        groups.add("h", "b");
        groups.discardEverywhere("a");
        assertThat(groups.groups()).containsExactly("h");
        assertThat(groups.members("h")).containsExactly("b");
        groups.clear();
        assertThat(groups.groups()).isEmpty();
    }

    @Test
    void aGroupExpiryMustBePositive() {
        assertThatThrownBy(() -> new GroupRegistry(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group expiry must be > 0 but was PT0S");
    }
}
