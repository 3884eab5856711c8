package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.core.runtime.ConsumerRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stall: 200 concurrent {@code /home?count=2&delay=15}, no login needed, once took every
 * thread of the shared pool of 64 and stalled {@code /admin/login/}. The bulkhead of {@code /home}
 * now refuses what it cannot run at once, and the login page is answered while its slow requests
 * hold their threads. How fast is measured by {@code notify-bench}'s {@code StallCheck}, not here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StallTest {
    private static final int SLOW_REQUESTS = 200;

    @TempDir
    Path directory;

    private NotificationApp app;
    private HttpClient client;

    @BeforeEach
    void start() {
        // the slow requests still in flight when the test ends are not waited for
        app = TestApps.start(directory, Map.of("NOTIFY_SERVER_SHUTDOWN_GRACE", "0"));
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void theLoginPageIsAnsweredWhileTwoHundredSlowRequestsAreInFlight() throws Exception {
        int refusedExpected = SLOW_REQUESTS - ConsumerRuntime.DEFAULT_ROUTE_CONCURRENCY;
        CountDownLatch refused = new CountDownLatch(refusedExpected);
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_REQUESTS; i++) {
            slow.add(client.sendAsync(get("/home?count=2&delay=15"), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (response != null && response.statusCode() == 503) {
                            refused.countDown();
                        }
                    }));
        }
        // every slow request has reached the server: the bulkhead refused these, the others run
        refused.await();

        HttpResponse<String> login = client.send(get("/admin/login/"), HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("csrfmiddlewaretoken");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(slow).filteredOn(CompletableFuture::isDone).hasSize(refusedExpected)
                .allSatisfy(done -> assertThat(done.get().headers().firstValue("Retry-After")).contains("1"));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build();
    }
}
