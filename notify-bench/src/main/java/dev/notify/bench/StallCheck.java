package dev.notify.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * Issue 9's stall check against a running server: opens {@code --slow} concurrent requests to a slow
 * page and waits until the answers to them stop arriving (a server with bulkheads refuses what it
 * cannot run at once); then, while the rest are in flight, times {@code --probes} requests to
 * another page one after the other, and prints their p50, p99 and maximum with the statuses the
 * slow requests got.
 *
 * <pre>
 * java -cp notify-bench/target/notify-bench.jar dev.notify.bench.StallCheck --url http://127.0.0.1:8000 \
 *     [--slow 200] [--slow-path "/home?count=2&amp;delay=15"] [--probe-path /admin/login/] [--probes 200]
 * </pre>
 */
public final class StallCheck {
    private StallCheck() {
    }

    /**
     * @param args the options above
     * @throws Exception if a probe fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>(Map.of("--url", "http://127.0.0.1:8000", "--slow", "200",
                "--slow-path", "/home?count=2&delay=15", "--probe-path", "/admin/login/", "--probes", "200"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; the options are " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        String base = options.get("--url");
        int slowCount = Integer.parseInt(options.get("--slow"));
        int probes = Integer.parseInt(options.get("--probes"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        List<CompletableFuture<HttpResponse<Void>>> slow = new ArrayList<>();
        for (int i = 0; i < slowCount; i++) {
            slow.add(client.sendAsync(request(base, options.get("--slow-path")), HttpResponse.BodyHandlers.discarding()));
        }
        // until the answers to the slow requests stop arriving (those the server refuses come at once;
        // a harness, not a test: polling is fine), at most 10 s
        long doneBefore = -1;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            long done = slow.stream().filter(CompletableFuture::isDone).count();
            if (done == doneBefore) {
                break;
            }
            doneBefore = done;
        }

        Histogram latency = new Histogram(60_000_000_000L, 3);
        Map<Integer, Integer> probeStatuses = new TreeMap<>();
        for (int i = 0; i < probes; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = client.send(request(base, options.get("--probe-path")), HttpResponse.BodyHandlers.discarding());
            latency.recordValue(System.nanoTime() - start);
            probeStatuses.merge(response.statusCode(), 1, Integer::sum);
        }
        long doneAfter = slow.stream().filter(CompletableFuture::isDone).count();

        Map<Integer, Integer> slowStatuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<Void>> request : slow) {
            if (request.isDone() && !request.isCompletedExceptionally()) {
                slowStatuses.merge(request.join().statusCode(), 1, Integer::sum);
            }
        }
        System.out.printf("slow: %d × %s; answered before the probes %d, during them %d, statuses %s%n",
                slowCount, options.get("--slow-path"), doneBefore, doneAfter - doneBefore, slowStatuses);
        System.out.printf("probe: %d × %s while the others were in flight; statuses %s; p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                probes, options.get("--probe-path"), probeStatuses, latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
        System.exit(0); // the slow requests still in flight are not waited for
    }

    private static HttpRequest request(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).build();
    }
}
