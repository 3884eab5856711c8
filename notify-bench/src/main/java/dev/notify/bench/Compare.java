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
 * Runs the whole comparison and writes the Markdown report: every server of
 * {@link CompareOptions#servers()} at every N, {@link CompareOptions#reps()} times, then the echo round
 * trips, then the JMH microbenchmarks. Everything runs on 127.0.0.1, each server in its own JVM, and
 * every step has a count and a timeout, so it ends by itself. Start it with {@code notify-bench/run.sh}
 * from the repository root; options as in {@link CompareOptions}.
 */
public final class Compare {
    private static final String PATH = "/ws/test/";
    private static final int WARMUP_CONNECTIONS = 200;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

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
        Instant started = Instant.now();
        long start = System.nanoTime();
        List<FanOutRun> fanOuts = new ArrayList<>();
        List<EchoRun> echoes = new ArrayList<>();
        try (LoadClient client = new LoadClient(options.clientThreads())) {
            Compare compare = new Compare(options, client);
            for (int rep = 1; rep <= options.reps(); rep++) {
                for (int size : options.sizes()) {
                    for (Scenario scenario : options.servers()) {
                        fanOuts.add(compare.fanOut(scenario, size, rep));
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
        String report = new MarkdownReport(Machine.describe(), options, ServerProcess.JVM_OPTIONS, fanOuts, echoes, micro,
                started, Duration.ofNanos(System.nanoTime() - start)).render();
        Path out = options.out();
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private FanOutRun fanOut(Scenario scenario, int size, int rep) {
        String name = scenario.label() + "-" + size + "-" + rep;
        try (RedisServer redis = scenario.needsRedis() ? RedisServer.start(log(name + "-redis"), Duration.ofSeconds(10)) : null;
             ServerProcess server = startServer(scenario, redis, name)) {
            warmUp(server);
            long before = server.residentBytes();
            try (Connections connections = client.connect(server.port(), PATH, size, options.connectRate(), STEP_TIMEOUT)) {
                int notReady = connections.awaitReady(STEP_TIMEOUT);
                long after = server.residentBytes();
                Duration serverCpu = cpu(server, redis);
                FanOutResult result = client.fanOut(connections, server.port(), options.messages(), options.burstTimeout());
                result = result.withServerCpu(cpu(server, redis).minus(serverCpu));
                System.out.printf(Locale.ROOT, "%-13s N=%-6d rep %d: %,10.0f deliveries/s, p50 %6.1f ms, p99 %6.1f ms, "
                                + "missing %d, %,.0f connects/s, %.1f KB/conn, client CPU %.2f%n",
                        scenario.label(), size, rep, result.deliveriesPerSecond(), result.latency().p50() / 1000,
                        result.latency().p99() / 1000, result.missing(), connections.perSecond(),
                        (after - before) / 1024.0 / Math.max(1, connections.size()), result.clientCores());
                return new FanOutRun(scenario, size, rep, result, connections.perSecond(), connections.failed(), notReady,
                        before, after, null);
            }
        } catch (Exception e) {
            System.out.println(scenario.label() + " N=" + size + " rep " + rep + " failed: " + e);
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
                    System.out.printf(Locale.ROOT, "echo %-13s %2d conn rep %d: p50 %5.0f µs, p99 %5.0f µs%n", scenario.label(),
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
        List<String> jvm = options.jfr() && !scenario.ceiling()
                ? List.of("-XX:StartFlightRecording=settings=profile,filename="
                        + options.work().resolve(name + ".jfr").toAbsolutePath())
                : List.of();
        return ServerProcess.start(scenario.mainClass(), scenario.arguments(options.payload(), redis == null ? null : redis.url()),
                Map.of(), jvm, log(name), STEP_TIMEOUT);
    }

    // JIT-compiles the server's hot paths so the measured burst is not its first
    private void warmUp(ServerProcess server) throws Exception {
        try (Connections connections = client.connect(server.port(), PATH, WARMUP_CONNECTIONS, options.connectRate(), STEP_TIMEOUT)) {
            connections.awaitReady(STEP_TIMEOUT);
            for (int i = 0; i < 2; i++) {
                client.fanOut(connections, server.port(), options.messages(), options.burstTimeout());
            }
        }
    }

    private Path log(String name) {
        return options.work().resolve(name + ".log");
    }

    private static Duration cpu(ServerProcess server, RedisServer redis) {
        return redis == null ? server.cpu() : server.cpu().plus(redis.cpu());
    }
}
