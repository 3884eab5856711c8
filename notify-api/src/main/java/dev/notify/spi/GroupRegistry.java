package dev.notify.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Group memberships with join times and expiry (Channels' {@code group_expiry}): a membership older
 * than the expiry is dropped the next time the group is read. Thread-safe.
 *
 * @since 0.1
 */
public final class GroupRegistry {
    private final Duration groupExpiry;
    private final InstantSource clock;
    private final Map<String, Map<String, Instant>> groups = new ConcurrentHashMap<>();

    /**
     * @param groupExpiry how long a membership lasts after its last {@link #add}
     * @param clock the time source
     * @throws IllegalArgumentException if the expiry is not positive
     */
    public GroupRegistry(Duration groupExpiry, InstantSource clock) {
        if (groupExpiry.isNegative() || groupExpiry.isZero()) {
            throw new IllegalArgumentException("group expiry must be > 0 but was " + groupExpiry);
        }
        this.groupExpiry = groupExpiry;
        this.clock = clock;
    }

    /**
     * Adds a channel to a group, or refreshes its join time.
     *
     * @param group the group
     * @param channel the channel
     */
    public void add(String group, String channel) {
        Instant now = clock.instant();
        // compute, not computeIfAbsent + put: a concurrent read may drop an empty group map
        groups.compute(group, (g, members) -> {
            Map<String, Instant> map = members != null ? members : new ConcurrentHashMap<>();
            map.put(channel, now);
            return map;
        });
    }

    /**
     * @param group the group
     * @param channel the channel; nothing happens if it is not a member
     */
    public void discard(String group, String channel) {
        groups.computeIfPresent(group, (g, members) -> {
            members.remove(channel);
            return members.isEmpty() ? null : members;
        });
    }

    /**
     * Removes a channel from every group.
     *
     * @param channel the channel
     */
    public void discardEverywhere(String channel) {
        for (String group : groups.keySet()) {
            discard(group, channel);
        }
    }

    /**
     * The current members of a group; expired memberships are dropped first.
     *
     * @param group the group
     * @return a snapshot of the members
     */
    public List<String> members(String group) {
        List<String> live = new ArrayList<>();
        forEachMember(group, live::add);
        return live;
    }

    /**
     * Calls {@code action} with each current member of a group, without copying the membership;
     * expired memberships are dropped on the way. Members added or discarded meanwhile may or may
     * not be visited.
     *
     * @param group the group
     * @param action called once per live member
     * @return how many members were visited
     */
    public int forEachMember(String group, Consumer<String> action) {
        Map<String, Instant> members = groups.get(group);
        if (members == null) {
            return 0;
        }
        Instant oldest = clock.instant().minus(groupExpiry);
        int visited = 0;
        for (Map.Entry<String, Instant> entry : members.entrySet()) {
            if (entry.getValue().isAfter(oldest)) {
                action.accept(entry.getKey());
                visited++;
            } else {
                members.remove(entry.getKey(), entry.getValue());
            }
        }
        if (members.isEmpty()) {
            groups.computeIfPresent(group, (g, m) -> m.isEmpty() ? null : m);
        }
        return visited;
    }

    /** @return the names of the groups that have members */
    public Set<String> groups() {
        return Set.copyOf(groups.keySet());
    }

    /** Forgets every membership. */
    public void clear() {
        groups.clear();
    }
}
