package dev.notify.redis;

import dev.notify.tck.Await;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A Sentinel-managed Redis for tests: a master, one replica and three sentinels (quorum 2), each a
 * {@code redis-server} process of its own on a free port of 127.0.0.1. {@link #killMaster()}
 * crashes the master as a power cut would; {@link #awaitFailover()} waits until every sentinel
 * names the promoted replica as the master. Shipped in notify-redis's test-jar.
 */
public final class RedisSentinels implements AutoCloseable {
    /** The name the sentinels know the master by. */
    public static final String MASTER_NAME = "mymaster";

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    /** Fast failure detection, so that a test does not wait Sentinel's default 30 s. */
    private static final String SENTINEL_CONFIG = "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
            + "sentinel failover-timeout " + MASTER_NAME + " 10000\n";

    private final RedisServer master;
    private final RedisServer replica;
    private final List<RedisServer> sentinels;
    private final RedisClient client = RedisClient.create();

    private RedisSentinels(RedisServer master, RedisServer replica, List<RedisServer> sentinels) {
        this.master = master;
        this.replica = replica;
        this.sentinels = List.copyOf(sentinels);
    }

    /**
     * Starts the master and its replica, waits until the replica is in sync, then starts the
     * sentinels and waits until each knows the replica and the other two sentinels.
     *
     * @return the running deployment
     */
    public static RedisSentinels start() {
        List<RedisServer> started = new ArrayList<>();
        try {
            RedisServer master = track(started, RedisServer.spawn());
            RedisServer replica = track(started, RedisServer.spawnReplica(master));
            List<RedisServer> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sentinels.add(track(started, RedisServer.spawnSentinel(master, 2, SENTINEL_CONFIG)));
            }
            RedisSentinels deployment = new RedisSentinels(master, replica, sentinels);
            try {
                deployment.awaitReady();
            } catch (RuntimeException e) {
                deployment.client.shutdown();
                throw e;
            }
            return deployment;
        } catch (RuntimeException e) {
            started.forEach(RedisServer::close);
            throw e;
        }
    }

    private static RedisServer track(List<RedisServer> started, RedisServer server) {
        started.add(server);
        return server;
    }

    private void awaitReady() {
        try (StatefulRedisConnection<String, String> toReplica = client.connect(RedisURI.create(replica.uri()))) {
            await("the replica is in sync with the master",
                    () -> toReplica.sync().info("replication").contains("master_link_status:up"));
        }
        for (RedisServer sentinel : sentinels) {
            try (StatefulRedisSentinelConnection<String, String> connection = connectSentinel(sentinel)) {
                await("sentinel " + sentinel.port() + " knows the replica and the other sentinels", () -> {
                    Map<String, String> state = connection.sync().master(MASTER_NAME);
                    return "1".equals(state.get("num-slaves")) && "2".equals(state.get("num-other-sentinels"));
                });
            }
        }
    }

    /** @return a Lettuce URI that lists all three sentinels */
    public String uri() {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","))
                + "/0#" + MASTER_NAME;
    }

    /** @return a Lettuce URI that names the first sentinel only */
    public String uriOfOneSentinel() {
        return "redis-sentinel://127.0.0.1:" + sentinels.get(0).port() + "/0#" + MASTER_NAME;
    }

    /** @return the master at start, which {@link #killMaster()} kills */
    public RedisServer master() {
        return master;
    }

    /** @return the replica that a failover promotes */
    public RedisServer replica() {
        return replica;
    }

    /** Kills the master at once (SIGKILL) and waits for it to be gone. */
    public void killMaster() {
        master.kill();
    }

    /** Waits until every sentinel names the replica as the master. */
    public void awaitFailover() {
        for (RedisServer sentinel : sentinels) {
            try (StatefulRedisSentinelConnection<String, String> connection = connectSentinel(sentinel)) {
                await("sentinel " + sentinel.port() + " names the replica on port " + replica.port() + " as the master",
                        () -> isPort(connection.sync().getMasterAddrByName(MASTER_NAME), replica.port()));
            }
        }
    }

    private static boolean isPort(SocketAddress address, int port) {
        return address instanceof InetSocketAddress inet && inet.getPort() == port;
    }

    private StatefulRedisSentinelConnection<String, String> connectSentinel(RedisServer sentinel) {
        return client.connectSentinel(RedisURI.create(sentinel.uri()));
    }

    /** Polls the state of separate processes, which announce it to no plain client. */
    private static void await(String condition, BooleanSupplier check) {
        Await.awaitCondition(condition, SETTLE_TIMEOUT, check::getAsBoolean);
    }

    @Override
    public void close() {
        client.shutdown();
        sentinels.forEach(RedisServer::close);
        replica.close();
        master.close();
    }
}
