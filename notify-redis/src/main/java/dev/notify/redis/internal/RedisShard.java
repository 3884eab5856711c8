package dev.notify.redis.internal;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.LayerHealth;
import dev.notify.layer.Stages;
import dev.notify.metrics.MeterSink;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * One Redis server (or Sentinel-managed master, or whole Redis Cluster) of a layer: its client and
 * its one shared command connection. On a cluster, Lettuce routes each keyed command to the master
 * of its key's slot, follows {@code MOVED} and {@code ASK} redirections, and refreshes the topology
 * periodically and when a redirection or persistent reconnects hint at a change; every topology
 * change, and every connection to a node that comes back, runs the reconnect action, so that the
 * layer re-asserts what a failover or a restart may have lost. Commands fail fast while
 * disconnected (Lettuce reconnects in the background with backoff, and restores the subscriptions of
 * a pub/sub connection); on a cluster they wait for their node's connection, up to their timeout.
 *
 * <p>It follows each connection of the layer on this server ({@link Link}): an outage is logged once
 * when the first of them is lost and once when the last is back, whatever the number of reconnect
 * attempts between; {@link #health()} is down meanwhile, with since when and why; every connection
 * that comes back is counted ({@code notify.redis.reconnects}).
 */
public final class RedisShard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.notify.redis");
    /** How long one command may take before it fails. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    /** A connection of the layer on this server, as the {@code connection} tag names it. */
    public enum Link {
        /** The shared command connection. */
        COMMANDS("commands"),
        /** The queue layer's reader connection. */
        READER("reader"),
        /** The pub/sub layer's subscriber connection. */
        SUBSCRIBER("subscriber");

        private final String tag;

        Link(String tag) {
            this.tag = tag;
        }

        @Override
        public String toString() {
            return tag;
        }
    }

    /** A connection that is down: since when, and why. */
    private record Outage(Instant since, String why) {
    }

    /** How often a cluster's topology is refreshed when nothing hints at a change. */
    static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(10);

    /**
     * A connection for blocking pops, and its commands.
     *
     * @param connection the connection, which the caller closes
     * @param commands its synchronous commands (routed by key on a cluster)
     */
    public record BlockingConnection(StatefulConnection<byte[], byte[]> connection,
            RedisClusterCommands<byte[], byte[]> commands) {
    }

    private final String address;
    private final AbstractRedisClient client;
    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisClusterAsyncCommands<byte[], byte[]> commands;
    private final boolean cluster;
    private final String consequence;
    private volatile Disposable topologyEvents;
    /** connections Lettuce reconnects by itself, whose state events this shard follows */
    private final Map<Object, Link> followed = new ConcurrentHashMap<>();
    /** on a cluster, the connections to single nodes that are down (weakly: Lettuce drops those of removed nodes) */
    private final Set<Object> lostNodeConnections = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final Map<Link, Outage> outages = new EnumMap<>(Link.class); // guarded by itself
    private long outageStart; // System.nanoTime() when the first connection was lost; guarded by outages
    private final Map<Link, LongAdder> reconnects = new EnumMap<>(Link.class);
    private volatile Runnable onReconnect = () -> { };
    private volatile boolean closing;

    private RedisShard(String address, AbstractRedisClient client, StatefulConnection<byte[], byte[]> connection,
            RedisClusterAsyncCommands<byte[], byte[]> commands, String consequence) {
        this.address = address;
        this.client = client;
        this.connection = connection;
        this.commands = commands;
        this.cluster = client instanceof RedisClusterClient;
        this.consequence = consequence;
        for (Link link : Link.values()) {
            reconnects.put(link, new LongAdder());
        }
        followed.put(connection, Link.COMMANDS);
    }

    /**
     * Connects the command connection now.
     *
     * @param uri a Lettuce URI ({@code redis://}, {@code rediss://} or {@code redis-sentinel://})
     * @param resources the layer's shared Lettuce resources
     * @param consequence what an outage means for the layer, for its log line, such as
     *     {@code "operations fail until it is back"}
     * @return the connected shard
     * @throws ChannelLayerException naming the address and cause if the server cannot be reached
     * @throws InvalidConfigurationException if the server is a node of a Redis Cluster
     */
    public static RedisShard connect(String uri, ClientResources resources, String consequence) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(COMMAND_TIMEOUT);
        String address = describe(redisUri);
        RedisClient client = RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // fail fast during an outage instead of queueing until the server comes back
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .replayFilter(command -> true)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        StatefulRedisConnection<byte[], byte[]> connection;
        try {
            connection = client.connect(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new ChannelLayerException("cannot connect to Redis at " + address + ": " + rootMessage(e)
                    + " (is redis-server running there? set notify.redis.url)", e);
        }
        if (isClusterNode(connection)) {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            // its keys would live on other nodes (MOVED), and a failover would not be followed
            throw new InvalidConfigurationException("notify.redis.url=" + uri.replaceAll("//[^@/]*@", "//***@")
                    + " names a node of a Redis Cluster: set notify.redis.cluster=true (NOTIFY_REDIS_CLUSTER=true)"
                    + " and list its nodes as seeds");
        }
        RedisShard shard = new RedisShard(address, client, connection, connection.async(), consequence);
        client.addListener(shard.new StateListener());
        return shard;
    }

    private static boolean isClusterNode(StatefulRedisConnection<byte[], byte[]> connection) {
        try {
            return connection.sync().info("cluster").contains("cluster_enabled:1");
        } catch (RuntimeException e) {
            return false; // INFO may be refused (ACL): then the server is taken for what the URL says
        }
    }

    /**
     * Connects to a Redis Cluster through its seed nodes now, and loads its topology.
     *
     * @param uris the seed nodes ({@code redis://} or {@code rediss://})
     * @param resources the layer's shared Lettuce resources
     * @param consequence what an outage means for the layer, for its log line
     * @return the connected cluster, as one shard
     * @throws ChannelLayerException naming the seeds and cause if no seed can be reached
     */
    public static RedisShard connectCluster(List<String> uris, ClientResources resources, String consequence) {
        List<RedisURI> seeds = uris.stream().map(RedisURI::create).toList();
        seeds.forEach(seed -> seed.setTimeout(COMMAND_TIMEOUT));
        String address = "cluster via " + seeds.stream().map(seed -> seed.getHost() + ":" + seed.getPort())
                .collect(Collectors.joining(","));
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                // node connections open on first use, and a command waits for its node's connection
                // (until the command timeout, or until a topology refresh drops a failed node)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                // as Lettuce's cluster documentation recommends: periodic and adaptive refresh, so that
                // a failover or a slot migration is followed within seconds
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                        .refreshTriggersReconnectAttempts(2)
                        .build())
                .build());
        try {
            StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            RedisShard shard = new RedisShard(address, client, connection, connection.async(), consequence);
            shard.topologyEvents = resources.eventBus().get()
                    .filter(ClusterTopologyChangedEvent.class::isInstance)
                    .subscribe(event -> shard.topologyChanged());
            client.addListener(shard.new StateListener());
            return shard;
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new ChannelLayerException("cannot connect to the Redis Cluster " + address.substring("cluster ".length())
                    + ": " + rootMessage(e) + " (are its nodes running there? set notify.redis.url)", e);
        }
    }

    private void topologyChanged() {
        if (!closing) {
            // counted as a reconnect: the layer's commands now go to other nodes (after a failover,
            // a slot migration), and what was in flight on the old ones may be lost
            reconnects.get(Link.COMMANDS).increment();
            LOG.info("the topology of the Redis {} changed (failover or slot migration); re-asserting this layer's"
                    + " memberships and subscriptions; until then {}", address, consequence);
            onReconnect.run();
        }
    }

    /** A connection to a node of a cluster came back: the node may have restarted empty. */
    private void nodeBack(SocketAddress node) {
        if (!closing) {
            reconnects.get(Link.COMMANDS).increment();
            LOG.info("a connection to the Redis {} node {} is back; re-asserting this layer's memberships and"
                    + " subscriptions", address, node);
            onReconnect.run();
        }
    }

    /** @return whether this is a whole Redis Cluster, whose commands Lettuce routes by key */
    public boolean isCluster() {
        return cluster;
    }

    /** @return the address for messages, without credentials */
    public String address() {
        return address;
    }

    /** @return the shared command connection's asynchronous commands, routed by key on a cluster */
    public RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return commands;
    }

    /**
     * @param action what to do after the command connection came back from an outage, or the
     *     topology of a cluster changed
     */
    public void onReconnect(Runnable action) {
        this.onReconnect = action;
    }

    /**
     * @return a new connection of this shard for blocking pops (on a cluster, one that routes each
     *     pop to the master of its keys' slot); the caller closes it
     */
    public BlockingConnection openBlockingConnection() {
        if (client instanceof RedisClusterClient clusterClient) {
            StatefulRedisClusterConnection<byte[], byte[]> blocking = clusterClient.connect(ByteArrayCodec.INSTANCE);
            return new BlockingConnection(blocking, blocking.sync());
        }
        StatefulRedisConnection<byte[], byte[]> blocking = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
        return new BlockingConnection(blocking, blocking.sync());
    }

    /**
     * Unblocks a blocking pop of a connection of this shard. On a cluster it does nothing: the pop
     * ends at its timeout.
     *
     * @param clientId the {@code CLIENT ID} of the blocked connection
     */
    public void unblock(long clientId) {
        if (!cluster) {
            commands.clientUnblock(clientId, UnblockType.TIMEOUT);
        }
    }

    /**
     * @param blocking a connection of {@link #openBlockingConnection()}
     * @return its {@code CLIENT ID} for {@link #unblock}, or -1 on a cluster
     */
    public long clientId(BlockingConnection blocking) {
        return cluster ? -1 : blocking.commands().clientId();
    }

    /**
     * Deletes every key matching a pattern: by script on a server, on every master of a cluster.
     *
     * @param pattern a {@code KEYS} pattern
     * @return how many keys were deleted
     */
    public CompletionStage<Long> deleteMatching(byte[] pattern) {
        if (!cluster) {
            return Scripts.FLUSH.run(commands, Scripts.noKeys(), pattern);
        }
        // Lettuce runs KEYS on every master and splits DEL by slot
        return commands.keys(new String(pattern, StandardCharsets.UTF_8)).thenCompose(found -> found.isEmpty()
                ? CompletableFuture.completedFuture(0L) : commands.del(found.toArray(new byte[0][])));
    }

    /**
     * @return a new pub/sub connection of this shard, followed as its {@link Link#SUBSCRIBER}
     *     (Lettuce subscribes it again after a reconnect; on a cluster, sharded subscriptions are
     *     routed to the master of their channel's slot); the caller closes it
     */
    public StatefulRedisPubSubConnection<byte[], byte[]> openPubSubConnection() {
        StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
        if (client instanceof RedisClusterClient clusterClient) {
            var clusterSubscriber = clusterClient.connectPubSub(ByteArrayCodec.INSTANCE);
            // messages of the node connections that carry the sharded subscriptions reach the listeners
            clusterSubscriber.setNodeMessagePropagation(true);
            subscriber = clusterSubscriber;
        } else {
            subscriber = ((RedisClient) client).connectPubSub(ByteArrayCodec.INSTANCE);
        }
        followed.put(subscriber, Link.SUBSCRIBER);
        return subscriber;
    }

    /**
     * Records that a connection failed; logs it only if it starts an outage of this server.
     *
     * @param link the connection
     * @param cause what failed
     */
    public void connectionLost(Link link, Throwable cause) {
        if (closing) {
            return;
        }
        boolean first;
        synchronized (outages) {
            if (outages.containsKey(link)) {
                return;
            }
            first = outages.isEmpty();
            if (first) {
                outageStart = System.nanoTime();
            }
            outages.put(link, new Outage(Instant.now().truncatedTo(ChronoUnit.SECONDS), rootMessage(cause)));
        }
        if (first) {
            LOG.warn("lost Redis at {} ({} connection): {}; reconnecting with backoff; {}", address, link, rootMessage(cause),
                    consequence);
        }
    }

    /**
     * Records that a connection works again; counts it if it was lost, and logs the end of the
     * outage once every connection is back.
     *
     * @param link the connection
     */
    public void connectionBack(Link link) {
        Outage ended;
        boolean last;
        long start;
        synchronized (outages) {
            ended = outages.remove(link);
            last = outages.isEmpty();
            start = outageStart;
        }
        if (ended == null) {
            return;
        }
        reconnects.get(link).increment();
        if (last) {
            LOG.info("Redis at {} is back after {} ms ({} connection was the last to reconnect)", address,
                    (System.nanoTime() - start) / 1_000_000, link);
        }
    }

    /**
     * @return up while every connection to this server works (and, on a cluster, no master that serves
     *     slots is failing in the topology Lettuce last read), else down with since when and why
     */
    public LayerHealth health() {
        synchronized (outages) {
            if (outages.isEmpty()) {
                return connection instanceof StatefulRedisClusterConnection<byte[], byte[]> clusterConnection
                        ? clusterHealth(clusterConnection) : LayerHealth.up(address + " connected");
            }
            Outage first = outages.values().stream().min((a, b) -> a.since().compareTo(b.since())).orElseThrow();
            return LayerHealth.down(address + " unreachable since " + first.since() + " (" + outages.keySet()
                    + " connection): " + first.why());
        }
    }

    private LayerHealth clusterHealth(StatefulRedisClusterConnection<byte[], byte[]> clusterConnection) {
        for (RedisClusterNode node : clusterConnection.getPartitions()) {
            if (!node.getSlots().isEmpty() && (node.is(RedisClusterNode.NodeFlag.FAIL)
                    || node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL))) {
                return LayerHealth.down(address + ": the master " + node.getUri().getHost() + ":" + node.getUri().getPort()
                        + " of " + node.getSlots().size() + " slots is failing; operations on them fail until a"
                        + " replica takes over");
            }
        }
        return LayerHealth.up(address + " connected");
    }

    /**
     * Describes {@code notify.redis.reconnects} for some connections of this server.
     *
     * @param sink where the meters go
     * @param links the connections the layer has
     */
    public void describeMeters(MeterSink sink, Link... links) {
        for (Link link : links) {
            sink.counter("notify.redis.reconnects", "connections to a Redis server that came back after an outage",
                    reconnects.get(link)::sum, "shard", address, "connection", link.toString());
        }
    }

    /**
     * Turns a Lettuce failure into the layer's exception.
     *
     * @param operation what was attempted, such as {@code send to 'x'}
     * @param failure the failure
     * @return the exception to fail the operation with
     */
    public RuntimeException failure(String operation, Throwable failure) {
        Throwable cause = Stages.unwrap(failure);
        if (cause instanceof ChannelLayerException || cause instanceof IllegalArgumentException) {
            return (RuntimeException) cause;
        }
        if (!connection.isOpen()) {
            connectionLost(Link.COMMANDS, cause);
        }
        return new ChannelLayerException(operation + " failed on Redis at " + address + ": " + rootMessage(cause), cause);
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = Stages.unwrap(failure);
        StringBuilder text = new StringBuilder(String.valueOf(cause.getMessage()));
        Throwable root = cause.getCause();
        while (root != null && root != cause) {
            text.append(": ").append(root.getMessage());
            cause = root;
            root = root.getCause();
        }
        return text.toString();
    }

    private static String describe(RedisURI uri) {
        if (uri.getSentinels() != null && !uri.getSentinels().isEmpty()) {
            return "sentinel master '" + uri.getSentinelMasterId() + "' via " + uri.getSentinels().stream()
                    .map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","));
        }
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() {
        closing = true;
        Disposable events = topologyEvents;
        if (events != null) {
            events.dispose();
        }
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** Follows the connections Lettuce reconnects, and triggers the reconnect action of the command connection. */
    private final class StateListener implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            Link link = followed.get(handler);
            if (link != null) {
                connectionLost(link, new ChannelLayerException("connection closed"));
            } else if (cluster && !closing) {
                lostNodeConnections.add(handler);
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress socketAddress) {
            Link link = followed.get(handler);
            if (link != null) {
                connectionBack(link);
                if (link == Link.COMMANDS) {
                    onReconnect.run();
                }
            } else if (cluster && lostNodeConnections.remove(handler)) {
                nodeBack(socketAddress);
            }
        }
    }
}
