package dev.notify.redis;

import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.LayerHealth;
import dev.notify.layer.Message;
import dev.notify.metrics.MeterSink;
import dev.notify.redis.internal.LayerResources;
import dev.notify.redis.internal.MsgPack;
import dev.notify.redis.internal.RedisKeys;
import dev.notify.redis.internal.RedisShard;
import dev.notify.redis.internal.RedisShards;
import dev.notify.spi.AbstractChannelLayer;
import dev.notify.spi.CapacityPolicy;
import dev.notify.spi.GroupRegistry;
import dev.notify.spi.Mailboxes;
import dev.notify.spi.RateLimitedLog;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis pub/sub layer, sharing Redis with Django Channels'
 * {@code channels_redis.pubsub.RedisPubSubChannelLayer} 4.x: a {@link #send} is one
 * {@code PUBLISH <channel> msgpack(message)}, a {@link #groupSend} one
 * {@code PUBLISH <prefix>__group__<group> msgpack(message)} whatever the group size, and each process
 * subscribes to the groups of its own channels and fans messages out locally.
 *
 * <p><b>At most once, by design.</b> Nothing is stored in Redis: a message published while its
 * receiver's process is not subscribed (not started yet, or reconnecting after a Redis restart or
 * after its subscriber connection was killed, as {@code CLIENT KILL TYPE pubsub} does) is lost,
 * there is no capacity check ({@link #send} never fails with
 * {@link dev.notify.layer.ChannelFullException}) and no message expiry in Redis. Use
 * {@link RedisChannelLayer} when messages must wait for their receiver.
 *
 * <p>Group memberships are kept in the process that made the channel ({@link #groupAdd} accepts only
 * channels of this layer, as channels_redis does); those of channels still subscribed (a consumer
 * waits on them) are renewed every third of {@code groupExpiry}, the others expire. Local buffers
 * hold up to 10 × the channel's capacity, dropping the oldest message beyond that with a warning.
 * Channel names are {@code specific.<process>!<local>} (channels_redis' own are
 * {@code asgispecific.<local>}); either kind is a plain pub/sub channel, so sends work both ways.
 * Encryption is not supported, as in channels_redis' pub/sub layer. A lost subscriber connection is
 * logged once per outage, counted ({@code notify.redis.reconnects}, connection {@code subscriber})
 * and reported by {@link #health()} until Lettuce has reconnected it and subscribed it again.
 * Connections: one command and one subscriber connection per shard.
 *
 * <p><b>Redis Cluster</b> ({@link RedisLayerOptions#cluster()}): sharded pub/sub ({@code SPUBLISH},
 * {@code SSUBSCRIBE}), so that a group's messages cross only the shard that owns its channel's slot;
 * after every change of the cluster's topology the layer subscribes again to each of its channels on
 * the master that now owns it. What is published meanwhile may be lost to this process.
 *
 * <p>Thread-safe. Received messages are handed over on one delivery thread of the layer, in order.
 *
 * @since 0.1
 */
public final class RedisPubSubChannelLayer extends AbstractChannelLayer {
    private static final Logger LOG = LoggerFactory.getLogger(RedisPubSubChannelLayer.class);

    private final RedisLayerOptions options;
    private final RedisKeys keys;
    private final LayerResources resources;
    private final RedisShards shards;
    private final List<StatefulRedisPubSubConnection<byte[], byte[]>> subscribers = new ArrayList<>();
    private final Mailboxes mailboxes;
    private final GroupRegistry groups;
    /** subscribed group channel ({@code asgi__group__g}) to its group name */
    private final Map<String, String> groupChannels = new ConcurrentHashMap<>();
    private final Set<String> subscribedChannels = ConcurrentHashMap.newKeySet();
    /**
     * Held while a membership change and the SUBSCRIBE or UNSUBSCRIBE it causes are issued, so that
     * the commands reach Redis in the order of the membership changes: a concurrent add of a first
     * member and discard of a last one can no longer leave the process unsubscribed from a group
     * that has members. Commands are only queued under it, never awaited.
     */
    private final Object membershipLock = new Object();
    private final AtomicBoolean resubscribeRetryPending = new AtomicBoolean();
    private final ExecutorService delivery;
    private final RateLimitedLog overflowLog = new RateLimitedLog();
    private final LongAdder bufferDrops = droppedCounter("buffer_full");

    RedisPubSubChannelLayer(RedisLayerOptions options) {
        this(options, randomProcessName());
    }

    private RedisPubSubChannelLayer(RedisLayerOptions options, String clientPrefix) {
        super("the Redis pub/sub channel layer", clientPrefix);
        this.options = Objects.requireNonNull(options, "options");
        if (!options.symmetricEncryptionKeys().isEmpty()) {
            throw new IllegalArgumentException("symmetricEncryptionKeys: the pub/sub layer does not encrypt (nor does"
                    + " channels_redis' pub/sub layer); remove the keys or use the 'redis' layer");
        }
        this.keys = new RedisKeys(options.prefix());
        this.mailboxes = new Mailboxes(CapacityPolicy.of(10 * options.capacity(), scaled(options.channelCapacity())),
                options.expiry(), options.clock(), channel -> { });
        this.groups = new GroupRegistry(options.groupExpiry(), options.clock());
        this.resources = new LayerResources("notify-redis-pubsub-" + clientPrefix.substring(0, 8));
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notify-redis-pubsub-delivery-" + clientPrefix.substring(0, 8));
            thread.setDaemon(true);
            return thread;
        });
        try {
            String consequence = "operations fail, and messages published meanwhile are lost to this process"
                    + " (the pub/sub layer is at most once), until it is back";
            this.shards = options.cluster() ? resources.connectCluster(options.uris(), consequence)
                    : resources.connect(options.uris(), consequence);
            for (RedisShard shard : shards.all()) {
                StatefulRedisPubSubConnection<byte[], byte[]> subscriber = shard.openPubSubConnection();
                subscriber.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(byte[] channel, byte[] payload) {
                        delivery.execute(() -> deliver(new String(channel, StandardCharsets.UTF_8), payload));
                    }

                    @Override
                    public void smessage(byte[] shardChannel, byte[] payload) {
                        message(shardChannel, payload);
                    }
                });
                subscribers.add(subscriber);
                if (shards.isCluster()) {
                    shard.onReconnect(this::resubscribe);
                }
            }
        } catch (RuntimeException e) {
            subscribers.forEach(StatefulRedisPubSubConnection::close);
            delivery.shutdownNow();
            resources.close();
            throw e;
        }
        long renewEvery = Math.max(1000, options.groupExpiry().toMillis() / 3);
        resources.scheduler().scheduleWithFixedDelay(this::renewMemberships, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    /**
     * Renews the memberships of the channels this process still subscribes to (those of live
     * consumers), as the queue layer renews its memberships in Redis, so that a consumer connected
     * for longer than the group expiry keeps its groups; the others expire.
     */
    private void renewMemberships() {
        synchronized (membershipLock) {
            for (String group : groups.groups()) {
                for (String member : groups.members(group)) {
                    if (subscribedChannels.contains(member)) {
                        groups.add(group, member);
                    }
                }
            }
        }
    }

    /**
     * Subscribes again, one channel at a time, to every channel and group of this process after a
     * change of a cluster's topology (a failover, a slot migration), so that each subscription is on
     * the current master of its slot: Lettuce routes each {@code SSUBSCRIBE} by slot, and Redis ignores
     * a subscription a connection already has.
     */
    private void resubscribe() {
        if (isClosed()) {
            return;
        }
        for (String channel : subscriptions()) {
            subscribe(channel).exceptionally(failure -> {
                // the cluster may still be settling: try again soon
                LOG.debug("could not subscribe again to {} after a change of the cluster: {}", channel, failure.toString());
                if (resubscribeRetryPending.compareAndSet(false, true)) {
                    resources.scheduler().schedule(() -> {
                        resubscribeRetryPending.set(false);
                        resubscribe();
                    }, 1, TimeUnit.SECONDS);
                }
                return null;
            });
        }
    }

    /** @return every channel and group channel this process subscribes to now */
    private List<String> subscriptions() {
        List<String> channels = new ArrayList<>(subscribedChannels);
        channels.addAll(groupChannels.keySet());
        return channels;
    }

    /**
     * A pub/sub layer with every default and one Redis server.
     *
     * @param uri a Lettuce Redis URI such as {@code redis://127.0.0.1:6379}
     * @return the connected layer
     * @throws ChannelLayerException naming the address and cause if Redis cannot be reached
     */
    public static RedisPubSubChannelLayer create(String uri) {
        return builder().uris(uri).build();
    }

    /**
     * @param options the options; encryption keys are refused
     * @return the connected layer
     * @throws IllegalArgumentException if encryption keys are set
     * @throws ChannelLayerException naming the address and cause if Redis cannot be reached
     */
    public static RedisPubSubChannelLayer create(RedisLayerOptions options) {
        return new RedisPubSubChannelLayer(options);
    }

    /** @return a builder whose {@code build()} connects a pub/sub layer */
    public static RedisLayerOptions.Builder<RedisPubSubChannelLayer> builder() {
        return new RedisLayerOptions.Builder<>(RedisPubSubChannelLayer::new);
    }

    /** @return this layer's options */
    public RedisLayerOptions options() {
        return options;
    }

    @Override
    protected CompletionStage<Void> doSend(String channel, Message message) {
        return publish(channel, MsgPack.encode(message.asMap()), "send to '" + channel + "'");
    }

    @Override
    protected CompletionStage<Message> doReceive(String channel) {
        requireLocal(channel);
        if (subscribedChannels.contains(channel)) {
            return leaveWhenCancelled(channel, mailboxes.take(channel));
        }
        // a normal channel: subscribe on first receive, as channels_redis does
        return subscribe(channel).thenCompose(ok -> {
            subscribedChannels.add(channel);
            return leaveWhenCancelled(channel, mailboxes.take(channel));
        });
    }

    /** A subscribed channel hands over what it has queued; otherwise the first receive subscribes. */
    @Override
    protected CompletionStage<List<Message>> doReceiveBatch(String channel, int max) {
        requireLocal(channel);
        if (subscribedChannels.contains(channel)) {
            return leaveWhenCancelled(channel, mailboxes.takeBatch(channel, max));
        }
        return super.doReceiveBatch(channel, max);
    }

    /**
     * A cancelled receive means the consumer is gone (the runtime cancels it on disconnect), so the
     * channel is unsubscribed, as channels_redis' pub/sub layer does; otherwise every connection a
     * process ever served would stay subscribed. A later receive subscribes again.
     */
    private <T> CompletableFuture<T> leaveWhenCancelled(String channel, CompletableFuture<T> taken) {
        if (!taken.isDone()) {
            taken.whenComplete((message, failure) -> {
                if (taken.isCancelled() && !isClosed() && subscribedChannels.remove(channel)) {
                    unsubscribe(channel).exceptionally(e -> {
                        LOG.debug("could not unsubscribe from {}: {}", channel, e.toString());
                        return null;
                    });
                }
            });
        }
        return taken;
    }

    @Override
    protected CompletionStage<String> doNewChannel(String prefix) {
        String channel = newChannelName(prefix);
        subscribedChannels.add(channel);
        return subscribe(channel).thenApply(ok -> channel);
    }

    @Override
    protected CompletionStage<Void> doGroupAdd(String group, String channel) {
        if (!isLocal(channel)) {
            throw new IllegalArgumentException("the pub/sub layer can only add channels made by this layer's newChannel()"
                    + " to a group, but '" + channel + "' is not one (channels_redis' pub/sub layer has the same rule)");
        }
        String groupChannel = keys.pubSubGroupChannel(group);
        synchronized (membershipLock) {
            groups.add(group, channel);
            if (groupChannels.putIfAbsent(groupChannel, group) != null) {
                return CompletableFuture.completedFuture(null);
            }
            return subscribe(groupChannel);
        }
    }

    @Override
    protected CompletionStage<Void> doGroupDiscard(String group, String channel) {
        String groupChannel = keys.pubSubGroupChannel(group);
        synchronized (membershipLock) {
            groups.discard(group, channel);
            if (groups.members(group).isEmpty() && groupChannels.remove(groupChannel) != null) {
                return unsubscribe(groupChannel);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletionStage<Void> doGroupSend(String group, Message message) {
        return publish(keys.pubSubGroupChannel(group), MsgPack.encode(message.asMap()), "groupSend to '" + group + "'");
    }

    @Override
    protected CompletionStage<Void> doFlush() {
        // first let every message already published reach the delivery thread (a PING on each
        // subscriber connection answers after them), then drop local groups and buffers there;
        // the channels of live consumers stay subscribed
        List<CompletableFuture<?>> barriers = new ArrayList<>();
        if (shards.isCluster()) {
            // a PING reaches one node only: subscribing again to each channel (which Redis ignores for
            // a channel the connection has) is answered by the node of its slot, after what it published before
            for (String channel : subscriptions()) {
                barriers.add(subscribe(channel).toCompletableFuture());
            }
        } else {
            for (StatefulRedisPubSubConnection<byte[], byte[]> subscriber : subscribers) {
                barriers.add(subscriber.async().ping().toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(barriers.toArray(new CompletableFuture<?>[0]))
                .thenRunAsync(() -> {
                    mailboxes.clear(null);
                    groups.clear();
                }, delivery)
                .thenCompose(ok -> {
                    List<CompletableFuture<Void>> unsubscribed = new ArrayList<>();
                    synchronized (membershipLock) {
                        for (String groupChannel : List.copyOf(groupChannels.keySet())) {
                            if (groups.members(groupChannels.get(groupChannel)).isEmpty()) {
                                groupChannels.remove(groupChannel);
                                unsubscribed.add(unsubscribe(groupChannel).toCompletableFuture());
                            }
                        }
                    }
                    return CompletableFuture.allOf(unsubscribed.toArray(new CompletableFuture<?>[0]));
                })
                .exceptionally(failure -> {
                    throw shards.get(0).failure("flush", failure);
                });
    }

    @Override
    protected CompletionStage<Void> doClose() {
        return CompletableFuture.runAsync(() -> {
            subscribers.forEach(StatefulRedisPubSubConnection::close);
            delivery.shutdownNow();
            mailboxes.clear(closedException());
            shards.close();
            resources.close();
        }, runnable -> new Thread(runnable, "notify-redis-pubsub-close").start());
    }

    /**
     * Down while a connection to any shard is down (its command connection, or its subscriber
     * connection, during which this process misses what is published), with the shard's address,
     * since when and why; read from the connections' state, never blocking.
     *
     * @return the current health
     */
    @Override
    public LayerHealth health() {
        return isClosed() ? super.health() : shards.health();
    }

    /** {@code notify.redis.reconnects} of each shard's command and subscriber connection. */
    @Override
    protected void describeBackendMeters(MeterSink sink) {
        shards.describeMeters(sink, RedisShard.Link.COMMANDS, RedisShard.Link.SUBSCRIBER);
    }

    @Override
    public String toString() {
        return "RedisPubSubChannelLayer" + options;
    }

    private void deliver(String channel, byte[] payload) {
        Message message;
        try {
            Object decoded = MsgPack.decode(payload);
            if (!(decoded instanceof Map)) {
                throw new IllegalArgumentException("not a msgpack map");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) decoded;
            message = Message.fromMap(map);
        } catch (RuntimeException e) {
            LOG.warn("skipped a message of {} bytes on {} that cannot be read: {}", payload.length, channel, e.getMessage());
            return;
        }
        String group = groupChannels.get(channel);
        if (group == null) {
            offer(channel, message);
        } else {
            groups.forEachMember(group, member -> offer(member, message));
        }
    }

    private void offer(String channel, Message message) {
        if (mailboxes.offerDroppingOldest(channel, message)) {
            bufferDrops.increment();
            overflowLog.log(note -> LOG.warn("the local buffer of channel '{}' is full; dropped its oldest message{}", channel, note));
        }
    }

    private CompletionStage<Void> publish(String channel, byte[] payload, String operation) {
        RedisShard shard = shards.of(channel);
        byte[] name = RedisKeys.bytes(channel);
        var published = shards.isCluster() ? shard.commands().spublish(name, payload) : shard.commands().publish(name, payload);
        return published.handle((receivers, failure) -> {
            if (failure != null) {
                throw shard.failure(operation, failure);
            }
            return null;
        });
    }

    private CompletionStage<Void> subscribe(String channel) {
        var commands = subscriberOf(channel).async();
        byte[] name = RedisKeys.bytes(channel);
        var subscribed = shards.isCluster() ? commands.ssubscribe(name) : commands.subscribe(name);
        return subscribed.handle((ok, failure) -> {
            if (failure != null) {
                throw shards.of(channel).failure("subscribing to '" + channel + "'", failure);
            }
            return null;
        });
    }

    private CompletionStage<Void> unsubscribe(String channel) {
        var commands = subscriberOf(channel).async();
        byte[] name = RedisKeys.bytes(channel);
        var unsubscribed = shards.isCluster() ? commands.sunsubscribe(name) : commands.unsubscribe(name);
        return unsubscribed.handle((ok, failure) -> {
            if (failure != null) {
                throw shards.of(channel).failure("unsubscribing from '" + channel + "'", failure);
            }
            return null;
        });
    }

    /** @return the subscriber connection of the shard that holds the channel (on a cluster, the one) */
    private StatefulRedisPubSubConnection<byte[], byte[]> subscriberOf(String channel) {
        return shards.isCluster() ? subscribers.get(0) : subscribers.get(shards.indexOf(channel));
    }

    private static Map<String, Integer> scaled(Map<String, Integer> channelCapacity) {
        Map<String, Integer> scaled = new java.util.LinkedHashMap<>();
        channelCapacity.forEach((pattern, capacity) -> scaled.put(pattern, 10 * capacity));
        return scaled;
    }
}
