package dev.notify.redis.internal;

import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.Stages;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis server (or Sentinel-managed master) of a layer: its client and its one shared command
 * connection. Commands fail fast while disconnected (Lettuce reconnects in the background with
 * backoff); an outage is logged once when it starts and once when it ends.
 */
public final class RedisShard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.notify.redis");
    /** How long one command may take before it fails. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final String address;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final Object outageLock = new Object();
    private long outageSince = -1;
    private volatile Runnable onReconnect = () -> { };
    private volatile boolean closing;

    private RedisShard(String address, RedisClient client, StatefulRedisConnection<byte[], byte[]> connection) {
        this.address = address;
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects the command connection now.
     *
     * @param uri a Lettuce URI ({@code redis://}, {@code rediss://} or {@code redis-sentinel://})
     * @param resources the layer's shared Lettuce resources
     * @return the connected shard
     * @throws ChannelLayerException naming the address and cause if the server cannot be reached
     */
    public static RedisShard connect(String uri, ClientResources resources) {
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
        try {
            StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            RedisShard shard = new RedisShard(address, client, connection);
            client.addListener(shard.new StateListener());
            return shard;
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new ChannelLayerException("cannot connect to Redis at " + address + ": " + rootMessage(e)
                    + " (is redis-server running there? set notify.redis.url)", e);
        }
    }

    /** @return the address for messages, without credentials */
    public String address() {
        return address;
    }

    /** @return the shared command connection's asynchronous commands */
    public RedisAsyncCommands<byte[], byte[]> commands() {
        return connection.async();
    }

    /** @param action what to do after the command connection came back from an outage */
    public void onReconnect(Runnable action) {
        this.onReconnect = action;
    }

    /** @return a new connection of this shard for blocking pops; the caller closes it */
    public StatefulRedisConnection<byte[], byte[]> openBlockingConnection() {
        return client.connect(ByteArrayCodec.INSTANCE);
    }

    /** @return a new pub/sub connection of this shard; the caller closes it */
    public StatefulRedisPubSubConnection<byte[], byte[]> openPubSubConnection() {
        return client.connectPubSub(ByteArrayCodec.INSTANCE);
    }

    /**
     * Records a failure; logs it only if it starts an outage.
     *
     * @param cause what failed
     */
    public void outageStarted(Throwable cause) {
        synchronized (outageLock) {
            if (outageSince >= 0) {
                return;
            }
            outageSince = System.nanoTime();
        }
        LOG.warn("lost Redis at {}: {}; reconnecting with backoff, operations fail until it is back",
                address, rootMessage(cause));
    }

    /** Records that the shard works again; logs the end of an outage once. */
    public void outageEnded() {
        long since;
        synchronized (outageLock) {
            since = outageSince;
            outageSince = -1;
        }
        if (since >= 0) {
            LOG.info("Redis at {} is back after {} ms", address, (System.nanoTime() - since) / 1_000_000);
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
        if (!connection.isOpen() && !closing) {
            outageStarted(cause);
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
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** Logs outages of the command connection and triggers the reconnect action. */
    private final class StateListener implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            if (handler == connection && !closing) {
                outageStarted(new ChannelLayerException("connection closed"));
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress socketAddress) {
            if (handler == connection) {
                outageEnded();
                onReconnect.run();
            }
        }
    }
}
