package dev.notify.bench;

import dev.notify.bench.client.Connections;
import dev.notify.bench.client.FanOutResult;
import dev.notify.bench.client.LoadClient;
import dev.notify.bench.process.NatsServer;
import dev.notify.bench.process.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fan-out on a NATS cluster, 1 node against 3: {@code nodes} notify servers ({@link NotifyBenchServer}
 * on the {@code nats} layer, each in its own JVM) on as many {@code nats-server} processes joined by
 * routes, the connections spread evenly over the nodes, and one burst triggered on the first node. It
 * prints deliveries/s and the CPU per delivery summed over the node JVMs, and that of the nats-servers.
 *
 * <pre>{@code
 * java -cp notify-bench/target/notify-bench.jar dev.notify.bench.ClusterCompare [--size 3000] [--messages 100]
 *     [--payload 100] [--reps 3] [--work notify-bench/target/bench]
 * }</pre>
 */
public final class ClusterCompare {
    private static final String PATH = "/ws/test/";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final int CONNECT_RATE = 20_000;
    private static final int SETTLE_ATTEMPTS = 20;

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
        Path work = Path.of("notify-bench", "target", "bench");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--payload" -> payload = Integer.parseInt(args[i + 1]);
                case "--reps" -> reps = Integer.parseInt(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --size, --messages, --payload, --reps, --work");
            }
        }
        try (LoadClient client = new LoadClient(1)) {
            for (int rep = 1; rep <= reps; rep++) {
                for (int nodes : List.of(1, 3)) {
                    run(client, nodes, size, messages, payload, work.resolve("cluster-" + nodes + "-" + rep));
                }
            }
        }
    }

    private static void run(LoadClient client, int nodes, int size, int messages, int payload, Path logs) throws Exception {
        List<NatsServer> nats = NatsServer.cluster(nodes, logs, Duration.ofSeconds(10));
        List<ServerProcess> servers = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                servers.add(ServerProcess.start(NotifyBenchServer.class.getName(), List.of("--layer", "nats", "--nats-url",
                        nats.get(i).url(), "--payload", Integer.toString(payload)), Map.of(), List.of(),
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
                long natsBefore = cpuNanos(nats);
                FanOutResult result = client.fanOut(connections, trigger, new SendPlan(messages, 0), STEP_TIMEOUT,
                        () -> servers.stream().mapToLong(ServerProcess::cpuNanos).sum());
                double natsMicros = (cpuNanos(nats) - natsBefore) / 1000.0 / Math.max(1, result.delivered());
                System.out.printf(Locale.ROOT, "nats %d node(s) N=%d K=%d: %,10.0f deliveries/s, nodes %5.2f µs/delivery,"
                                + " nats-server %5.2f µs/delivery, missing %d, repeated %d%n", nodes, connections.size(), messages,
                        result.deliveriesPerSecond(), result.serverMicrosPerDelivery(), natsMicros, result.missing(),
                        result.repeated());
            }
        } finally {
            servers.forEach(ServerProcess::close);
            nats.forEach(NatsServer::close);
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

    private static long cpuNanos(List<NatsServer> nats) {
        return nats.stream().mapToLong(NatsServer::cpuNanos).sum();
    }
}
