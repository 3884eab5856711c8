package dev.notify.examples.notifications;

import static dev.notify.tck.Await.awaitCondition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}) driven through the Chrome DevTools Protocol
 * with the JDK's own WebSocket client: navigate, and evaluate JavaScript in the page to read its DOM.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path profile;
    private final WebSocket devtools;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, WebSocket devtools) {
        this.process = process;
        this.profile = profile;
        this.devtools = devtools;
    }

    /**
     * Starts a headless browser on {@code about:blank}.
     *
     * @return the browser, with a page to drive
     * @throws AssertionError if Chromium is not installed, saying what to install
     */
    static Chromium start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: the browser test needs Debian's chromium."
                    + " Install it: apt-get update && apt-get install -y chromium");
        }
        Path profile = Files.createTempDirectory("notify-chromium");
        Process process = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank"))
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            int port = devToolsPort(process, profile);
            String pageSocket = pageWebSocketUrl(port);
            Chromium[] self = new Chromium[1];
            StringBuilder partial = new StringBuilder();
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        self[0].received(partial.toString());
                        partial.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            self[0] = new Chromium(process, profile, socket);
            return self[0];
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("cannot drive chromium: " + e + "\n" + Files.readString(profile.resolve("chromium.log")), e);
        }
    }

    private static int devToolsPort(Process process, Path profile) throws IOException {
        Path portFile = profile.resolve("DevToolsActivePort");
        // the browser writes the file when it is ready; nothing to wait on but the file
        awaitCondition("chromium writing its DevToolsActivePort", Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new IOException("chromium exited with " + process.exitValue());
            }
            return Files.exists(portFile) && !Files.readString(portFile).isBlank();
        });
        return Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    }

    private static String pageWebSocketUrl(int port) throws IOException, InterruptedException {
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(list.body())) {
            if ("page".equals(target.path("type").asText())) {
                return target.path("webSocketDebuggerUrl").asText();
            }
        }
        throw new IOException("chromium has no page target: " + list.body());
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                if (reply != null) {
                    reply.complete(message);
                }
            }
        } catch (IOException e) {
            // events we cannot parse are not ours to answer
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
        request.set("params", params);
        devtools.sendText(JSON.writeValueAsString(request), true).get(10, TimeUnit.SECONDS);
        JsonNode answer = reply.get(30, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    /** Opens a URL in the page. */
    void navigate(URI url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url.toString()));
    }

    /**
     * @param expression JavaScript evaluated in the page
     * @return its value as a string ({@code String(value)})
     */
    String evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode()
                .put("expression", "String(" + expression + ")").put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            return "exception: " + result.get("exceptionDetails").path("text").asText();
        }
        return result.path("result").path("value").asText();
    }

    /**
     * Evaluates until the value is the expected one.
     *
     * @param expression JavaScript evaluated in the page
     * @param expected the value awaited
     * @param timeout the longest wait
     * @throws AssertionError with the last value if it never came
     */
    void awaitValue(String expression, String expected, Duration timeout) {
        String[] last = new String[1];
        // the DOM has no event we can await from outside the page
        awaitCondition(() -> "in the page, " + expression + " stayed '" + last[0] + "', expected '" + expected + "'", timeout,
                () -> {
                    last[0] = evaluate(expression);
                    return expected.equals(last[0]);
                });
    }

    @Override
    public void close() throws IOException {
        devtools.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
