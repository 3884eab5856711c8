package dev.notify.redis;

import dev.notify.spi.Mailboxes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far the readers may read ahead of this process's receivers: a full batch while some receiver
 * waits, else only until the local buffers hold {@code limit} messages, so that the messages of a
 * process whose consumers do not keep up stay in Redis, where senders see its capacity (as in
 * channels_redis, capacity in Redis is per process queue). Thread-safe.
 */
final class ReadAhead {
    private final Mailboxes buffers;
    private final int limit;
    private final int batch;
    private final AtomicInteger waiting = new AtomicInteger();
    /** channels with a receive waiting, and how many */
    private final Map<String, Integer> waitingOn = new ConcurrentHashMap<>();
    /** channels whose buffers the readers filled, to bound the total */
    private final Set<String> buffered = ConcurrentHashMap.newKeySet();

    /**
     * @param buffers the local buffers
     * @param limit how many buffered messages the readers may fetch while nobody waits
     * @param batch how many entries a reader takes at most while somebody waits
     */
    ReadAhead(Mailboxes buffers, int limit, int batch) {
        this.buffers = buffers;
        this.limit = limit;
        this.batch = batch;
    }

    /**
     * Counts a receive that waits on a channel until it completes or is cancelled.
     *
     * @param channel the channel
     * @param receive the waiting receive
     */
    void waiting(String channel, CompletableFuture<?> receive) {
        waiting.incrementAndGet();
        waitingOn.merge(channel, 1, Integer::sum);
        receive.whenComplete((m, e) -> {
            waiting.decrementAndGet();
            waitingOn.computeIfPresent(channel, (c, n) -> n > 1 ? n - 1 : null);
        });
    }

    /**
     * @param channel a channel
     * @return whether a receive waits on it now
     */
    boolean isWaiting(String channel) {
        return waitingOn.containsKey(channel);
    }

    /**
     * A reader put a message in a channel's buffer.
     *
     * @param channel the channel
     */
    void buffered(String channel) {
        buffered.add(channel);
    }

    /** @return how many more entries the readers may take now */
    int room() {
        if (waiting.get() > 0) {
            return batch;
        }
        int total = 0;
        for (String channel : buffered) {
            int size = buffers.size(channel);
            if (size == 0) {
                buffered.remove(channel);
            }
            total += size;
        }
        return limit - total;
    }

    /** Forgets the buffered channels, as a flush does; waiting receives stay counted. */
    void clear() {
        buffered.clear();
    }
}
