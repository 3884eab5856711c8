package dev.notify.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Keeps the group memberships of this process's live channels in Redis: {@link #renew()} re-adds
 * them (every third of the group expiry, and after a reconnect, so that they survive a Redis
 * restart), so a long-lived consumer never reaches the group expiry and silently drops out of its
 * groups. A channel counts as live while a receive waits on it or if it was active within the group
 * expiry; the memberships of other channels are forgotten, and expire in Redis as channels_redis'
 * do. Thread-safe.
 */
final class MembershipRenewal {
    private final long expiryNanos;
    private final Predicate<String> receiving;
    private final LongSupplier nanoTime;
    private final BiConsumer<String, List<String>> readd;
    private final Map<String, Set<String>> memberships = new ConcurrentHashMap<>();
    /** when each channel in {@link #memberships} was last active */
    private final Map<String, Long> lastActive = new ConcurrentHashMap<>();

    /**
     * @param groupExpiry how long a membership lasts in Redis without renewal
     * @param receiving whether a receive waits on a channel now
     * @param nanoTime the monotonic time source, {@code System::nanoTime} outside tests
     * @param readd re-adds live channels to a group in Redis; it must not block
     */
    MembershipRenewal(Duration groupExpiry, Predicate<String> receiving, LongSupplier nanoTime,
            BiConsumer<String, List<String>> readd) {
        this.expiryNanos = groupExpiry.toNanos();
        this.receiving = receiving;
        this.nanoTime = nanoTime;
        this.readd = readd;
    }

    /**
     * A channel of this process joined a group.
     *
     * @param group the group
     * @param channel the channel
     */
    void joined(String group, String channel) {
        lastActive.put(channel, nanoTime.getAsLong());
        // compute, not computeIfAbsent + add: a concurrent left() may drop an empty set meanwhile
        memberships.compute(group, (g, members) -> {
            Set<String> set = members != null ? members : ConcurrentHashMap.newKeySet();
            set.add(channel);
            return set;
        });
    }

    /**
     * A channel left a group.
     *
     * @param group the group
     * @param channel the channel
     */
    void left(String group, String channel) {
        memberships.computeIfPresent(group, (g, members) -> {
            members.remove(channel);
            return members.isEmpty() ? null : members;
        });
    }

    /**
     * A channel was used (a receive started or ended); only channels in a group are remembered.
     *
     * @param channel the channel
     */
    void active(String channel) {
        lastActive.computeIfPresent(channel, (c, t) -> nanoTime.getAsLong());
    }

    /** Re-adds the memberships of live channels and forgets those of the others. */
    void renew() {
        long now = nanoTime.getAsLong();
        Set<String> members = new HashSet<>();
        memberships.forEach((group, channels) -> {
            List<String> live = new ArrayList<>();
            for (String channel : channels) {
                Long active = lastActive.get(channel);
                if (receiving.test(channel) || (active != null && now - active < expiryNanos)) {
                    live.add(channel);
                } else {
                    channels.remove(channel);
                }
            }
            memberships.computeIfPresent(group, (g, m) -> m.isEmpty() ? null : m);
            members.addAll(live);
            if (!live.isEmpty()) {
                readd.accept(group, live);
            }
        });
        // channels in no group any more and untouched since this renewal began
        lastActive.entrySet().removeIf(entry -> entry.getValue() - now < 0 && !members.contains(entry.getKey()));
    }

    /** Forgets every membership, as a flush does. */
    void clear() {
        memberships.clear();
        lastActive.clear();
    }
}
