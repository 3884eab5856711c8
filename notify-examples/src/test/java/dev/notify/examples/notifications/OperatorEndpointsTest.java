package dev.notify.examples.notifications;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.netty.WsClient;
import dev.notify.redis.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads: /healthz (liveness), /readyz (readiness, the layer's health) and /metrics. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OperatorEndpointsTest {
    /** The endpoints announce nothing: a probe polls them, as a load balancer would. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    private HttpResponse<String> get(NotificationApp app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the status of a WebSocket handshake on the app's consumer path: 101 when it opened */
    private int handshake(NotificationApp app) {
        try {
            WebSocket socket = http.newWebSocketBuilder().buildAsync(TestApps.ws(app), new WebSocket.Listener() { })
                    .orTimeout(10, TimeUnit.SECONDS).join();
            socket.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private boolean status(NotificationApp app, String path, int expected) {
        try {
            return get(app, path).statusCode() == expected;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readinessFollowsRedisWhileLivenessStays() throws Exception {
        try (RedisServer redis = RedisServer.spawn();
             NotificationApp app = TestApps.start(directory, Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_URL", redis.uri()))) {
            String address = "127.0.0.1:" + redis.port();
            HttpResponse<String> ready = get(app, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).startsWith("ready: ").contains(address);

            redis.stop();
            awaitCondition("/readyz reports the outage", PATIENCE, () -> status(app, "/readyz", 503));
            HttpResponse<String> notReady = get(app, "/readyz");
            assertThat(notReady.body()).startsWith("not ready: channel layer " + address + " unreachable since ")
                    .endsWith("\n").hasLineCount(1);
            assertThat(get(app, "/healthz").statusCode()).as("liveness").isEqualTo(200);
            HttpResponse<String> home = get(app, "/home?count=1&delay=0");
            assertThat(home.statusCode()).isEqualTo(503);
            assertThat(home.body()).contains("channel layer").hasLineCount(1);
            assertThat(handshake(app)).as("a new WebSocket").isEqualTo(503);

            redis.start();
            awaitCondition("/readyz is ready again", PATIENCE, () -> status(app, "/readyz", 200));
            awaitCondition("/home works again", PATIENCE, () -> status(app, "/home?count=1&delay=0", 200));
            assertThat(handshake(app)).isEqualTo(101);
        }
    }

    @Test
    void metricsMoveWhenClientsConnectAndDisconnect() throws Exception {
        try (NotificationApp app = TestApps.start(directory, Map.of())) {
            HttpResponse<String> metrics = get(app, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(AppRoutes.PROMETHEUS_TEXT);
            assertThat(metric(app, "notify_connections_open{protocol=\"websocket\"}")).isZero();
            double accepted = metric(app, "notify_websocket_handshakes_total{outcome=\"accepted\"}");

            WsClient first = WsClient.connect(TestApps.ws(app));
            WsClient second = WsClient.connect(TestApps.ws(app));
            awaitCondition("two sockets are counted", PATIENCE, () -> metricNow(app, "notify_connections_open{protocol=\"websocket\"}") == 2);
            assertThat(metric(app, "notify_websocket_handshakes_total{outcome=\"accepted\"}")).isEqualTo(accepted + 2);
            assertThat(metric(app, "notify_layer_operations_total{operation=\"group_add\",outcome=\"success\"}")).isPositive();

            double framesIn = metric(app, "notify_websocket_frames_total{direction=\"in\"}");
            first.send("hello");
            awaitCondition("the frame is counted", PATIENCE, () -> metricNow(app, "notify_websocket_frames_total{direction=\"in\"}") == framesIn + 1);
            first.close();
            awaitCondition("one socket is left", PATIENCE, () -> metricNow(app, "notify_connections_open{protocol=\"websocket\"}") == 1);
            second.close();
            awaitCondition("no socket is left", PATIENCE, () -> metricNow(app, "notify_connections_open{protocol=\"websocket\"}") == 0);
        }
    }

    private double metricNow(NotificationApp app, String series) {
        try {
            return metric(app, series);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** @return the value of one series of /metrics, such as {@code notify_connections_open{protocol="http"}} */
    private double metric(NotificationApp app, String series) throws Exception {
        String text = get(app, "/metrics").body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        if (!value.find()) {
            throw new AssertionError("no series " + series + " in /metrics:\n" + text);
        }
        return Double.parseDouble(value.group(1));
    }
}
