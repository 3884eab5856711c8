package dev.notify.redis;

import dev.notify.layer.ChannelFullException;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.LayerHealth;
import dev.notify.layer.Message;
import dev.notify.metrics.MeterSink;
import dev.notify.redis.internal.Fernet;
import dev.notify.redis.internal.LayerResources;
import dev.notify.redis.internal.MessageCodec;
import dev.notify.redis.internal.QueueReader;
import dev.notify.redis.internal.RedisKeys;
import dev.notify.redis.internal.RedisShard;
import dev.notify.redis.internal.RedisShards;
import dev.notify.redis.internal.Scripts;
import dev.notify.spi.AbstractChannelLayer;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.Mailboxes;
import dev.notify.spi.NameRules;
import dev.notify.spi.RateLimitedLog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis queue layer, sharing Redis with Django Channels' {@code channels_redis.core.RedisChannelLayer}
 * 4.x: same keys, sorted sets, msgpack entries, Lua capacity check, consistent hash and Fernet
 * encryption, so either side can {@code group_send} to the other's consumers and {@code send} to the
 * other's channels.
 *
 * <pre>{@code
 * try (ChannelLayer layer = RedisChannelLayer.create("redis://127.0.0.1:6379")) {
 *     layer.groupSend("chat", Message.of("chat.message", "text", "hi"));
 * }
 * }</pre>
 *
 * <p><b>Delivery.</b> Each process reads its queue key ({@code asgispecific.<process>!}) with one
 * reader per shard, on its own connection, in batches; every batch is backed up in
 * {@code <queue>$inflight} until it is in the local buffers, and a reader that restarts puts an
 * unacknowledged backup back, so delivery is at-least-once across reader failures. The reader
 * reads while some receiver of the process waits; when none waits it stops once {@code capacity}
 * messages are buffered, so the messages of a process whose consumers do not keep up stay in Redis,
 * where {@link #send} from other processes fails with {@link ChannelFullException} and
 * {@link #groupSend} skips that process (as in channels_redis, capacity there is per process
 * queue). Each local channel buffers at most its capacity: {@link #send} from this process to its
 * own channels counts the buffer and what is on its way; messages from elsewhere beyond it push
 * out the oldest, as channels_redis does, with a warning.
 *
 * <p><b>Failures.</b> Unreachable Redis at start: the factory throws {@link ChannelLayerException}
 * naming the address and the cause. During an outage operations fail at once with
 * {@link ChannelLayerException} and {@link #health()} is down; the layer reconnects with backoff,
 * logs the outage once, and afterwards re-adds the group memberships of its live channels. Memberships of live channels are
 * also renewed every third of {@code groupExpiry}, so long-lived consumers never drop out of their
 * groups. An entry that cannot be decoded (foreign data, a wrong key) is logged and skipped.
 *
 * <p><b>Differences from channels_redis 4.0.</b> A direct {@code send} to a process-specific channel
 * is written to the shard of the channel's non-local part, where its receiver reads; channels_redis
 * 4.0 writes it to the shard of the full name, so with several shards a direct send from Python to
 * a Java (or Python) process is lost about half of the time (channels_redis PR #220). Group traffic
 * and single-shard setups are unaffected. {@code send} is one atomic script instead of four
 * commands. Sentinel: give a {@code redis-sentinel://} URI.
 *
 * <p><b>Redis Cluster</b> ({@link RedisLayerOptions#cluster()}): names go inside hash tags, so that a
 * process queue and its backup share one slot and a group's membership another; a group send runs
 * one script per slot holding member queues, all at once; after a failover or a slot migration the
 * layer re-adds its live memberships. This layout is notify's own: channels_redis cannot share it.
 *
 * <p>Thread-safe. Returned stages complete on Lettuce's I/O threads or the layer's reader threads;
 * do not block in their callbacks.
 *
 * @since 0.1
 */
public final class RedisChannelLayer extends AbstractChannelLayer {
    private static final Logger LOG = LoggerFactory.getLogger(RedisChannelLayer.class);
    private static final int BATCH_SIZE = 100;

    private final RedisLayerOptions options;
    private final String clientPrefix;
    private final RedisKeys keys;
    private final MessageCodec codec;
    private final CapacityPolicy capacities;
    private final InstantSource clock;
    private final LayerResources resources;
    private final RedisShards shards;
    /** by shard index (on a cluster, by hash slot), made on first use */
    private final Map<Integer, QueueReader> readers = new ConcurrentHashMap<>();
    /** the last score this layer gave, so that its own messages keep their order */
    private final AtomicLong lastScore = new AtomicLong();
    private final Mailboxes mailboxes;
    private final LocalCapacity localCapacity;
    private final ReadAhead readAhead;
    private final MembershipRenewal renewal;
    private final Map<String, AtomicInteger> normalWaiters = new ConcurrentHashMap<>();
    private final AtomicInteger sendCursor = new AtomicInteger();
    private final AtomicBoolean renewalRetryPending = new AtomicBoolean();
    private final RateLimitedLog overflowLog = new RateLimitedLog();
    private final LongAdder fullDrops = droppedCounter("channel_full");
    private final LongAdder queueDrops = droppedCounter("queue_full");
    private final LongAdder bufferDrops = droppedCounter("buffer_full");

    RedisChannelLayer(RedisLayerOptions options) {
        this(options, randomProcessName());
    }

    /** With a given client prefix, so that tests can stand for a process that restarts. */
    RedisChannelLayer(RedisLayerOptions options, String clientPrefix) {
        super("the Redis channel layer", clientPrefix);
        this.options = Objects.requireNonNull(options, "options");
        this.clientPrefix = clientPrefix;
        this.keys = new RedisKeys(options.prefix(), options.cluster());
        this.clock = options.clock();
        Fernet fernet = options.symmetricEncryptionKeys().isEmpty() ? null
                : Fernet.fromSecrets(options.symmetricEncryptionKeys());
        this.codec = new MessageCodec(fernet, options.expiry().toSeconds(), clock);
        this.capacities = CapacityPolicy.of(options.capacity(), options.channelCapacity());
        this.mailboxes = new Mailboxes(capacities, options.expiry(), clock, channel -> { });
        this.localCapacity = new LocalCapacity(mailboxes, System::nanoTime);
        this.readAhead = new ReadAhead(mailboxes, options.capacity(), BATCH_SIZE);
        this.renewal = new MembershipRenewal(options.groupExpiry(), readAhead::isWaiting, System::nanoTime, this::readd);
        this.resources = new LayerResources("notify-redis-" + clientPrefix.substring(0, 8));
        try {
            this.shards = options.cluster() ? resources.connectCluster(options.uris(), "operations fail until it is back")
                    : resources.connect(options.uris(), "operations fail until it is back");
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
        for (RedisShard shard : shards.all()) {
            shard.onReconnect(() -> resources.scheduler().execute(this::renewMemberships));
        }
        long renewEvery = Math.max(1000, options.groupExpiry().toMillis() / 3);
        resources.scheduler().scheduleWithFixedDelay(this::renewMemberships, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        long sweepEvery = Math.min(10_000, options.expiry().toMillis());
        resources.scheduler().scheduleWithFixedDelay(this::sweep, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
    }

    /**
     * A layer with every default and one Redis server.
     *
     * @param uri a Lettuce Redis URI such as {@code redis://127.0.0.1:6379}
     * @return the connected layer
     * @throws IllegalArgumentException if the URI is malformed
     * @throws ChannelLayerException naming the address and cause if Redis cannot be reached
     */
    public static RedisChannelLayer create(String uri) {
        return builder().uris(uri).build();
    }

    /**
     * @param options the options
     * @return the connected layer
     * @throws ChannelLayerException naming the address and cause if Redis cannot be reached
     */
    public static RedisChannelLayer create(RedisLayerOptions options) {
        return new RedisChannelLayer(options);
    }

    /** @return a builder whose {@code build()} connects a layer */
    public static RedisLayerOptions.Builder<RedisChannelLayer> builder() {
        return new RedisLayerOptions.Builder<>(RedisChannelLayer::new);
    }

    /** @return this layer's options */
    public RedisLayerOptions options() {
        return options;
    }

    @Override
    protected CompletionStage<Void> doSend(String channel, Message message) {
        boolean specific = NameRules.isProcessSpecific(channel);
        byte[] entry = codec.encode(message, specific ? channel : null);
        int capacity = capacities.capacity(channel);
        // a channel of this process: count what it holds locally and what is on its way to it
        boolean local = isLocal(channel);
        if (local && !localCapacity.reserve(channel, capacity)) {
            return CompletableFuture.failedFuture(new ChannelFullException(channel, capacity));
        }
        String entryId = local ? localCapacity.track(entry, List.of(channel)) : null;
        RedisShard shard = specific ? shards.of(NameRules.nonLocalPart(channel))
                : shards.get(Math.floorMod(sendCursor.getAndIncrement(), shards.size()));
        double now = now();
        return Scripts.SEND.<Long>run(shard.commands(), new byte[][] {keys.queueKey(channel)}, entry, number(now),
                        number(cutoff(now, options.expiry().toSeconds())), number(queueCapacity(channel, capacity)),
                        number(options.expiry().toSeconds()))
                .handle((full, failure) -> {
                    if (failure != null || full != 0) {
                        localCapacity.untrack(entryId);
                    }
                    if (failure != null) {
                        throw shard.failure("send to '" + channel + "'", failure);
                    }
                    if (full != 0) {
                        throw new ChannelFullException(channel, capacity);
                    }
                    return null;
                });
    }

    @Override
    protected CompletionStage<Message> doReceive(String channel) {
        requireLocal(channel);
        if (NameRules.isProcessSpecific(channel)) {
            return receiveSpecific(channel, mailboxes::take);
        }
        String keyName = keys.queueName(channel);
        AtomicInteger waiting = normalWaiters.computeIfAbsent(channel, c -> new AtomicInteger());
        waiting.incrementAndGet();
        CompletableFuture<Message> next = waitFor(channel, mailboxes.take(channel));
        if (!next.isDone()) {
            for (int i : shards.holdingNormal(channel)) {
                readerOf(i).watchNormal(keyName);
            }
        }
        next.whenComplete((m, e) -> {
            if (waiting.decrementAndGet() == 0) {
                for (QueueReader reader : readers.values()) {
                    reader.unwatchNormal(keyName);
                }
            }
        });
        return next;
    }

    /** A process-specific channel hands over what its buffer holds; a normal one receives one at a time. */
    @Override
    protected CompletionStage<List<Message>> doReceiveBatch(String channel, int max) {
        requireLocal(channel);
        if (NameRules.isProcessSpecific(channel)) {
            return receiveSpecific(channel, c -> mailboxes.takeBatch(c, max));
        }
        return super.doReceiveBatch(channel, max);
    }

    private <T> CompletableFuture<T> receiveSpecific(String channel, Function<String, CompletableFuture<T>> take) {
        String nonLocal = NameRules.nonLocalPart(channel);
        readerOf(nonLocal).addQueue(keys.queueName(nonLocal));
        renewal.active(channel);
        CompletableFuture<T> next = waitFor(channel, take.apply(channel));
        next.whenComplete((m, e) -> renewal.active(channel));
        return next;
    }

    @Override
    protected CompletionStage<String> doNewChannel(String prefix) {
        String channel = newChannelName(prefix);
        String nonLocal = NameRules.nonLocalPart(channel);
        readerOf(nonLocal).addQueue(keys.queueName(nonLocal));
        return CompletableFuture.completedFuture(channel);
    }

    @Override
    protected CompletionStage<Void> doGroupAdd(String group, String channel) {
        if (isLocal(channel)) {
            renewal.joined(group, channel);
        }
        RedisShard shard = shards.of(group);
        return Scripts.GROUP_ADD.<Long>run(shard.commands(), new byte[][] {keys.groupKey(group)}, number(now()),
                        number(options.groupExpiry().toSeconds()), RedisKeys.bytes(channel))
                .handle((ok, failure) -> {
                    if (failure != null) {
                        throw shard.failure("groupAdd('" + group + "', '" + channel + "')", failure);
                    }
                    return null;
                });
    }

    @Override
    protected CompletionStage<Void> doGroupDiscard(String group, String channel) {
        renewal.left(group, channel);
        RedisShard shard = shards.of(group);
        return shard.commands().zrem(keys.groupKey(group), RedisKeys.bytes(channel)).toCompletableFuture()
                .handle((removed, failure) -> {
                    if (failure != null) {
                        throw shard.failure("groupDiscard('" + group + "', '" + channel + "')", failure);
                    }
                    return null;
                });
    }

    @Override
    protected CompletionStage<Void> doGroupSend(String group, Message message) {
        codec.encode(message, null); // refuse what msgpack cannot carry now, not per member
        RedisShard groupShard = shards.of(group);
        double start = now();
        return Scripts.GROUP_MEMBERS.<List<Object>>run(groupShard.commands(), new byte[][] {keys.groupKey(group)},
                        number(cutoff(start, options.groupExpiry().toSeconds())))
                .handle((members, failure) -> {
                    if (failure != null) {
                        throw groupShard.failure("groupSend to '" + group + "'", failure);
                    }
                    return members;
                })
                .thenCompose(members -> sendToMembers(group, message, members));
    }

    private CompletionStage<Void> sendToMembers(String group, Message message, List<Object> members) {
        // one entry per queue key listing every member that reads it, as channels_redis does
        Map<String, List<String>> byQueue = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Object member : members) {
            String channel = new String((byte[]) member, StandardCharsets.UTF_8);
            if (isLocal(channel) && !localCapacity.reserve(channel, capacities.capacity(channel))) {
                skipped.add(channel);
            } else {
                byQueue.computeIfAbsent(NameRules.nonLocalPart(channel), q -> new ArrayList<>()).add(channel);
            }
        }
        if (!skipped.isEmpty()) {
            fullDrops.add(skipped.size());
            overflowLog.log(note -> LOG.info("groupSend to '{}' skipped {} full channel(s): {}{}", group, skipped.size(), skipped, note));
        }
        Map<Integer, List<String>> queuesByShard = new LinkedHashMap<>();
        for (String queue : byQueue.keySet()) {
            queuesByShard.computeIfAbsent(shards.indexOf(queue), s -> new ArrayList<>()).add(queue);
        }
        double now = now();
        long expiry = options.expiry().toSeconds();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        queuesByShard.forEach((index, queues) -> {
            RedisShard shard = shards.get(index);
            int n = queues.size();
            byte[][] queueKeys = new byte[n][];
            byte[][] args = new byte[2 * n + 3][];
            String[] entryIds = new String[n];
            for (int i = 0; i < n; i++) {
                List<String> channels = byQueue.get(queues.get(i));
                queueKeys[i] = RedisKeys.bytes(keys.queueName(queues.get(i)));
                args[i] = codec.encode(message, channels);
                args[n + i] = number(queueCapacity(channels.get(0), capacities.capacity(channels.get(0))));
                entryIds[i] = isLocal(channels.get(0)) ? localCapacity.track(args[i], channels) : null;
            }
            args[2 * n] = number(now);
            args[2 * n + 1] = number(expiry);
            args[2 * n + 2] = number(cutoff(now, expiry));
            writes.add(Scripts.GROUP_SEND.<List<Object>>run(shard.commands(), queueKeys, args)
                    .handle((full, failure) -> {
                        if (failure != null) {
                            for (String id : entryIds) {
                                localCapacity.untrack(id);
                            }
                            throw shard.failure("groupSend to '" + group + "'", failure);
                        }
                        for (Object i : full) {
                            localCapacity.untrack(entryIds[((Long) i).intValue() - 1]);
                        }
                        if (!full.isEmpty()) {
                            List<String> fullChannels = new ArrayList<>();
                            for (Object i : full) {
                                fullChannels.addAll(byQueue.get(queues.get(((Long) i).intValue() - 1)));
                            }
                            queueDrops.add(fullChannels.size());
                            overflowLog.log(note -> LOG.info("groupSend to '{}' skipped {} channel(s) whose process queue is full: {}{}",
                                    group, fullChannels.size(), fullChannels, note));
                        }
                        return (Void) null;
                    }).toCompletableFuture());
        });
        return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * The capacity the send script checks against the length of the channel's queue in Redis. For a
     * channel of another process that is its capacity, as channels_redis checks it. For a channel of
     * this process {@link LocalCapacity} has already counted what the channel holds and what is on
     * its way to it; the queue in Redis also holds the entries of the process's other channels that
     * the reader has not taken yet, so checking it again would drop a message for a channel with
     * room because another one is full.
     */
    private int queueCapacity(String channel, int capacity) {
        return isLocal(channel) ? Integer.MAX_VALUE : capacity;
    }

    @Override
    protected CompletionStage<Void> doFlush() {
        List<CompletableFuture<Long>> deletes = new ArrayList<>();
        for (RedisShard shard : shards.all()) {
            deletes.add(shard.deleteMatching(keys.everyKeyPattern())
                    .handle((count, failure) -> {
                        if (failure != null) {
                            throw shard.failure("flush", failure);
                        }
                        return count;
                    }).toCompletableFuture());
        }
        clearLocalState();
        // again once Redis has deleted everything and every reader has handed over what it popped
        // before the delete, so that no such entry reaches a local buffer after the flush
        return CompletableFuture.allOf(deletes.toArray(new CompletableFuture<?>[0]))
                .thenCompose(deleted -> CompletableFuture.allOf(readers.values().stream()
                        .map(QueueReader::betweenReads).toArray(CompletableFuture<?>[]::new)))
                .thenRun(this::clearLocalState);
    }

    private void clearLocalState() {
        mailboxes.clear(null);
        readAhead.clear();
        localCapacity.clear();
        renewal.clear();
    }

    @Override
    protected CompletionStage<Void> doClose() {
        return CompletableFuture.runAsync(() -> {
            synchronized (readers) {
                readers.values().forEach(QueueReader::close);
            }
            mailboxes.clear(closedException());
            shards.close();
            resources.close();
        }, runnable -> new Thread(runnable, "notify-redis-close").start());
    }

    /**
     * Down while a connection to any shard is down (its command connection, or its reader), with
     * the shard's address, since when and why; read from the connections' state, never blocking.
     *
     * @return the current health
     */
    @Override
    public LayerHealth health() {
        return isClosed() ? super.health() : shards.health();
    }

    /** {@code notify.redis.reconnects} of each shard's command and reader connection. */
    @Override
    protected void describeBackendMeters(MeterSink sink) {
        shards.describeMeters(sink, RedisShard.Link.COMMANDS, RedisShard.Link.READER);
    }

    @Override
    public String toString() {
        return "RedisChannelLayer" + options;
    }

    /**
     * Hands the entries a reader popped together from a queue to the local buffers of the channels
     * they list: decoded in order, grouped by channel, and offered per channel in one step,
     * so that a channel's receiver wakes once for the burst rather than once per entry.
     */
    private void deliverAll(String queue, boolean normal, List<byte[]> entries, double[] scores) {
        String nonLocal = keys.nonLocalOf(queue);
        double cutoff = now() - options.expiry().toSeconds();
        Map<String, List<Message>> byChannel = new LinkedHashMap<>();
        Map<String, Integer> reserved = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            byte[] entry = entries.get(i);
            Set<String> reservedFor = localCapacity.arrived(entry);
            if (scores[i] <= cutoff) {
                localCapacity.release(reservedFor);
                continue; // expired while queued: dropped silently, as the sender's cleanup would
            }
            MessageCodec.Decoded decoded;
            try {
                decoded = codec.decode(entry, normal ? nonLocal : null);
            } catch (IllegalArgumentException e) {
                LOG.warn("skipped an entry of {} bytes in {} that cannot be read: {}", entry.length, queue, e.getMessage());
                localCapacity.release(reservedFor);
                continue;
            }
            for (String channel : decoded.channels()) {
                if (!normal && !readsQueue(channel, nonLocal)) {
                    LOG.warn("skipped a message in {} for channel '{}', which does not read that queue", queue, channel);
                    continue;
                }
                byChannel.computeIfAbsent(channel, c -> new ArrayList<>()).add(decoded.message());
                if (reservedFor.contains(channel)) {
                    reserved.merge(channel, 1, Integer::sum);
                }
            }
        }
        byChannel.forEach((channel, messages) -> {
            readAhead.buffered(channel);
            int dropped = localCapacity.deliverAll(channel, messages, reserved.getOrDefault(channel, 0));
            if (dropped > 0) {
                bufferDrops.add(dropped);
                overflowLog.log(note -> LOG.warn("the local buffer of channel '{}' is full (capacity {}); dropped its {} oldest message(s){}",
                        channel, capacities.capacity(channel), dropped, note));
            }
        });
    }

    /** Whether a channel's messages go to a process queue ({@code nonLocal} ends with its {@code !}), without a substring per channel. */
    private static boolean readsQueue(String channel, String nonLocal) {
        return channel.startsWith(nonLocal) && channel.indexOf('!') == nonLocal.length() - 1;
    }

    /** Hands a popped entry to the local buffers of the channels it lists. */
    private void deliver(String queue, boolean normal, byte[] entry, double score) {
        deliverAll(queue, normal, List.of(entry), new double[] {score});
    }

    private <T> CompletableFuture<T> waitFor(String channel, CompletableFuture<T> next) {
        if (!next.isDone()) {
            readAhead.waiting(channel, next);
            for (QueueReader reader : readers.values()) {
                reader.resume();
            }
        }
        return next;
    }

    private void sweep() {
        mailboxes.dropExpired();
        localCapacity.expire(options.expiry().plusSeconds(10));
        for (QueueReader reader : readers.values()) {
            reader.wake();
        }
    }

    private void renewMemberships() {
        if (!isClosed()) {
            renewal.renew();
        }
    }

    /** Re-adds live channels of this process to a group, for {@link MembershipRenewal}. */
    private void readd(String group, List<String> channels) {
        byte[][] args = new byte[channels.size() + 2][];
        args[0] = number(now());
        args[1] = number(options.groupExpiry().toSeconds());
        for (int i = 0; i < channels.size(); i++) {
            args[i + 2] = RedisKeys.bytes(channels.get(i));
        }
        RedisShard shard = shards.of(group);
        Scripts.GROUP_ADD.run(shard.commands(), new byte[][] {keys.groupKey(group)}, args)
                .whenComplete((ok, failure) -> {
                    if (failure != null && !isClosed()) {
                        // the shard is probably still down; its reconnect runs this again (a cluster
                        // may still be settling after its nodes came back: try again soon)
                        shard.failure("renewing group '" + group + "'", failure);
                        if (shards.isCluster()) {
                            renewAgainSoon();
                        }
                    }
                });
    }

    private void renewAgainSoon() {
        if (renewalRetryPending.compareAndSet(false, true)) {
            resources.scheduler().schedule(() -> {
                renewalRetryPending.set(false);
                renewMemberships();
            }, 1, TimeUnit.SECONDS);
        }
    }

    private QueueReader readerOf(String nonLocal) {
        return readerOf(shards.indexOf(nonLocal));
    }

    private QueueReader readerOf(int index) {
        synchronized (readers) {
            if (!readers.containsKey(index)) {
                if (isClosed()) {
                    throw closedException();
                }
                readers.put(index, new QueueReader(shards.get(index), new QueueReader.Sink() {
                    @Override
                    public void deliver(String queue, boolean normal, byte[] entry, double score) {
                        RedisChannelLayer.this.deliver(queue, normal, entry, score);
                    }

                    @Override
                    public void deliverAll(String queue, List<byte[]> entries, double[] scores) {
                        RedisChannelLayer.this.deliverAll(queue, false, entries, scores);
                    }

                    @Override
                    public int room() {
                        return readAhead.room();
                    }
                }, BATCH_SIZE, "notify-redis-reader-" + index + "-" + clientPrefix.substring(0, 8)));
            }
            return readers.get(index);
        }
    }

    /** channels_redis' time.time(): float seconds, strictly increasing per layer so its messages keep their order. */
    private double now() {
        Instant instant = clock.instant();
        long micros = instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        long unique = lastScore.accumulateAndGet(micros, (last, next) -> Math.max(last + 1, next));
        return unique / 1_000_000.0;
    }

    private static long cutoff(double now, long seconds) {
        return (long) now - seconds;
    }

    private static byte[] number(double value) {
        return BigDecimal.valueOf(value).toPlainString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] number(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
