package dev.notify.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link Compare} runs; every field has a command-line option of the same name. A list option
 * given as {@code ""} skips that part.
 *
 * @param sizes connection counts N of the bursts: the scaling curve ({@code --sizes 1000,10000,30000})
 * @param messages burst size K ({@code --messages 100})
 * @param payload payload bytes ({@code --payload 100})
 * @param reps repetitions of every measurement ({@code --reps 3})
 * @param servers the servers of the bursts, in run order
 *     ({@code --servers flush-each,flush-per-turn,whole-burst,inmemory,redis-pubsub,redis})
 * @param steadyServers the servers of the steady state
 *     ({@code --steady-servers whole-burst,flush-per-turn,inmemory,redis-pubsub,redis})
 * @param steadySize N of the steady state ({@code --steady-size 10000})
 * @param steadySeconds how long the steady state sends ({@code --steady-seconds 60})
 * @param steadyIntervalMillis one group send every this many milliseconds ({@code --steady-interval-ms 100}: 100,000
 *     deliveries/s at N = 10,000, a sustained load well below the ceiling's burst rate; issue 12's 1 ms would be
 *     10 million deliveries/s, which no server on the machine can deliver, so that run measures a backlog)
 * @param echoServers the servers whose echo round trip is measured ({@code --echo-servers flush-each,inmemory})
 * @param clientThreads event-loop threads of the load client ({@code --client-threads 1})
 * @param connectRate new connection attempts per second ({@code --connect-rate 20000})
 * @param burstTimeout how long the deliveries may take after the last message was sent ({@code --burst-timeout 60s})
 * @param jmh whether to run the JMH microbenchmarks ({@code --jmh true})
 * @param jfr whether notify servers record a JFR file into the work directory ({@code --jfr false})
 * @param out the Markdown report ({@code --out notify-bench/RESULTS.md})
 * @param work logs and recordings ({@code --work notify-bench/target/bench})
 */
public record CompareOptions(List<Integer> sizes, int messages, int payload, int reps, List<Scenario> servers,
                             List<Scenario> steadyServers, int steadySize, int steadySeconds, int steadyIntervalMillis,
                             List<Scenario> echoServers, int clientThreads, int connectRate, Duration burstTimeout,
                             boolean jmh, boolean jfr, Path out, Path work) {
    /** The full comparison of issue 12. */
    public static final CompareOptions DEFAULTS = new CompareOptions(List.of(1000, 10_000, 30_000), 100,
            BenchPayload.DEFAULT_SIZE, 3, List.of(Scenario.values()),
            List.of(Scenario.WHOLE_BURST, Scenario.FLUSH_PER_TURN, Scenario.INMEMORY, Scenario.REDIS_PUBSUB, Scenario.REDIS),
            10_000, 60, 100, List.of(Scenario.FLUSH_EACH, Scenario.INMEMORY), 1, 20_000, Duration.ofSeconds(60), true, false,
            Path.of("notify-bench", "RESULTS.md"), Path.of("notify-bench", "target", "bench"));

    private static final Set<String> NAMES = Set.of("--sizes", "--messages", "--payload", "--reps", "--servers",
            "--steady-servers", "--steady-size", "--steady-seconds", "--steady-interval-ms", "--echo-servers",
            "--client-threads", "--connect-rate", "--burst-timeout", "--jmh", "--jfr", "--out", "--work");

    /**
     * @param args {@code --name value} pairs overriding {@link #DEFAULTS}
     * @return the options
     * @throws IllegalArgumentException naming a bad option and its value
     */
    public static CompareOptions parse(String... args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs (--name value) but got " + Arrays.toString(args));
        }
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!NAMES.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; the options are " + new TreeSet<>(NAMES));
            }
            given.put(args[i], args[i + 1]);
        }
        CompareOptions d = DEFAULTS;
        String timeout = given.get("--burst-timeout");
        return new CompareOptions(
                given.containsKey("--sizes") ? ints("--sizes", given.get("--sizes")) : d.sizes,
                number(given, "--messages", d.messages),
                number(given, "--payload", d.payload),
                number(given, "--reps", d.reps),
                scenarios(given, "--servers", d.servers),
                scenarios(given, "--steady-servers", d.steadyServers),
                number(given, "--steady-size", d.steadySize),
                number(given, "--steady-seconds", d.steadySeconds),
                number(given, "--steady-interval-ms", d.steadyIntervalMillis),
                scenarios(given, "--echo-servers", d.echoServers),
                number(given, "--client-threads", d.clientThreads),
                number(given, "--connect-rate", d.connectRate),
                timeout == null ? d.burstTimeout : Duration.ofSeconds(positive("--burst-timeout", timeout.replaceAll("s$", ""))),
                given.containsKey("--jmh") ? bool("--jmh", given.get("--jmh")) : d.jmh,
                given.containsKey("--jfr") ? bool("--jfr", given.get("--jfr")) : d.jfr,
                given.containsKey("--out") ? Path.of(given.get("--out")) : d.out,
                given.containsKey("--work") ? Path.of(given.get("--work")) : d.work);
    }

    /** @return the group sends of the steady state: {@link #steadySeconds} × 1000 ÷ {@link #steadyIntervalMillis} */
    public SendPlan steadyPlan() {
        return new SendPlan((int) Math.max(1, steadySeconds * 1000L / steadyIntervalMillis), steadyIntervalMillis * 1000L);
    }

    /** @return the largest N any part of the run opens */
    public int largestSize() {
        int largest = steadyServers.isEmpty() ? 0 : steadySize;
        for (int size : sizes) {
            largest = Math.max(largest, size);
        }
        return largest;
    }

    /** @return these options as command-line arguments, for the report */
    public List<String> toArgs() {
        return List.of("--sizes", quoted(sizes), "--messages", Integer.toString(messages), "--payload", Integer.toString(payload),
                "--reps", Integer.toString(reps), "--servers", quoted(labels(servers)),
                "--steady-servers", quoted(labels(steadyServers)), "--steady-size", Integer.toString(steadySize),
                "--steady-seconds", Integer.toString(steadySeconds), "--steady-interval-ms", Integer.toString(steadyIntervalMillis),
                "--echo-servers", quoted(labels(echoServers)),
                "--client-threads", Integer.toString(clientThreads), "--connect-rate", Integer.toString(connectRate),
                "--burst-timeout", burstTimeout.toSeconds() + "s", "--jmh", Boolean.toString(jmh), "--jfr", Boolean.toString(jfr));
    }

    private static List<String> labels(List<Scenario> scenarios) {
        return scenarios.stream().map(Scenario::label).toList();
    }

    private static String quoted(List<?> values) {
        String joined = String.join(",", values.stream().map(String::valueOf).toList());
        return joined.isEmpty() ? "\"\"" : joined;
    }

    private static int number(Map<String, String> given, String name, int fallback) {
        return given.containsKey(name) ? positive(name, given.get(name)) : fallback;
    }

    private static int positive(String name, String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number > 0 (or a comma-separated list for --sizes) but was "
                + name + "=" + text);
    }

    private static List<Integer> ints(String name, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.replace("\"", "").split(",")) {
            if (!part.isBlank()) {
                values.add(positive(name, part));
            }
        }
        return List.copyOf(values);
    }

    private static List<Scenario> scenarios(Map<String, String> given, String name, List<Scenario> fallback) {
        String text = given.get(name);
        if (text == null) {
            return fallback;
        }
        List<Scenario> values = new ArrayList<>();
        for (String part : text.replace("\"", "").split(",")) {
            if (!part.isBlank()) {
                values.add(Scenario.of(part.strip()));
            }
        }
        return List.copyOf(values);
    }

    private static boolean bool(String name, String text) {
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException(name + " takes true or false but got '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }
}
