package dev.notify.examples.notifications;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's headless Chromium opens the live page; notifications added through the admin and a
 * /home burst show up on it, also after the server restarts under it, and through the event stream
 * {@code /events/} when the server refuses its WebSocket. Fails (never skips) when
 * chromium is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LivePageBrowserTest {
    private static final String STATUS = "document.getElementById('status').className";
    private static final String STATUS_TEXT = "document.getElementById('status').textContent";
    private static final String BADGE = "document.getElementById('badge').textContent";
    private static final String CURRENT = "document.getElementById('current').textContent";
    private static final String LATEST = "document.getElementById('log').firstChild.lastChild.textContent";

    @TempDir
    Path directory;

    private NotificationApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void showsNotificationsAndBurstsAsTheyArriveAndReconnects() throws Exception {
        app = TestApps.start(directory, Map.of());
        try (Chromium chromium = Chromium.start()) {
            chromium.navigate(app.baseUrl().resolve("/"));
            chromium.awaitValue(STATUS, "open", Duration.ofSeconds(20));
            chromium.awaitValue(BADGE, "0", Duration.ofSeconds(1));

            HttpBrowser admin = new HttpBrowser(app.baseUrl());
            admin.login(TestApps.ADMIN, TestApps.PASSWORD);
            admin.addNotification("Hello from the admin", false);
            chromium.awaitValue(BADGE, "1", Duration.ofSeconds(10));
            chromium.awaitValue(CURRENT, "Hello from the admin", Duration.ofSeconds(1));

            admin.get("/home?count=3&delay=0");
            chromium.awaitValue(LATEST, "burst: 3", Duration.ofSeconds(10));

            int port = app.port();
            app.close();
            chromium.awaitValue(STATUS, "closed", Duration.ofSeconds(10));
            app = TestApps.start(directory, Map.of("NOTIFY_PORT", Integer.toString(port)));
            chromium.awaitValue(STATUS, "open", Duration.ofSeconds(20));

            HttpBrowser again = new HttpBrowser(app.baseUrl());
            again.login(TestApps.ADMIN, TestApps.PASSWORD);
            again.addNotification("After the restart", false);
            chromium.awaitValue(CURRENT, "After the restart", Duration.ofSeconds(10));
            chromium.awaitValue(BADGE, "2", Duration.ofSeconds(1));
        }
    }

    @Test
    void fallsBackToTheEventStreamWhenTheWebSocketIsRefused() throws Exception {
        // the page's own origin is not allowed: its WebSocket handshake gets 403, plain requests pass
        app = TestApps.start(directory, Map.of("NOTIFY_ALLOWED_ORIGINS", "https://elsewhere.example"));
        try (Chromium chromium = Chromium.start()) {
            chromium.navigate(app.baseUrl().resolve("/"));
            chromium.awaitValue(STATUS_TEXT, "live (event stream)", Duration.ofSeconds(20));

            HttpBrowser admin = new HttpBrowser(app.baseUrl());
            admin.login(TestApps.ADMIN, TestApps.PASSWORD);
            admin.addNotification("Over the event stream", false);
            chromium.awaitValue(BADGE, "1", Duration.ofSeconds(10));
            chromium.awaitValue(CURRENT, "Over the event stream", Duration.ofSeconds(1));

            admin.get("/home?count=3&delay=0");
            chromium.awaitValue(LATEST, "burst: 3", Duration.ofSeconds(10));
        }
    }
}
