package dev.notify.bench;

import dev.notify.bench.client.Connections;
import dev.notify.bench.client.EchoResult;
import dev.notify.bench.client.FanOutResult;
import dev.notify.bench.client.LoadClient;
import dev.notify.bench.process.RedisServer;
import dev.notify.bench.process.ServerProcess;
import dev.notify.bench.report.EchoRun;
import dev.notify.bench.report.FanOutRun;
import dev.notify.bench.report.Machine;
import dev.notify.bench.report.MarkdownReport;
import dev.notify.bench.report.MicroResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the whole comparison and writes the Markdown report: bursts from every server of
 * {@link CompareOptions#servers()} at every N, the steady state of {@link CompareOptions#steadyServers()},
 * the echo round trips, each {@link CompareOptions#reps()} times with the servers alternated, then the
 * JMH microbenchmarks. Everything runs on 127.0.0.x, each server in its own JVM, and every step has a
 * count and a timeout, so it ends by itself. Start it with {@code notify-bench/run.sh} from the
 * repository root, which passes the commit being measured as {@code -Dnotify.bench.commit}; options as in
 * {@link CompareOptions}.
 */
public final class Compare {
    private static final String PATH = "/ws/test/";
    /** Connections of the warm-up before each measured run. */
    public static final int WARMUP_CONNECTIONS = 200;
    /**
     * Bursts of the warm-up: with 2, C2 had not compiled notify's delivery path yet, and the measured
     * burst at N = 1,000 spent 5.8 µs of server CPU per delivery where a warm server spends 0.8.
     */
    public static final int WARMUP_BURSTS = 25;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    // file descriptors the runner needs besides its connections (jars, pipes, epoll, the HTTP client)
    private static final int SPARE_FILES = 1024;

    private final CompareOptions options;
    private final LoadClient client;

    private Compare(CompareOptions options, LoadClient client) {
        this.options = options;
        this.client = client;
    }

    /**
     * @param args options, see {@link CompareOptions}
     * @throws Exception if the report cannot be written or the microbenchmarks fail
     */
    public static void main(String[] args) throws Exception {
        CompareOptions options = CompareOptions.parse(args);
        long openFiles = Machine.describe().openFileLimit();
        Instant started = Instant.now();
        long start = System.nanoTime();
        List<FanOutRun> bursts = new ArrayList<>();
        List<FanOutRun> steady = new ArrayList<>();
        List<EchoRun> echoes = new ArrayList<>();
        try (LoadClient client = new LoadClient(options.clientThreads())) {
            Compare compare = new Compare(options, client);
            for (int rep = 1; rep <= options.reps(); rep++) {
                for (int size : options.sizes()) {
                    for (Scenario scenario : options.servers()) {
                        if (size + SPARE_FILES <= openFiles) {
                            bursts.add(compare.measure("burst", scenario, size, new SendPlan(options.messages(), 0), rep));
                        } else if (rep == 1) {
                            bursts.add(FanOutRun.failed(scenario, size, rep, tooFewFiles(size, openFiles)));
                        }
                    }
                }
            }
            for (int rep = 1; rep <= options.reps(); rep++) {
                for (Scenario scenario : options.steadyServers()) {
                    if (options.steadySize() + SPARE_FILES <= openFiles) {
                        steady.add(compare.measure("steady", scenario, options.steadySize(), options.steadyPlan(), rep));
                    } else if (rep == 1) {
                        steady.add(FanOutRun.failed(scenario, options.steadySize(), rep, tooFewFiles(options.steadySize(), openFiles)));
                    }
                }
            }
            for (int rep = 1; rep <= options.reps(); rep++) {
                for (Scenario scenario : options.echoServers()) {
                    echoes.addAll(compare.echo(scenario, rep));
                }
            }
        }
        List<MicroResult> micro = options.jmh() ? Microbenchmarks.run() : List.of();
        String commit = System.getProperty("notify.bench.commit", "unknown (not started by run.sh)");
        String report = new MarkdownReport(Machine.describe(), options, commit, ServerProcess.JVM_OPTIONS, bursts, steady, echoes, micro,
                started, Duration.ofNanos(System.nanoTime() - start)).render();
        Path out = options.out();
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static String tooFewFiles(int size, long openFiles) {
        String message = "not run: N = " + size + " needs " + (size + SPARE_FILES) + " open files in the client and in the server "
                + "but the limit is " + openFiles + " (ulimit -n; run.sh raises it as far as the hard limit, ulimit -Hn, allows)";
        System.out.println(message);
        return message;
    }

    private FanOutRun measure(String kind, Scenario scenario, int size, SendPlan plan, int rep) {
        String name = kind + "-" + scenario.label() + "-" + size + "-" + rep;
        try (RedisServer redis = scenario.needsRedis() ? RedisServer.start(log(name + "-redis"), Duration.ofSeconds(10)) : null;
             ServerProcess server = startServer(scenario, redis, name)) {
            warmUp(server);
            long before = server.residentBytes();
            try (Connections connections = client.connect(server.port(), PATH, size, options.connectRate(), STEP_TIMEOUT)) {
                int notReady = connections.awaitReady(STEP_TIMEOUT);
                long after = server.residentBytes();
                FanOutResult result = client.fanOut(connections, server.port(), plan, options.burstTimeout(),
                        () -> cpuNanos(server, redis));
                long end = server.residentBytes();
                System.out.printf(Locale.ROOT, "%-6s %-14s N=%-6d rep %d: %,10.0f deliveries/s, server %5.2f µs/delivery, "
                                + "client %5.2f µs/delivery (%.2f cores), p50 %7.1f ms, p99 %7.1f ms, missing %d, %,.0f connects/s%n",
                        kind, scenario.label(), size, rep, result.deliveriesPerSecond(), result.serverMicrosPerDelivery(),
                        result.clientMicrosPerDelivery(), result.clientCores(), result.latency().p50() / 1000,
                        result.latency().p99() / 1000, result.missing(), connections.perSecond());
                return new FanOutRun(scenario, size, rep, result, connections.perSecond(), connections.failed(), notReady,
                        before, after, end, null);
            }
        } catch (Exception e) {
            System.out.println(kind + " " + scenario.label() + " N=" + size + " rep " + rep + " failed: " + e);
            return FanOutRun.failed(scenario, size, rep, e.toString());
        }
    }

    private List<EchoRun> echo(Scenario scenario, int rep) {
        String name = "echo-" + scenario.label() + "-" + rep;
        List<EchoRun> runs = new ArrayList<>();
        try (RedisServer redis = scenario.needsRedis() ? RedisServer.start(log(name + "-redis"), Duration.ofSeconds(10)) : null;
             ServerProcess server = startServer(scenario, redis, name)) {
            for (int[] shape : new int[][] {{1, 500, 5000}, {16, 200, 1000}}) {
                try (Connections connections = client.connect(server.port(), PATH, shape[0], options.connectRate(), STEP_TIMEOUT)) {
                    EchoResult result = client.echo(connections, shape[1], shape[2], STEP_TIMEOUT);
                    System.out.printf(Locale.ROOT, "echo   %-14s %2d conn rep %d: p50 %5.0f µs, p99 %5.0f µs%n", scenario.label(),
                            shape[0], rep, result.latency().p50(), result.latency().p99());
                    runs.add(new EchoRun(scenario, rep, shape[0], result, null));
                } catch (Exception e) {
                    runs.add(new EchoRun(scenario, rep, shape[0], null, e.toString()));
                }
            }
        } catch (Exception e) {
            System.out.println("echo " + scenario.label() + " rep " + rep + " failed: " + e);
            runs.add(new EchoRun(scenario, rep, 1, null, e.toString()));
        }
        return runs;
    }

    private ServerProcess startServer(Scenario scenario, RedisServer redis, String name) throws Exception {
        List<String> jvm = options.jfr() && !scenario.bare()
                ? List.of("-XX:StartFlightRecording=settings=profile,filename="
                        + options.work().resolve(name + ".jfr").toAbsolutePath())
                : List.of();
        return ServerProcess.start(scenario.mainClass(), scenario.arguments(options.payload(), redis == null ? null : redis.url()),
                Map.of(), jvm, log(name), STEP_TIMEOUT);
    }

    // JIT-compiles the server's hot paths so the measured run is not its first
    private void warmUp(ServerProcess server) throws Exception {
        try (Connections connections = client.connect(server.port(), PATH, WARMUP_CONNECTIONS, options.connectRate(), STEP_TIMEOUT)) {
            connections.awaitReady(STEP_TIMEOUT);
            for (int i = 0; i < WARMUP_BURSTS; i++) {
                client.fanOut(connections, server.port(), new SendPlan(options.messages(), 0), options.burstTimeout(), () -> -1);
            }
        }
    }

    private Path log(String name) {
        return options.work().resolve(name + ".log");
    }

    private static long cpuNanos(ServerProcess server, RedisServer redis) {
        long cpu = server.cpuNanos();
        if (redis == null || cpu < 0) {
            return cpu;
        }
        long redisCpu = redis.cpuNanos();
        return redisCpu < 0 ? -1 : cpu + redisCpu;
    }
}
