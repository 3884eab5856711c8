package dev.notify.bench.report;

import dev.notify.bench.CompareOptions;
import dev.notify.bench.NettyTransport;
import dev.notify.bench.Scenario;
import dev.notify.bench.client.FanOutResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Renders a comparison as Markdown: machine, commands, medians with min–max, ratios to the ceilings, targets. */
public final class MarkdownReport {
    private final Machine machine;
    private final CompareOptions options;
    private final List<String> jvmOptions;
    private final List<FanOutRun> fanOuts;
    private final List<EchoRun> echoes;
    private final List<MicroResult> micro;
    private final Instant started;
    private final Duration took;

    /**
     * @param machine where it ran
     * @param options what ran
     * @param jvmOptions the server JVMs' options
     * @param fanOuts every burst repetition
     * @param echoes every echo repetition
     * @param micro the JMH results (empty when not run)
     * @param started when the comparison started
     * @param took how long it took
     */
    public MarkdownReport(Machine machine, CompareOptions options, List<String> jvmOptions, List<FanOutRun> fanOuts,
                          List<EchoRun> echoes, List<MicroResult> micro, Instant started, Duration took) {
        this.machine = machine;
        this.options = options;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.fanOuts = List.copyOf(fanOuts);
        this.echoes = List.copyOf(echoes);
        this.micro = List.copyOf(micro);
        this.started = started;
        this.took = took;
    }

    /** @return the report */
    public String render() {
        StringBuilder md = new StringBuilder();
        md.append("# notify fan-out benchmark\n\n")
                .append("Written by `dev.notify.bench.Compare` on ").append(started).append(" in ")
                .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s. ")
                .append("Every figure is the median of ").append(options.reps())
                .append(" repetitions, with the lowest and highest in brackets. ")
                .append("Absolute figures drift by 10–15 % between runs on a shared machine; the ratios to the two Netty ")
                .append("ceilings, measured in the same run, are the figures to compare.\n\n");
        machine(md);
        method(md);
        fanOut(md);
        echo(md);
        targets(md);
        micro(md);
        failures(md);
        return md.toString();
    }

    private void machine(StringBuilder md) {
        md.append("## Machine\n\n| cores | memory | CPU | JDK | OS | `ulimit -n` |\n|---|---|---|---|---|---|\n")
                .append("| ").append(machine.cores()).append(" | ").append(machine.memory()).append(" | ").append(machine.cpu())
                .append(" | ").append(machine.jdk()).append(" | ").append(machine.os()).append(" | ").append(machine.openFiles())
                .append(" |\n\n");
    }

    private void method(StringBuilder md) {
        md.append("## How it ran\n\n```sh\nnotify-bench/run.sh ").append(String.join(" ", options.toArgs())).append("\n```\n\n")
                .append("- Each server runs in its own JVM (`").append(String.join(" ", jvmOptions))
                .append("`), started fresh for every repetition, on 127.0.0.1; the load client (Netty, ")
                .append(options.clientThreads()).append(" event-loop thread(s)) runs in the runner's JVM on the same machine. ")
                .append("Netty transport of the client and the ceilings: ").append(NettyTransport.name())
                .append(" (notify's server picks epoll where it loads, as they do).\n")
                .append("- A repetition: start the server (and a fresh `redis-server --save \"\" --appendonly no` for the Redis layers); ")
                .append("warm it up with 200 connections and two bursts; read its resident memory (`VmRSS`); open N connections ")
                .append("(at most ").append(options.connectRate()).append(" attempts/s, 512 handshakes in flight); send one text on ")
                .append("each and wait for every reply (the server answers only once the connection joined the group); read `VmRSS` ")
                .append("again; then `GET /home?count=").append(options.messages()).append("&delay=0` and wait until every ")
                .append("connection has all ").append(options.messages()).append(" payloads of ").append(options.payload())
                .append(" bytes, or ").append(options.burstTimeout().toSeconds()).append(" s.\n")
                .append("- Repetitions are interleaved (repetition → N → server), so drift spreads over all servers alike.\n")
                .append("- *deliveries/s*: distinct payloads received ÷ time from the trigger to the last delivery. ")
                .append("*latency*: arrival time − the send time the server wrote into the payload (same clock). ")
                .append("*server KB/conn*: `VmRSS` growth ÷ N. *client/server CPU*: CPU time during the burst ÷ its wall time ")
                .append("(1.0 = one core busy); the server's includes `redis-server`. A client near 1.0 means the client is the limit.\n\n");
    }

    private void fanOut(StringBuilder md) {
        md.append("## Fan-out: ").append(options.messages()).append(" messages of ").append(options.payload())
                .append(" bytes to N connections\n\n")
                .append("| server | N | deliveries/s | vs flush-each | vs batched | latency p50 ms | latency p99 ms | missing (worst) ")
                .append("| connects/s | server KB/conn | client CPU | server CPU |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int size : options.sizes()) {
            for (Scenario scenario : options.servers()) {
                List<FanOutRun> runs = runs(scenario, size);
                if (runs.isEmpty()) {
                    md.append("| ").append(scenario.description()).append(" | ").append(size).append(" | failed |||||||||||\n");
                    continue;
                }
                Spread rate = fanOutSpread(runs, r -> r.result().deliveriesPerSecond());
                md.append("| ").append(scenario.description()).append(" | ").append(String.format(Locale.ROOT, "%,d", size))
                        .append(" | ").append(rate.format(0))
                        .append(" | ").append(ratio(rate.median(), deliveries(Scenario.FLUSH_EACH, size)))
                        .append(" | ").append(ratio(rate.median(), deliveries(Scenario.BATCHED, size)))
                        .append(" | ").append(fanOutSpread(runs, r -> r.result().latency().p50() / 1000).format(1))
                        .append(" | ").append(fanOutSpread(runs, r -> r.result().latency().p99() / 1000).format(1))
                        .append(" | ").append(missing(runs))
                        .append(" | ").append(fanOutSpread(runs, FanOutRun::connectsPerSecond).format(0))
                        .append(" | ").append(fanOutSpread(runs, FanOutRun::kilobytesPerConnection).format(1))
                        .append(" | ").append(fanOutSpread(runs, r -> r.result().clientCores()).format(2))
                        .append(" | ").append(fanOutSpread(runs, r -> cores(r.result())).format(2))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private void echo(StringBuilder md) {
        if (echoes.isEmpty()) {
            return;
        }
        md.append("## Echo: round trip of a text and its reply\n\n")
                .append("| server | connections | p50 µs | p99 µs | round trips/s | p50 vs flush-each |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (int connections : echoConnections()) {
            for (Scenario scenario : options.echoServers()) {
                List<EchoRun> runs = echoRuns(scenario, connections);
                if (runs.isEmpty()) {
                    md.append("| ").append(scenario.description()).append(" | ").append(connections).append(" | failed ||||\n");
                    continue;
                }
                Spread p50 = echoSpread(runs, r -> r.result().latency().p50());
                md.append("| ").append(scenario.description()).append(" | ").append(connections)
                        .append(" | ").append(p50.format(0))
                        .append(" | ").append(echoSpread(runs, r -> r.result().latency().p99()).format(0))
                        .append(" | ").append(echoSpread(runs, r -> r.result().perSecond()).format(0))
                        .append(" | ").append(ratio(p50.median(), echoP50(Scenario.FLUSH_EACH, connections)))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private void targets(StringBuilder md) {
        List<String[]> rows = new ArrayList<>();
        int largest = options.sizes().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int size : options.sizes()) {
            double flushEach = deliveries(Scenario.FLUSH_EACH, size);
            double batched = deliveries(Scenario.BATCHED, size);
            target(rows, "in-memory ≥ 1.0 × flush-each, N = " + size, deliveries(Scenario.INMEMORY, size) / flushEach, 1.0, true);
            target(rows, "in-memory ≥ 0.5 × batched, N = " + size, deliveries(Scenario.INMEMORY, size) / batched, 0.5, true);
            target(rows, "redis-pubsub ≥ 0.8 × flush-each, N = " + size, deliveries(Scenario.REDIS_PUBSUB, size) / flushEach, 0.8, true);
            target(rows, "redis ≥ 0.5 × flush-each, N = " + size, deliveries(Scenario.REDIS, size) / flushEach, 0.5, true);
        }
        for (Scenario scenario : options.servers()) {
            if (!scenario.ceiling() && !runs(scenario, largest).isEmpty()) {
                long lost = runs(scenario, largest).stream().mapToLong(r -> r.result().missing()).max().orElse(0);
                rows.add(new String[] {"nothing lost, " + scenario.label() + ", N = " + largest,
                        lost + " missing after " + options.burstTimeout().toSeconds() + " s (worst run)",
                        lost == 0 ? "yes" : "**no**"});
            }
        }
        double ceilingMemory = memory(Scenario.FLUSH_EACH, largest);
        target(rows, "memory per idle connection ≤ 1.5 × ceiling (in-memory, N = " + largest + ")",
                memory(Scenario.INMEMORY, largest) / ceilingMemory, 1.5, false);
        for (int connections : echoConnections()) {
            target(rows, "echo p50 ≤ 1.5 × ceiling, " + connections + " connection(s)",
                    echoP50(Scenario.INMEMORY, connections) / echoP50(Scenario.FLUSH_EACH, connections), 1.5, false);
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Targets of issue 6 (ratios of medians to the ceilings of the same run)\n\n| target | measured | met |\n|---|---:|:---:|\n");
        for (String[] row : rows) {
            md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        md.append('\n');
    }

    private static void target(List<String[]> rows, String name, double ratio, double bound, boolean atLeast) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return;
        }
        boolean met = atLeast ? ratio >= bound : ratio <= bound;
        rows.add(new String[] {name, String.format(Locale.ROOT, "%.2f", ratio), met ? "yes" : "**no**"});
    }

    private void micro(StringBuilder md) {
        if (micro.isEmpty()) {
            return;
        }
        md.append("## Microbenchmarks (JMH, 1 fork, 2 × 1 s warm-up, 3 × 1 s measurement)\n\n")
                .append("| benchmark | score | ± (99.9 %) | unit |\n|---|---:|---:|---|\n");
        for (MicroResult result : micro) {
            md.append("| ").append(result.benchmark()).append(" | ").append(Spread.number(result.score(), 3))
                    .append(" | ").append(Spread.number(result.error(), 3)).append(" | ").append(result.unit()).append(" |\n");
        }
        md.append("\n`groupSendTo1000` is per delivered message: one group send to 1,000 members, each of which receives it, ")
                .append("divided by 1,000.\n\n");
    }

    private void failures(StringBuilder md) {
        List<String> lines = new ArrayList<>();
        for (FanOutRun run : fanOuts) {
            if (!run.ok()) {
                lines.add("- " + run.scenario().label() + ", N = " + run.size() + ", repetition " + run.rep() + ": " + run.error());
            } else if (run.connectFailures() > 0 || run.notReady() > 0 || run.result().missing() > 0) {
                lines.add("- " + run.scenario().label() + ", N = " + run.size() + ", repetition " + run.rep() + ": "
                        + run.connectFailures() + " connections refused or timed out, " + run.notReady() + " not ready, "
                        + run.result().missing() + " messages missing on " + run.result().connectionsMissing()
                        + " connections after " + options.burstTimeout().toSeconds() + " s");
            }
        }
        for (EchoRun run : echoes) {
            if (run.result() == null) {
                lines.add("- echo " + run.scenario().label() + ", " + run.connections() + " connection(s), repetition "
                        + run.rep() + ": " + run.error());
            }
        }
        if (!lines.isEmpty()) {
            md.append("## Failures and losses\n\n").append(String.join("\n", lines)).append("\n\n");
        }
    }

    private List<FanOutRun> runs(Scenario scenario, int size) {
        return fanOuts.stream().filter(r -> r.scenario() == scenario && r.size() == size && r.ok()).toList();
    }

    private List<EchoRun> echoRuns(Scenario scenario, int connections) {
        return echoes.stream().filter(r -> r.scenario() == scenario && r.connections() == connections && r.result() != null).toList();
    }

    private List<Integer> echoConnections() {
        return echoes.stream().map(EchoRun::connections).distinct().sorted().toList();
    }

    private static Spread fanOutSpread(List<FanOutRun> runs, ToDoubleFunction<FanOutRun> figure) {
        return Spread.of(runs.stream().map(figure::applyAsDouble).filter(v -> v >= 0).toList());
    }

    private static Spread echoSpread(List<EchoRun> runs, ToDoubleFunction<EchoRun> figure) {
        return Spread.of(runs.stream().map(figure::applyAsDouble).toList());
    }

    private double deliveries(Scenario scenario, int size) {
        return fanOutSpread(runs(scenario, size), r -> r.result().deliveriesPerSecond()).median();
    }

    private double memory(Scenario scenario, int size) {
        return fanOutSpread(runs(scenario, size), FanOutRun::kilobytesPerConnection).median();
    }

    private double echoP50(Scenario scenario, int connections) {
        return echoSpread(echoRuns(scenario, connections), r -> r.result().latency().p50()).median();
    }

    private static String missing(List<FanOutRun> runs) {
        Spread missing = Spread.of(runs.stream().map(r -> (double) r.result().missing()).toList());
        return Spread.number(missing.median(), 0) + " (" + Spread.number(missing.max(), 0) + ")";
    }

    private static double cores(FanOutResult result) {
        return result.elapsed().isZero() ? 0 : result.serverCpu().toNanos() / (double) result.elapsed().toNanos();
    }

    private static String ratio(double value, double base) {
        if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", value / base);
    }
}
