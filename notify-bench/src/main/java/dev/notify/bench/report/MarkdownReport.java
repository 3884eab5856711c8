package dev.notify.bench.report;

import dev.notify.bench.Compare;
import dev.notify.bench.CompareOptions;
import dev.notify.bench.NettyTransport;
import dev.notify.bench.Scenario;
import dev.notify.bench.client.LoadClient;
import dev.notify.bench.process.ProcessStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Renders a comparison as Markdown: the commit, the machine, how it ran, then per part medians with
 * min–max, CPU per delivery of server and client, ratios to the ceiling ({@link Scenario#WHOLE_BURST})
 * and to the per-turn server, whether the client was the limit, and the targets of issue 12.
 */
public final class MarkdownReport {
    /** The N at which issue 12 sets its targets (the largest N of the run when it has no 10,000). */
    static final int TARGET_SIZE = 10_000;

    private final Machine machine;
    private final CompareOptions options;
    private final String commit;
    private final List<String> jvmOptions;
    private final List<FanOutRun> bursts;
    private final List<FanOutRun> steady;
    private final List<EchoRun> echoes;
    private final List<MicroResult> micro;
    private final Instant started;
    private final Duration took;

    /**
     * @param machine where it ran, described when it ended
     * @param options what ran
     * @param commit the commit of the code measured
     * @param jvmOptions the server JVMs' options
     * @param bursts every burst repetition
     * @param steady every steady-state repetition
     * @param echoes every echo repetition
     * @param micro the JMH results (empty when not run)
     * @param started when the comparison started
     * @param took how long it took
     */
    public MarkdownReport(Machine machine, CompareOptions options, String commit, List<String> jvmOptions, List<FanOutRun> bursts,
                          List<FanOutRun> steady, List<EchoRun> echoes, List<MicroResult> micro, Instant started, Duration took) {
        this.machine = machine;
        this.options = options;
        this.commit = commit;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.bursts = List.copyOf(bursts);
        this.steady = List.copyOf(steady);
        this.echoes = List.copyOf(echoes);
        this.micro = List.copyOf(micro);
        this.started = started;
        this.took = took;
    }

    /** @return the report */
    public String render() {
        StringBuilder md = new StringBuilder();
        md.append("# notify fan-out benchmark\n\n")
                .append("Code measured: commit `").append(commit).append("`. Written by `dev.notify.bench.Compare` on ")
                .append(started).append(" in ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s. ")
                .append("Every figure is the median of ").append(options.reps())
                .append(" repetitions, with the lowest and highest in brackets; the servers take turns within each repetition. ")
                .append("Server CPU per delivery is the steadiest figure on a shared machine; deliveries/s and their ratio to the ")
                .append("ceiling of the same run come next.\n\n");
        machine(md);
        method(md);
        fanOut(md);
        scaling(md);
        fanOutDetails(md);
        steadyState(md);
        clientCheck(md);
        echo(md);
        targets(md);
        micro(md);
        failures(md);
        return md.toString();
    }

    private void machine(StringBuilder md) {
        md.append("## Machine\n\n| cores | memory | CPU | JDK | OS | `ulimit -n` | load average at the end (1, 5, 15 min) |\n")
                .append("|---|---|---|---|---|---|---|\n")
                .append("| ").append(machine.cores()).append(" | ").append(machine.memory()).append(" | ").append(machine.cpu())
                .append(" | ").append(machine.jdk()).append(" | ").append(machine.os()).append(" | ").append(machine.openFiles())
                .append(" | ").append(machine.loadAverage()).append(" |\n\n")
                .append("A load average above the cores means other work shared the machine: deliveries/s then vary from ")
                .append("repetition to repetition, CPU per delivery much less.\n\n");
    }

    private void method(StringBuilder md) {
        md.append("## How it ran\n\n```sh\nnotify-bench/run.sh ").append(String.join(" ", options.toArgs())).append("\n```\n\n")
                .append("- The servers: ");
        List<String> servers = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            servers.add("`" + scenario.label() + "` = " + scenario.description());
        }
        md.append(String.join("; ", servers)).append(". The bare servers are Netty with its WebSocket codec and nothing else; ")
                .append("`whole-burst` knows the burst and writes all of it to each connection before one flush, so no server ")
                .append("on that codec does less per delivery: it is the ceiling. `flush-per-turn` flushes what is queued when ")
                .append("its task runs, which is what a server that receives messages one at a time can do.\n")
                .append("- Each server runs in its own JVM (`").append(String.join(" ", jvmOptions))
                .append("`), started fresh for every repetition, on 127.0.0.1; the load client (Netty, ")
                .append(options.clientThreads()).append(" event-loop thread(s), WebSocket on raw bytes: no allocation or decoding ")
                .append("per delivery) runs in the runner's JVM on the same machine. Transport of the client and the bare servers: ")
                .append(NettyTransport.name()).append(" (notify's server picks epoll where it loads, as they do). ")
                .append("Past ").append(count(LoadClient.defaultConnectionsPerSourceAddress()))
                .append(" connections the client connects from 127.0.0.2, then 127.0.0.3, … (one source address has as many ")
                .append("connections to a server port as there are local ports).\n")
                .append("- A repetition: start the server (and a fresh `redis-server --save \"\" --appendonly no` for the Redis layers); ")
                .append("warm it up with ").append(Compare.WARMUP_CONNECTIONS).append(" connections and ").append(Compare.WARMUP_BURSTS)
                .append(" bursts (so that the JIT has compiled the delivery path); read its resident memory (`VmRSS`); open N connections ")
                .append("(at most ").append(options.connectRate()).append(" attempts/s, 512 handshakes in flight); send one text on ")
                .append("each and wait for every reply (the server answers only once the connection joined the group); read `VmRSS` ")
                .append("again; then `GET /home?count=K&delay=S` and wait until every connection has all K payloads of ")
                .append(options.payload()).append(" bytes, or ").append(options.burstTimeout().toSeconds())
                .append(" s after the last was due; read `VmRSS` a third time.\n")
                .append("- *deliveries/s*: distinct payloads received ÷ time from the trigger to the last delivery. ")
                .append("*latency*: arrival time − the send time the server wrote into the payload (same clock). ")
                .append("*server µs/delivery*: CPU time (`utime + stime` of `/proc/<pid>/stat`, all threads, resolution ")
                .append(1000 / ProcessStats.TICKS_PER_SECOND).append(" ms) from just before the trigger until every connection had ")
                .append("all K, ÷ deliveries; the server's includes `redis-server`. *client µs/delivery*: the same for the load ")
                .append("client's process. *cores*: that CPU time ÷ the same wall time (1.0 = one core busy). ")
                .append("*KB/conn*: `VmRSS` growth ÷ N while the connections are idle.\n\n");
    }

    private void fanOut(StringBuilder md) {
        if (bursts.isEmpty()) {
            return;
        }
        md.append("## Bursts: ").append(options.messages()).append(" messages of ").append(options.payload())
                .append(" bytes to N connections, sent at once\n\n")
                .append("| server | N | deliveries/s | vs ceiling | vs per-turn | server µs/delivery | server cores ")
                .append("| client µs/delivery | client cores | missing (worst) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int size : options.sizes()) {
            for (Scenario scenario : options.servers()) {
                List<FanOutRun> runs = runs(bursts, scenario, size);
                md.append("| ").append(scenario.description()).append(" | ").append(count(size));
                if (runs.isEmpty()) {
                    md.append(" | failed |||||||||\n");
                    continue;
                }
                Spread rate = spread(runs, r -> r.result().deliveriesPerSecond());
                md.append(" | ").append(rate.format(0))
                        .append(" | ").append(ratio(rate.median(), deliveries(Scenario.WHOLE_BURST, size)))
                        .append(" | ").append(ratio(rate.median(), deliveries(Scenario.FLUSH_PER_TURN, size)))
                        .append(" | ").append(spread(runs, r -> r.result().serverMicrosPerDelivery()).format(2))
                        .append(" | ").append(spread(runs, r -> r.result().serverCores()).format(2))
                        .append(" | ").append(spread(runs, r -> r.result().clientMicrosPerDelivery()).format(2))
                        .append(" | ").append(spread(runs, r -> r.result().clientCores()).format(2))
                        .append(" | ").append(missing(runs))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private void scaling(StringBuilder md) {
        if (bursts.isEmpty() || options.sizes().size() < 2) {
            return;
        }
        md.append("## Scaling: deliveries/s and server µs/delivery by N\n\n| server |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int size : options.sizes()) {
            md.append(" N = ").append(count(size)).append(" |");
            rule.append("---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (Scenario scenario : options.servers()) {
            md.append("| ").append(scenario.description()).append(" |");
            for (int size : options.sizes()) {
                List<FanOutRun> runs = runs(bursts, scenario, size);
                md.append(' ').append(runs.isEmpty() ? "failed"
                        : Spread.number(spread(runs, r -> r.result().deliveriesPerSecond()).median(), 0) + "/s, "
                        + Spread.number(spread(runs, r -> r.result().serverMicrosPerDelivery()).median(), 2) + " µs").append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void fanOutDetails(StringBuilder md) {
        if (bursts.isEmpty()) {
            return;
        }
        md.append("## Bursts: latency, connections, memory\n\n")
                .append("| server | N | latency p50 ms | latency p99 ms | connects/s | server KB/conn (idle) |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (int size : options.sizes()) {
            for (Scenario scenario : options.servers()) {
                List<FanOutRun> runs = runs(bursts, scenario, size);
                if (runs.isEmpty()) {
                    continue;
                }
                md.append("| ").append(scenario.description()).append(" | ").append(count(size))
                        .append(" | ").append(spread(runs, r -> r.result().latency().p50() / 1000).format(1))
                        .append(" | ").append(spread(runs, r -> r.result().latency().p99() / 1000).format(1))
                        .append(" | ").append(spread(runs, FanOutRun::connectsPerSecond).format(0))
                        .append(" | ").append(spread(runs, FanOutRun::kilobytesPerConnection).format(1))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private void steadyState(StringBuilder md) {
        if (steady.isEmpty()) {
            return;
        }
        md.append("## Steady state: one group send every ").append(options.steadyIntervalMillis()).append(" ms for ")
                .append(options.steadySeconds()).append(" s to N = ").append(count(options.steadySize())).append("\n\n")
                .append(count(options.steadyPlan().count())).append(" messages of ").append(options.payload())
                .append(" bytes, each due at a fixed time after the first (a late one goes at once). *sends/s*: messages ÷ ")
                .append("time until the server had sent the last; below ")
                .append(Spread.number(1000.0 / options.steadyIntervalMillis(), 0))
                .append(" it could not keep the pace. *MB at end*: the server's `VmRSS` when the last delivery arrived ")
                .append("(growth during the run in brackets).\n\n")
                .append("| server | sends/s | deliveries/s | latency p50 ms | p99 ms | p99.9 ms | max ms | missing (worst) ")
                .append("| server µs/delivery | client µs/delivery | server MB at end |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario scenario : options.steadyServers()) {
            List<FanOutRun> runs = runs(steady, scenario, options.steadySize());
            md.append("| ").append(scenario.description());
            if (runs.isEmpty()) {
                md.append(" | failed ||||||||||\n");
                continue;
            }
            md.append(" | ").append(spread(runs, r -> r.result().sendsPerSecond()).format(0))
                    .append(" | ").append(spread(runs, r -> r.result().deliveriesPerSecond()).format(0))
                    .append(" | ").append(spread(runs, r -> r.result().latency().p50() / 1000).format(2))
                    .append(" | ").append(spread(runs, r -> r.result().latency().p99() / 1000).format(2))
                    .append(" | ").append(spread(runs, r -> r.result().latency().p999() / 1000).format(2))
                    .append(" | ").append(spread(runs, r -> r.result().latency().max() / 1000).format(1))
                    .append(" | ").append(missing(runs))
                    .append(" | ").append(spread(runs, r -> r.result().serverMicrosPerDelivery()).format(2))
                    .append(" | ").append(spread(runs, r -> r.result().clientMicrosPerDelivery()).format(2))
                    .append(" | ").append(Spread.number(spread(runs, FanOutRun::megabytesAtEnd).median(), 0))
                    .append(" (").append(signed(spread(runs, FanOutRun::megabytesGrown).median())).append(")")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private void clientCheck(StringBuilder md) {
        List<String> lines = new ArrayList<>();
        for (int size : options.sizes()) {
            List<FanOutRun> runs = runs(bursts, Scenario.WHOLE_BURST, size);
            if (runs.isEmpty()) {
                continue;
            }
            double rate = spread(runs, r -> r.result().deliveriesPerSecond()).median();
            double micros = spread(runs, r -> r.result().clientMicrosPerDelivery()).median();
            double cores = spread(runs, r -> r.result().clientCores()).median();
            if (Double.isNaN(micros) || micros <= 0) {
                continue;
            }
            double capacity = 1e6 / micros;
            boolean limit = cores >= 0.9 * Math.min(options.clientThreads(), machine.cores());
            lines.add("| " + count(size) + " | " + Spread.number(rate, 0) + " | " + Spread.number(micros, 2) + " | "
                    + Spread.number(capacity, 0) + " | " + Spread.number(cores, 2) + " of " + options.clientThreads() + " | "
                    + (limit ? "**yes**" : "no") + " |");
        }
        if (lines.isEmpty()) {
            return;
        }
        md.append("## Is the client the limit?\n\n")
                .append("At the ceiling's rate: the client's CPU per delivery, what one client core could therefore take, and how ")
                .append("busy its event-loop threads were. The client is the limit when they were (nearly) all busy.\n\n")
                .append("| N | ceiling deliveries/s | client µs/delivery | deliveries/s one client core takes | client cores used ")
                .append("| client the limit |\n|---:|---:|---:|---:|---:|:---:|\n")
                .append(String.join("\n", lines)).append("\n\n");
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
        int size = options.sizes().contains(TARGET_SIZE) ? TARGET_SIZE
                : options.sizes().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String[]> rows = new ArrayList<>();
        double ceiling = deliveries(Scenario.WHOLE_BURST, size);
        for (Object[] target : new Object[][] {{Scenario.INMEMORY, 2.0, 0.8}, {Scenario.REDIS_PUBSUB, 2.0, 0.8},
                {Scenario.REDIS, 5.0, 0.4}}) {
            Scenario scenario = (Scenario) target[0];
            double micros = (double) target[1];
            double share = (double) target[2];
            List<FanOutRun> runs = runs(bursts, scenario, size);
            if (runs.isEmpty()) {
                continue;
            }
            double cpu = spread(runs, r -> r.result().serverMicrosPerDelivery()).median();
            row(rows, scenario.label() + ": server CPU per delivery ≤ " + micros + " µs, N = " + count(size), cpu, micros, false, 2);
            row(rows, scenario.label() + ": deliveries/s ≥ " + share + " × the ceiling, N = " + count(size),
                    deliveries(scenario, size) / ceiling, share, true, 2);
        }
        for (Scenario scenario : options.servers()) {
            List<FanOutRun> runs = runs(bursts, scenario, size);
            if (!scenario.bare() && !runs.isEmpty()) {
                long lost = runs.stream().mapToLong(r -> r.result().missing()).max().orElse(0);
                rows.add(new String[] {"nothing lost, " + scenario.label() + ", N = " + count(size) + ", K = " + options.messages()
                        + (options.messages() == 1000 ? "" : " (the target is at K = 1,000)"),
                        lost + " missing (worst run)", lost == 0 ? "yes" : "**no**"});
            }
        }
        row(rows, "in-memory: memory per idle connection ≤ 1.2 × the ceiling server's, N = " + count(size),
                memory(Scenario.INMEMORY, size) / memory(Scenario.WHOLE_BURST, size), 1.2, false, 2);
        for (int connections : echoConnections()) {
            row(rows, "in-memory: echo p50 ≤ 1.1 × flush-each, " + connections + " connection(s)",
                    echoP50(Scenario.INMEMORY, connections) / echoP50(Scenario.FLUSH_EACH, connections), 1.1, false, 2);
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Targets of issue 12 (medians of this run)\n\n| target | measured | met |\n|---|---:|:---:|\n");
        for (String[] row : rows) {
            md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        md.append('\n');
    }

    private static void row(List<String[]> rows, String name, double value, double bound, boolean atLeast, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        boolean met = atLeast ? value >= bound : value <= bound;
        rows.add(new String[] {name, Spread.number(value, decimals), met ? "yes" : "**no**"});
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
        failures(lines, "burst", bursts);
        failures(lines, "steady state", steady);
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

    private void failures(List<String> lines, String kind, List<FanOutRun> runs) {
        for (FanOutRun run : runs) {
            String what = "- " + kind + ", " + run.scenario().label() + ", N = " + run.size() + ", repetition " + run.rep() + ": ";
            if (!run.ok()) {
                lines.add(what + run.error());
            } else if (run.connectFailures() > 0 || run.notReady() > 0 || run.result().missing() > 0 || run.result().repeated() > 0
                    || run.result().sending().isZero()) {
                lines.add(what + run.connectFailures() + " connections refused or timed out, " + run.notReady() + " not ready, "
                        + run.result().missing() + " messages missing on " + run.result().connectionsMissing()
                        + " connections " + options.burstTimeout().toSeconds() + " s after the last was due, "
                        + run.result().repeated() + " repeated or out of order"
                        + (run.result().sending().isZero() ? ", no answer to GET /home by then" : ""));
            }
        }
    }

    private static List<FanOutRun> runs(List<FanOutRun> all, Scenario scenario, int size) {
        return all.stream().filter(r -> r.scenario() == scenario && r.size() == size && r.ok()).toList();
    }

    private List<EchoRun> echoRuns(Scenario scenario, int connections) {
        return echoes.stream().filter(r -> r.scenario() == scenario && r.connections() == connections && r.result() != null).toList();
    }

    private List<Integer> echoConnections() {
        return echoes.stream().map(EchoRun::connections).distinct().sorted().toList();
    }

    private static Spread spread(List<FanOutRun> runs, ToDoubleFunction<FanOutRun> figure) {
        return Spread.of(runs.stream().map(figure::applyAsDouble).filter(v -> !Double.isNaN(v)).toList());
    }

    private static Spread echoSpread(List<EchoRun> runs, ToDoubleFunction<EchoRun> figure) {
        return Spread.of(runs.stream().map(figure::applyAsDouble).toList());
    }

    private double deliveries(Scenario scenario, int size) {
        return spread(runs(bursts, scenario, size), r -> r.result().deliveriesPerSecond()).median();
    }

    private double memory(Scenario scenario, int size) {
        return spread(runs(bursts, scenario, size), FanOutRun::kilobytesPerConnection).median();
    }

    private double echoP50(Scenario scenario, int connections) {
        return echoSpread(echoRuns(scenario, connections), r -> r.result().latency().p50()).median();
    }

    private static String missing(List<FanOutRun> runs) {
        Spread missing = Spread.of(runs.stream().map(r -> (double) r.result().missing()).toList());
        return Spread.number(missing.median(), 0) + " (" + Spread.number(missing.max(), 0) + ")";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String signed(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+,.0f", value);
    }

    private static String ratio(double value, double base) {
        if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", value / base);
    }
}
