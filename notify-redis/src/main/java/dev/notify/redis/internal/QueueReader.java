package dev.notify.redis.internal;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one reader of a process for the queues on one shard, on its own connection and thread. It
 * drains its process queues in batches into the layer's local buffers: each batch is moved
 * atomically into the queue's {@code $inflight} backup, handed over, then acknowledged by deleting
 * the backup; when the reader (re)starts it puts any unacknowledged backup back into the queue, so
 * a message popped by a reader that died is delivered again. It pauses while the local buffers are
 * full, so that the Redis queue fills and its capacity applies. Normal (non-{@code !}) channels are
 * popped one message at a time, and only while someone waits on them.
 */
public final class QueueReader implements AutoCloseable {
    private static final double BLOCK_SECONDS = 2;
    /**
     * On a cluster {@code CLIENT UNBLOCK} cannot reach the node a blocked pop waits on, so the pop
     * blocks briefly: new queues, flushes and close wait at most this long.
     */
    private static final double CLUSTER_BLOCK_SECONDS = 0.2;
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Where the reader hands entries and asks whether it may read more. */
    public interface Sink {
        /**
         * @param queue the queue key name the entry came from
         * @param normal whether it is the queue of a normal channel (entries have no routing key)
         * @param entry the stored bytes
         * @param score the entry's score: when it was sent, in seconds
         */
        void deliver(String queue, boolean normal, byte[] entry, double score);

        /**
         * Hands over the entries of a process queue read together, oldest first; by default one
         * {@link #deliver} each. A sink that groups them by channel wakes each receiver once.
         *
         * @param queue the queue key name the entries came from
         * @param entries the stored bytes of each entry
         * @param scores each entry's score: when it was sent, in seconds
         */
        default void deliverAll(String queue, List<byte[]> entries, double[] scores) {
            for (int i = 0; i < entries.size(); i++) {
                deliver(queue, false, entries.get(i), scores[i]);
            }
        }

        /** @return how many more entries may be buffered locally now; 0 pauses the reader */
        int room();
    }

    private final RedisShard shard;
    private final Sink sink;
    private final int batchSize;
    /** queue key name to key bytes, for process queues read in batches */
    private final Map<String, byte[]> queues = new ConcurrentHashMap<>();
    /** queue keys of normal channels while someone waits on them */
    private final Set<String> normalChannels = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean blockedInPop;
    private volatile long clientId = -1;
    private volatile boolean restartRequested;
    /** completed by the reader thread between two reads, for {@link #betweenReads()} */
    private final Queue<CompletableFuture<Void>> betweenReads = new ConcurrentLinkedQueue<>();
    private RedisShard.BlockingConnection connection;
    private byte[] unacknowledged;
    /** the reader thread's state: recovered but not yet read since, and the current pause after a failure */
    private boolean recovered;
    private long backoff;

    /**
     * @param shard the shard whose queues this reads
     * @param sink where entries go
     * @param batchSize the most entries taken per round trip
     * @param name the thread name
     */
    public QueueReader(RedisShard shard, Sink sink, int batchSize, String name) {
        this.shard = shard;
        this.sink = sink;
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts reading a process queue (idempotent).
     *
     * @param queueKey the key, such as {@code asgispecific.<client>!}
     */
    public void addQueue(String queueKey) {
        if (queues.putIfAbsent(queueKey, RedisKeys.bytes(queueKey)) == null) {
            restartRequested = true; // so the new queue's backup is restored first
            wake();
        }
    }

    /** @param keyName the queue key of a normal channel someone now waits on */
    public void watchNormal(String keyName) {
        if (normalChannels.add(keyName)) {
            wake();
        }
    }

    /** @param keyName the queue key of a normal channel nobody waits on any more */
    public void unwatchNormal(String keyName) {
        normalChannels.remove(keyName);
    }

    /** Lets a reader paused for full buffers look again now. */
    public void resume() {
        LockSupport.unpark(thread);
    }

    /**
     * @return completed once the reader is between two reads: whatever it popped before has been
     *     handed to the sink (a flush clears the local buffers after this, so that an entry popped
     *     just before Redis deleted the queues cannot reach a buffer after the flush)
     */
    public CompletableFuture<Void> betweenReads() {
        CompletableFuture<Void> passed = new CompletableFuture<>();
        betweenReads.add(passed);
        wake();
        if (closed) {
            completeBetweenReads();
        }
        return passed;
    }

    private void completeBetweenReads() {
        for (CompletableFuture<Void> passed; (passed = betweenReads.poll()) != null; ) {
            passed.complete(null);
        }
    }

    /** Makes the reader look at its keys and buffers again now. */
    public void wake() {
        LockSupport.unpark(thread);
        long id = clientId;
        if (blockedInPop && id >= 0) {
            shard.unblock(id);
        }
    }

    private void run() {
        boolean recovering = true;
        while (!closed) {
            completeBetweenReads();
            try {
                if (connection == null) {
                    connection = shard.openBlockingConnection();
                    recovering = true;
                }
                RedisClusterCommands<byte[], byte[]> commands = connection.commands();
                if (recovering || restartRequested) {
                    restartRequested = false;
                    recover(commands);
                    recovering = false;
                    recovered = true;
                }
                int room = Math.min(batchSize, sink.room());
                if (room <= 0) {
                    confirmBack();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    continue;
                }
                if (queues.isEmpty() && normalChannels.isEmpty()) {
                    confirmBack();
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                    continue;
                }
                boolean drained = drainQueues(commands, room);
                confirmBack();
                if (drained) {
                    continue;
                }
                blockingPop(commands, room);
            } catch (RedisException | IllegalStateException e) {
                if (closed) {
                    break;
                }
                shard.connectionLost(RedisShard.Link.READER, e);
                recovering = true;
                backoff = Math.min(MAX_BACKOFF_NANOS, Math.max(TimeUnit.MILLISECONDS.toNanos(50), backoff * 2));
                LockSupport.parkNanos(backoff);
            }
        }
    }

    /**
     * Reports the reader back once it has read again after a recovery, not when the recovery alone
     * worked: a cluster without a master for some slots ({@code CLUSTERDOWN}) lets the recovery pass
     * and fails the reads, which would otherwise log an outage and its end every 50 ms.
     */
    private void confirmBack() {
        if (recovered) {
            recovered = false;
            backoff = 0;
            shard.connectionBack(RedisShard.Link.READER);
        }
    }

    /** Acknowledges a batch delivered before the failure, then restores every other backup. */
    private void recover(RedisClusterCommands<byte[], byte[]> commands) {
        clientId = shard.clientId(connection);
        if (unacknowledged != null) {
            commands.del(unacknowledged);
            unacknowledged = null;
        }
        for (byte[] queue : queues.values()) {
            Scripts.RESTORE.runSync(commands, new byte[][] {queue, RedisKeys.inflightKey(queue)});
        }
    }

    private boolean drainQueues(RedisClusterCommands<byte[], byte[]> commands, int room) {
        boolean any = false;
        for (Map.Entry<String, byte[]> queue : queues.entrySet()) {
            byte[] key = queue.getValue();
            List<Object> popped = Scripts.CLAIM.runSync(commands, new byte[][] {key, RedisKeys.inflightKey(key)},
                    ascii(room));
            if (!popped.isEmpty()) {
                deliverAndAcknowledge(commands, queue.getKey(), key, List.of(), popped);
                any = true;
            }
        }
        return any;
    }

    private void blockingPop(RedisClusterCommands<byte[], byte[]> commands, int room) {
        List<byte[]> keys = new ArrayList<>(queues.values());
        for (String normal : normalChannels) {
            keys.add(RedisKeys.bytes(normal));
        }
        KeyValue<byte[], ScoredValue<byte[]>> popped;
        blockedInPop = true;
        try {
            popped = commands.bzpopmin(shard.isCluster() ? CLUSTER_BLOCK_SECONDS : BLOCK_SECONDS, keys.toArray(new byte[0][]));
        } finally {
            blockedInPop = false;
        }
        if (popped == null || !popped.hasValue()) {
            return;
        }
        String keyName = new String(popped.getKey(), StandardCharsets.UTF_8);
        ScoredValue<byte[]> value = popped.getValue();
        if (queues.containsKey(keyName)) {
            byte[] key = popped.getKey();
            byte[] score = java.math.BigDecimal.valueOf(value.getScore()).toPlainString().getBytes(StandardCharsets.US_ASCII);
            List<Object> more = Scripts.CLAIM.runSync(commands, new byte[][] {key, RedisKeys.inflightKey(key)},
                    ascii(room - 1), value.getValue(), score);
            deliverAndAcknowledge(commands, keyName, key, List.of(value.getValue(), score), more);
        } else {
            // a normal channel: its local buffer keeps it even if the waiter has gone meanwhile
            sink.deliver(keyName, true, value.getValue(), value.getScore());
        }
    }

    private void deliverAndAcknowledge(RedisClusterCommands<byte[], byte[]> commands, String queue, byte[] key,
            List<Object> first, List<Object> rest) {
        byte[] inflight = RedisKeys.inflightKey(key);
        unacknowledged = inflight;
        List<byte[]> entries = new ArrayList<>((first.size() + rest.size()) / 2);
        double[] scores = new double[(first.size() + rest.size()) / 2];
        for (List<Object> part : List.of(first, rest)) {
            for (int i = 0; i < part.size(); i += 2) {
                scores[entries.size()] = Double.parseDouble(new String((byte[]) part.get(i + 1), StandardCharsets.US_ASCII));
                entries.add((byte[]) part.get(i));
            }
        }
        sink.deliverAll(queue, entries, scores);
        commands.del(inflight);
        unacknowledged = null;
    }

    private static byte[] ascii(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        closed = true;
        wake();
        RedisShard.BlockingConnection open = connection;
        if (open != null) {
            open.connection().closeAsync();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completeBetweenReads();
    }
}
