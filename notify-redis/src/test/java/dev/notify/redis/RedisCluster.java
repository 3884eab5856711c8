package dev.notify.redis;

import dev.notify.tck.Await;
import io.lettuce.core.MigrateArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Redis Cluster for tests: 3 masters and 3 replicas, each a {@code redis-server --cluster-enabled yes}
 * process of its own on a free port of 127.0.0.1 (no persistence), joined with
 * {@code redis-cli --cluster create}. It can kill a node, fail a master over to its replica, and
 * migrate a slot, each time waiting until every live node agrees on the result. Start one per test
 * class: it takes a few seconds. Shipped in notify-redis's test-jar.
 */
public final class RedisCluster implements AutoCloseable {
    /** How long a node may be unreachable before the cluster fails it over. */
    static final Duration NODE_TIMEOUT = Duration.ofMillis(1000);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts 6 nodes, joins them into a cluster with one replica per master, and waits until it is up.
     *
     * @return the running cluster
     * @throws IllegalStateException if redis-server or redis-cli are missing or the cluster does not form
     */
    public static RedisCluster start() {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                nodes.add(RedisServer.spawnClusterNode());
            }
            List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
            command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(create.getInputStream().readAllBytes());
            if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + output);
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.awaitSettled();
            return cluster;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw new IllegalStateException("cannot start a Redis Cluster: " + e.getMessage()
                    + ". Install Redis 7 (Debian: apt-get install -y redis-server redis-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            nodes.forEach(RedisServer::close);
            throw new IllegalStateException("interrupted while starting a Redis Cluster", e);
        }
    }

    /** @return the seed URIs of every node, comma-separated, as {@code notify.redis.url} takes them */
    public String url() {
        return uris().stream().collect(Collectors.joining(","));
    }

    /** @return the URI of every node */
    public List<String> uris() {
        return nodes.stream().map(RedisServer::uri).toList();
    }

    /**
     * @param name a channel's non-local part or a group name, as the layers put it inside a hash tag
     * @return the port of the master that serves its slot now
     */
    public int masterOf(String name) {
        int slot = SlotHash.getSlot(name);
        for (Node node : topology().values()) {
            if (node.master() && node.slots().stream().anyMatch(range -> range[0] <= slot && slot <= range[1])) {
                return node.port();
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** @return the ports of the masters that serve slots now */
    public List<Integer> masterPorts() {
        return topology().values().stream().filter(n -> n.master() && !n.slots().isEmpty()).map(Node::port).toList();
    }

    /**
     * @param port a master's port
     * @return whether a live replica follows it, so that it can fail over
     */
    public boolean hasReplica(int port) {
        Map<Integer, Node> topology = topology();
        String id = topology.get(port).id();
        return topology.values().stream().anyMatch(n -> id.equals(n.masterId()));
    }

    /**
     * Runs commands on one node alone, on a connection of their own.
     *
     * @param port the node's port
     * @param action what to do with its commands
     * @param <T> the result type
     * @return the action's result
     */
    public static <T> T onNode(int port, Function<RedisCommands<String, String>, T> action) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return action.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /**
     * @param masterPort a master's port
     * @return the port of its live replica
     */
    public int replicaOf(int masterPort) {
        Map<Integer, Node> topology = topology();
        String id = topology.get(masterPort).id();
        return topology.values().stream().filter(n -> id.equals(n.masterId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("master " + masterPort + " has no replica")).port();
    }

    /**
     * Kills a node at once, as a crash would, without waiting for the cluster to react.
     *
     * @param port the node's port
     */
    public void kill(int port) {
        node(port).kill();
    }

    /**
     * Starts a killed node again on its port; it rejoins with its cluster configuration file.
     * Waits until the cluster has settled.
     *
     * @param port the node's port
     * @throws IOException if it does not start
     */
    public void restart(int port) throws IOException {
        node(port).start();
        awaitSettled();
    }

    /**
     * Kills a master at once, as a crash would, and waits until its replica has taken over and every
     * live node sees the cluster as ok.
     *
     * @param port the master's port
     */
    public void killMaster(int port) {
        node(port).kill();
        awaitSettled();
    }

    /**
     * Fails a master over to its replica with {@code CLUSTER FAILOVER} (no loss), and waits until it is done.
     *
     * @param port the master's port
     */
    public void failover(int port) {
        String masterId = topology().values().stream().filter(n -> n.port() == port).findFirst().orElseThrow().id();
        Node replica = topology().values().stream().filter(n -> masterId.equals(n.masterId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("master " + port + " has no replica"));
        run(replica.port(), commands -> commands.clusterFailover(false));
        Await.awaitCondition(() -> "port " + replica.port() + " to be a master", SETTLE_TIMEOUT,
                () -> topology().values().stream().anyMatch(n -> n.port() == replica.port() && n.master()));
        awaitSettled();
    }

    /**
     * Moves the slot of a name to another master, as {@code redis-cli --cluster reshard} does:
     * {@code SETSLOT IMPORTING}/{@code MIGRATING}, {@code MIGRATE} of its keys, {@code SETSLOT NODE}.
     *
     * @param name a channel's non-local part or a group name
     * @return the port of the master that serves it now
     */
    public int migrate(String name) {
        int slot = SlotHash.getSlot(name);
        int fromPort = masterOf(name);
        Map<Integer, Node> topology = topology();
        Node from = topology.get(fromPort);
        Node to = topology.values().stream().filter(n -> n.master() && n.port() != fromPort).findFirst().orElseThrow();
        run(to.port(), commands -> commands.clusterSetSlotImporting(slot, from.id()));
        run(fromPort, commands -> commands.clusterSetSlotMigrating(slot, to.id()));
        run(fromPort, commands -> {
            List<byte[]> keys;
            while (!(keys = commands.clusterGetKeysInSlot(slot, 100)).isEmpty()) {
                commands.migrate("127.0.0.1", to.port(), 0, 5000, MigrateArgs.Builder.keys(keys));
            }
            return null;
        });
        for (Node master : topology.values()) {
            if (master.master()) {
                run(master.port(), commands -> commands.clusterSetSlotNode(slot, to.id()));
            }
        }
        awaitSettled();
        return to.port();
    }

    /**
     * Waits until every live node reports {@code cluster_state:ok} and they all see the same live
     * nodes, the same masters of every slot and the same replicas. (A client that reads the topology
     * before the nodes agree on the replicas may not notice a later failover.)
     */
    public void awaitSettled() {
        Await.awaitCondition(() -> "the Redis Cluster to settle: " + describe(), SETTLE_TIMEOUT, () -> {
            List<RedisServer> live = liveNodes();
            String agreed = null;
            for (RedisServer node : live) {
                String info = run(node.port(), RedisCommands::clusterInfo);
                if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:16384")) {
                    return false;
                }
                Map<Integer, Node> topology = topology(node.port());
                if (topology.size() != live.size()) {
                    return false;
                }
                String view = topology.values().stream()
                        .map(n -> n.port() + (n.master() ? "=" + n.slots().stream().map(r -> r[0] + "-" + r[1]).toList()
                                : "->" + n.masterId()))
                        .sorted().collect(Collectors.joining(";"));
                if (agreed != null && !agreed.equals(view)) {
                    return false;
                }
                agreed = view;
            }
            return true;
        });
    }

    private String describe() {
        try {
            return liveNodes().isEmpty() ? "no node runs" : run(liveNodes().get(0).port(), RedisCommands::clusterNodes);
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private List<RedisServer> liveNodes() {
        List<RedisServer> live = new ArrayList<>();
        for (RedisServer node : nodes) {
            if (node.isAlive()) {
                live.add(node);
            }
        }
        return live;
    }

    private RedisServer node(int port) {
        return nodes.stream().filter(n -> n.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node on port " + port));
    }

    /** A node as a live node sees it, without failed ones. */
    private record Node(String id, int port, boolean master, String masterId, List<int[]> slots) {
    }

    private Map<Integer, Node> topology() {
        return topology(liveNodes().get(0).port());
    }

    private Map<Integer, Node> topology(int askedPort) {
        Map<Integer, Node> nodesByPort = new LinkedHashMap<>();
        for (String line : run(askedPort, RedisCommands::clusterNodes).split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 8 || fields[2].contains("fail")) {
                continue;
            }
            String address = fields[1].substring(0, fields[1].indexOf('@'));
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // a slot being imported or migrated
                }
                String[] range = fields[i].split("-");
                slots.add(new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])});
            }
            nodesByPort.put(port, new Node(fields[0], port, fields[2].contains("master"), fields[3], slots));
        }
        return nodesByPort;
    }

    private static <T> T run(int port, Function<RedisCommands<byte[], byte[]>, T> action) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            return action.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
