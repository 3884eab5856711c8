package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.http.ServerSentEvent;
import dev.notify.netty.WsClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /events/} against the running app on a free port, over real sockets, beside {@code /ws/test/}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventsEndToEndTest {
    @TempDir
    Path directory;

    private NotificationApp app;
    private HttpBrowser browser;

    @BeforeEach
    void start() {
        app = TestApps.start(directory, Map.of());
        browser = new HttpBrowser(app.baseUrl());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void streamsExactlyWhatTheWebSocketReceivesWithIds() throws Exception {
        try (SseClient events = SseClient.open(app.port(), "/events/", Map.of());
                WsClient ws = WsClient.connect(TestApps.ws(app))) {
            assertThat(events.head()).startsWith("HTTP/1.1 200 OK\r\n")
                    .containsIgnoringCase("content-type: " + ServerSentEvent.CONTENT_TYPE + "\r\n")
                    .containsIgnoringCase("cache-control: no-cache\r\n")
                    .containsIgnoringCase("transfer-encoding: chunked\r\n");

            assertThat(browser.get("/home?count=3&delay=0").statusCode()).isEqualTo(200);
            List<String> sent = List.of(ws.receive(), ws.receive(), ws.receive());
            assertThat(sent).containsExactly("{\"count\": 1}", "{\"count\": 2}", "{\"count\": 3}");
            assertThat(List.of(events.nextEvent(), events.nextEvent(), events.nextEvent())).containsExactly(
                    "id: 1\ndata: " + sent.get(0), "id: 2\ndata: " + sent.get(1), "id: 3\ndata: " + sent.get(2));

            assertThat(browser.login(TestApps.ADMIN, TestApps.PASSWORD).statusCode()).isEqualTo(302);
            assertThat(browser.addNotification("Disk almost full", false).statusCode()).isEqualTo(302);
            String saved = ws.receive();
            assertThat(saved).isEqualTo("{\"count\": 1, \"current_notification\": \"Disk almost full\"}");
            assertThat(events.nextEvent()).isEqualTo("id: 4\ndata: " + saved);
        }
    }

    @Test
    void aReconnectingClientsLastEventIdContinuesTheIds() throws Exception {
        try (SseClient events = SseClient.open(app.port(), "/events/", Map.of(ServerSentEvent.LAST_EVENT_ID, "41"))) {
            assertThat(browser.get("/home?count=1&delay=0").statusCode()).isEqualTo(200);
            assertThat(events.nextEvent()).isEqualTo("id: 42\ndata: {\"count\": 1}");
        }
    }

    @Test
    void anotherClientGoingAwayDoesNotDisturbAStreamWhichTheServerClosesOnShutdown() throws Exception {
        SseClient gone = SseClient.open(app.port(), "/events/", Map.of());
        gone.close();
        try (SseClient events = SseClient.open(app.port(), "/events/", Map.of())) {
            assertThat(browser.get("/home?count=1&delay=0").statusCode()).isEqualTo(200);
            assertThat(events.nextEvent()).isEqualTo("id: 1\ndata: {\"count\": 1}");
            app.close();
            assertThat(events.awaitClose(java.time.Duration.ofSeconds(10))).as("closed by the shutdown").isTrue();
        }
    }
}
