package dev.notify.redis;

import dev.notify.layer.Message;
import dev.notify.spi.Mailboxes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Capacity accounting for the channels of this process: a channel's capacity covers what its local
 * buffer holds and what this process has sent to it that is still on its way through Redis
 * (channels_redis' {@code BoundedQueue} covers only the buffer). A send reserves a place before it
 * writes the entry; the place is released when the message reaches the buffer, when Redis refuses
 * or loses the write, or when the entry has been on its way longer than a message can live.
 *
 * <p>An entry is known by the {@value #ENTRY_ID_LENGTH} random bytes that start every channels_redis
 * entry. Thread-safe: a reservation and a delivery to one channel hold that channel's stripe lock,
 * so that a reservation never counts a message twice or not at all.
 */
final class LocalCapacity {
    /** The length of the random prefix that identifies an entry. */
    static final int ENTRY_ID_LENGTH = 12;

    private final Mailboxes buffers;
    private final LongSupplier nanoTime;
    /** entries of this process on their way to channels of this process, by entry id */
    private final Map<String, InTransit> inTransit = new ConcurrentHashMap<>();
    /** places reserved per channel and not yet delivered or released */
    private final Map<String, Integer> reserved = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[64];

    /**
     * A set of channels, not a list: a reader asks it once per delivered channel, which for a list
     * was O(members²) per group message.
     */
    private record InTransit(Set<String> channels, long sentAt) {
    }

    /**
     * @param buffers the local buffers whose sizes count
     * @param nanoTime the monotonic time source, {@code System::nanoTime} outside tests
     */
    LocalCapacity(Mailboxes buffers, LongSupplier nanoTime) {
        this.buffers = buffers;
        this.nanoTime = nanoTime;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Reserves a place for one message to a channel of this process.
     *
     * @param channel the channel
     * @param capacity its capacity
     * @return whether there was room; {@code false} reserves nothing
     */
    boolean reserve(String channel, int capacity) {
        synchronized (stripe(channel)) {
            int pending = reserved.getOrDefault(channel, 0);
            if (buffers.size(channel) + pending >= capacity) {
                return false;
            }
            reserved.put(channel, pending + 1);
            return true;
        }
    }

    /**
     * Records an entry that carries reserved places to some channels.
     *
     * @param entry the encoded entry
     * @param channels the channels a place was reserved for
     * @return the entry's id, for {@link #untrack}
     */
    String track(byte[] entry, Collection<String> channels) {
        String id = entryId(entry);
        inTransit.put(id, new InTransit(Set.copyOf(channels), nanoTime.getAsLong()));
        return id;
    }

    /**
     * The entry will not arrive (the write failed, or Redis found its queue full): releases its places.
     *
     * @param entryId an id from {@link #track}, or {@code null} for nothing
     */
    void untrack(String entryId) {
        if (entryId != null) {
            InTransit entry = inTransit.remove(entryId);
            if (entry != null) {
                release(entry.channels());
            }
        }
    }

    /**
     * A reader popped an entry.
     *
     * @param entry the entry as read from Redis
     * @return the channels this process reserved a place for with it (hand each its message with
     *     {@link #deliverAll}, or give the places back with {@link #release}); empty if it is not one of
     *     this process's tracked entries
     */
    Set<String> arrived(byte[] entry) {
        InTransit ours = entry.length < ENTRY_ID_LENGTH ? null : inTransit.remove(entryId(entry));
        return ours == null ? Set.of() : ours.channels();
    }

    /**
     * Hands messages to a channel's buffer, in order, and frees the places that {@code reserved} of
     * them had, in one step.
     *
     * @param channel a channel
     * @param messages its messages, oldest first
     * @param reserved how many of them had a place reserved (channels from {@link #arrived})
     * @return how many older messages the buffer dropped to make room
     */
    int deliverAll(String channel, List<Message> messages, int reserved) {
        synchronized (stripe(channel)) {
            int dropped = buffers.offerAllDroppingOldest(channel, messages);
            if (reserved > 0) {
                this.reserved.computeIfPresent(channel, (c, n) -> n > reserved ? n - reserved : null);
            }
            return dropped;
        }
    }

    /**
     * Gives back the places of channels that will not get their message (it expired, or cannot be read).
     *
     * @param channels channels from {@link #arrived}
     */
    void release(Set<String> channels) {
        for (String channel : channels) {
            synchronized (stripe(channel)) {
                releaseOne(channel);
            }
        }
    }

    /**
     * Releases the places of entries on their way for longer than {@code maxAge}: expired or flushed
     * in Redis, they will never arrive.
     *
     * @param maxAge the longest an entry can be on its way
     */
    void expire(Duration maxAge) {
        long oldest = nanoTime.getAsLong() - maxAge.toNanos();
        inTransit.values().removeIf(entry -> {
            if (entry.sentAt() - oldest < 0) {
                release(entry.channels());
                return true;
            }
            return false;
        });
    }

    /**
     * @param channel a channel
     * @return the places reserved for it and not yet delivered or released
     */
    int reserved(String channel) {
        return reserved.getOrDefault(channel, 0);
    }

    /** Forgets every reservation and every entry on its way, as a flush does. */
    void clear() {
        inTransit.clear();
        reserved.clear();
    }

    private void releaseOne(String channel) {
        reserved.computeIfPresent(channel, (c, n) -> n > 1 ? n - 1 : null);
    }

    private static String entryId(byte[] entry) {
        return new String(entry, 0, ENTRY_ID_LENGTH, StandardCharsets.ISO_8859_1);
    }

    private Object stripe(String channel) {
        return stripes[channel.hashCode() & (stripes.length - 1)];
    }
}
