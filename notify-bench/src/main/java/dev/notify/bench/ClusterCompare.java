package dev.notify.bench;

import dev.notify.bench.client.Connections;
import dev.notify.bench.client.FanOutResult;
import dev.notify.bench.client.LoadClient;
import dev.notify.bench.process.NatsServer;
import dev.notify.bench.process.RedisServer;
import dev.notify.bench.process.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The fan-out on a clustered broker, 1 node against 3: {@code nodes} notify servers ({@link NotifyBenchServer},
 * each in its own JVM), the connections spread evenly over the nodes, and one burst triggered on the
 * first node. With {@code --layer nats} (the default) each node has its own {@code nats-server}, the
 * servers joined by routes; with {@code --layer redis} or {@code redis-pubsub} every node uses one Redis
 * Cluster of 3 masters ({@code notify.redis.cluster=true}). It prints deliveries/s and the CPU per
 * delivery summed over the node JVMs, and that of the broker's processes.
 *
 * <pre>{@code
 * java -cp notify-bench/target/notify-bench.jar dev.notify.bench.ClusterCompare [--layer nats|redis|redis-pubsub]
 *     [--size 3000] [--messages 100] [--payload 100] [--reps 3] [--work notify-bench/target/bench]
 * }</pre>
 */
public final class ClusterCompare {
    private static final String PATH = "/ws/test/";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final int CONNECT_RATE = 20_000;
    private static final int SETTLE_ATTEMPTS = 20;
    private static final int REDIS_MASTERS = 3;

    private ClusterCompare() {
    }

    /**
     * @param args the options above
     * @throws Exception if a run cannot start
     */
    public static void main(String[] args) throws Exception {
        int size = 3000;
        int messages = 100;
        int payload = 100;
        int reps = 3;
        String layer = "nats";
        Path work = Path.of("notify-bench", "target", "bench");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--payload" -> payload = Integer.parseInt(args[i + 1]);
                case "--reps" -> reps = Integer.parseInt(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                case "--layer" -> layer = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --layer, --size, --messages, --payload, --reps, --work");
            }
        }
        if (!List.of("nats", "redis", "redis-pubsub").contains(layer)) {
            throw new IllegalArgumentException("--layer " + layer + ": use nats, redis or redis-pubsub");
        }
        try (LoadClient client = new LoadClient(1)) {
            for (int rep = 1; rep <= reps; rep++) {
                for (int nodes : List.of(1, 3)) {
                    run(client, layer, nodes, size, messages, payload, work.resolve("cluster-" + layer + "-" + nodes + "-" + rep));
                }
            }
        }
    }

    /**
     * The broker's processes for one run.
     *
     * @param layerArguments the {@link NotifyBenchServer} options of each node, by node index
     * @param cpuNanos the CPU time of all of the broker's processes so far
     * @param close stops them
     */
    private record Broker(List<List<String>> layerArguments, LongSupplier cpuNanos, Runnable close) {
    }

    private static Broker startBroker(String layer, int nodes, Path logs) throws IOException {
        if (layer.equals("nats")) {
            List<NatsServer> nats = NatsServer.cluster(nodes, logs, Duration.ofSeconds(10));
            return new Broker(nats.stream().map(server -> List.of("--layer", "nats", "--nats-url", server.url())).toList(),
                    () -> nats.stream().mapToLong(NatsServer::cpuNanos).sum(), () -> nats.forEach(NatsServer::close));
        }
        List<RedisServer> redis = RedisServer.cluster(REDIS_MASTERS, logs, Duration.ofSeconds(30));
        String seeds = redis.stream().map(RedisServer::url).collect(Collectors.joining(","));
        List<List<String>> arguments = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            arguments.add(List.of("--layer", layer, "--redis-url", seeds, "--redis-cluster", "true"));
        }
        return new Broker(arguments, () -> redis.stream().mapToLong(RedisServer::cpuNanos).sum(),
                () -> redis.forEach(RedisServer::close));
    }

    private static void run(LoadClient client, String layer, int nodes, int size, int messages, int payload, Path logs)
            throws Exception {
        Broker broker = startBroker(layer, nodes, logs);
        List<ServerProcess> servers = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                List<String> arguments = new ArrayList<>(broker.layerArguments().get(i));
                arguments.addAll(List.of("--payload", Integer.toString(payload)));
                servers.add(ServerProcess.start(NotifyBenchServer.class.getName(), arguments, Map.of(), List.of(),
                        logs.resolve("node-" + i + ".log"), STEP_TIMEOUT));
            }
            int trigger = servers.get(0).port();
            try (Connections warmUp = connect(client, servers, 200)) {
                settle(client, warmUp, trigger);
                for (int i = 0; i < 2; i++) {
                    client.fanOut(warmUp, trigger, new SendPlan(messages, 0), STEP_TIMEOUT, () -> -1);
                }
            }
            try (Connections connections = connect(client, servers, size)) {
                settle(client, connections, trigger);
                long brokerBefore = broker.cpuNanos().getAsLong();
                FanOutResult result = client.fanOut(connections, trigger, new SendPlan(messages, 0), STEP_TIMEOUT,
                        () -> servers.stream().mapToLong(ServerProcess::cpuNanos).sum());
                double brokerMicros = (broker.cpuNanos().getAsLong() - brokerBefore) / 1000.0 / Math.max(1, result.delivered());
                System.out.printf(Locale.ROOT, "%s %d node(s) N=%d K=%d: %,10.0f deliveries/s, nodes %5.2f µs/delivery,"
                                + " %s %5.2f µs/delivery, missing %d, repeated %d%n", layer, nodes, connections.size(), messages,
                        result.deliveriesPerSecond(), result.serverMicrosPerDelivery(),
                        layer.equals("nats") ? "nats-server" : "redis-server", brokerMicros, result.missing(), result.repeated());
            }
        } finally {
            servers.forEach(ServerProcess::close);
            broker.close().run();
        }
    }

    /** Opens {@code size} connections, spread evenly over the servers, as one set. */
    private static Connections connect(LoadClient client, List<ServerProcess> servers, int size) throws Exception {
        List<Connections> parts = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            int share = size / servers.size() + (i < size % servers.size() ? 1 : 0);
            parts.add(client.connect(servers.get(i).port(), PATH, share, CONNECT_RATE, STEP_TIMEOUT));
        }
        Connections all = Connections.of(parts);
        if (all.awaitReady(STEP_TIMEOUT) > 0) {
            all.close();
            throw new IOException("not every connection answered its readiness text within " + STEP_TIMEOUT);
        }
        return all;
    }

    /** Sends single messages until one reaches every connection: the cluster spreads each node's interest asynchronously. */
    private static void settle(LoadClient client, Connections connections, int trigger) throws Exception {
        for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
            if (client.fanOut(connections, trigger, new SendPlan(1, 0), Duration.ofSeconds(1), () -> -1).missing() == 0) {
                return;
            }
        }
        throw new IOException("a group send did not reach every connection in " + SETTLE_ATTEMPTS + " attempts");
    }
}
