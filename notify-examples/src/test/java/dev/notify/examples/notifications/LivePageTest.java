package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.Scope;
import dev.notify.examples.notifications.store.Database;
import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LivePageTest {
    @TempDir
    Path directory;

    private Database database;
    private NotificationStore store;

    @BeforeEach
    void open() throws SQLException {
        database = TestDatabases.open(directory);
        store = new NotificationStore(database, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static HttpRequest get(String path) {
        return new HttpRequest("GET", Scope.builder(Scope.Type.HTTP, path).build(), new byte[0]);
    }

    @Test
    void rendersTheUnseenCountAndTheNewestUnseenNotificationEscaped() throws SQLException {
        store.create("older", false);
        store.create("<i>newest</i>", false);
        store.create("seen already", true);

        String html = new LivePage(store, Optional.empty()).handle(get("/")).bodyText();

        assertThat(html).contains("<span id=\"badge\">2</span>", "<span id=\"current\">&lt;i&gt;newest&lt;/i&gt;</span>",
                "<meta name=\"notify-ws-url\" content=\"\">");
    }

    @Test
    void pointsThePageAtTheWebSocketProcessInTheTwoProcessSetup() throws SQLException {
        HttpResponse page = new LivePage(store, Optional.of("ws://127.0.0.1:8001/ws/test/")).handle(get("/"));

        assertThat(page.bodyText()).contains("content=\"ws://127.0.0.1:8001/ws/test/\"");
        assertThat(page.headers().get("Content-Security-Policy")).singleElement().asString()
                .contains("connect-src 'self' ws://127.0.0.1:8001;");
    }
}
