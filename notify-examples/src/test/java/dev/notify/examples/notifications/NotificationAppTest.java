package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.netty.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end checks against the running app on a free port, with real sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotificationAppTest {
    @TempDir
    Path directory;

    private NotificationApp app;
    private HttpBrowser browser;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        app = TestApps.start(directory, Map.of());
        browser = new HttpBrowser(app.baseUrl());
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        app.close();
    }

    private WsClient client() {
        WsClient client = WsClient.connect(TestApps.ws(app));
        clients.add(client);
        return client;
    }

    @Test
    void answersAClientsTextWithTheOriginalsReply() {
        WsClient client = client();

        client.send("{\"message\": \"hello\"}");

        assertThat(client.receive()).isEqualTo("{\"status\": \"Data received!\"}");
    }

    @Test
    void homeDeliversOneTwoThreeInOrderToEveryClientBeforeAnswering() throws Exception {
        List<WsClient> three = List.of(client(), client(), client());

        HttpResponse<String> response = browser.get("/home?count=3&delay=0");

        assertThat(response.statusCode()).isEqualTo(200);
        browser.get("/home?count=1&delay=0"); // a later marker: nothing came between the two bursts
        for (WsClient client : three) {
            assertThat(List.of(client.receive(), client.receive(), client.receive(), client.receive()))
                    .containsExactly("{\"count\": 1}", "{\"count\": 2}", "{\"count\": 3}", "{\"count\": 1}");
        }
    }

    @Test
    void aBurstOfAThousandReachesEveryClientWholeAndInOrder() throws Exception {
        List<WsClient> three = List.of(client(), client(), client());

        assertThat(browser.get("/home?count=1000&delay=0").statusCode()).isEqualTo(200);

        for (WsClient client : three) {
            for (int i = 1; i <= 1000; i++) {
                assertThat(client.receive()).isEqualTo("{\"count\": " + i + "}");
            }
        }
    }

    @Test
    void aNotificationAddedInTheAdminReachesClientsWithTheUnseenCount() throws Exception {
        WsClient client = client();
        assertThat(browser.login(TestApps.ADMIN, TestApps.PASSWORD).statusCode()).isEqualTo(302);

        assertThat(browser.addNotification("Disk almost full", false).statusCode()).isEqualTo(302);
        assertThat(client.receive()).isEqualTo("{\"count\": 1, \"current_notification\": \"Disk almost full\"}");

        browser.addNotification("Backup done", false);
        assertThat(client.receive()).isEqualTo("{\"count\": 2, \"current_notification\": \"Backup done\"}");
    }

    @Test
    void bulkMarkSeenSendsACountOfZero() throws Exception {
        WsClient client = client();
        browser.login(TestApps.ADMIN, TestApps.PASSWORD);
        browser.addNotification("one", false);
        browser.addNotification("two", false);
        client.receive();
        client.receive();
        HttpResponse<String> list = browser.get("/admin/notifications/?seen__exact=0");
        List<String> form = new ArrayList<>(List.of("csrfmiddlewaretoken", HttpBrowser.csrfToken(list), "action", "mark_seen"));
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("name=\"ids\" value=\"(\\d+)\"").matcher(list.body());
        while (ids.find()) {
            form.addAll(List.of("ids", ids.group(1)));
        }
        assertThat(form).hasSize(8);

        HttpResponse<String> response = browser.post("/admin/notifications/?seen__exact=0", form);

        assertThat(response.statusCode()).isEqualTo(302);
        String first = client.receive();
        String last = client.receive();
        assertThat(first).startsWith("{\"count\": 1, ");
        assertThat(last).startsWith("{\"count\": 0, ");
        assertThat(browser.get("/admin/notifications/?seen__exact=0").body()).contains("0 notifications");
    }

    @Test
    void refusesAPostWithoutItsCsrfToken() throws Exception {
        WsClient client = client();
        browser.login(TestApps.ADMIN, TestApps.PASSWORD);

        HttpResponse<String> response = browser.post("/admin/notifications/add/", List.of("text", "forged", "_save", "Save"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("CSRF verification failed");
        assertThat(browser.get("/admin/notifications/").body()).contains("0 notifications");
        browser.addNotification("after the forgery", false);
        assertThat(client.receive()).as("the refused post sent nothing before this")
                .isEqualTo("{\"count\": 1, \"current_notification\": \"after the forgery\"}");
    }

    @Test
    void refusesAnonymousAccessToTheAdmin() throws Exception {
        HttpResponse<String> list = browser.get("/admin/notifications/");
        HttpResponse<String> add = browser.get("/admin/notifications/add/");
        HttpResponse<String> post = browser.post("/admin/notifications/add/", List.of("text", "anonymous"));

        assertThat(list.statusCode()).isEqualTo(302);
        assertThat(list.headers().firstValue("Location")).contains("/admin/login/?next=/admin/notifications/");
        assertThat(add.statusCode()).isEqualTo(302);
        assertThat(post.statusCode()).isEqualTo(403);
    }

    @Test
    void servesHealthTheLivePageAndItsScript() throws Exception {
        assertThat(browser.get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> page = browser.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span id=\"badge\">0</span>", "/static/live.js");
        assertThat(browser.get("/static/live.js").body()).contains("new WebSocket(url)");
        assertThat(browser.get("/static/admin.css").statusCode()).isEqualTo(200);
        assertThat(browser.get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesWebSocketsFromForeignOriginsAndUnknownPaths() {
        HttpClient http = HttpClient.newHttpClient();

        assertThatThrownBy(() -> http.newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(TestApps.ws(app), new java.net.http.WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/ws/other/"), new java.net.http.WebSocket.Listener() { }).join())
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void keepsNotificationsAcrossARestart() throws Exception {
        browser.login(TestApps.ADMIN, TestApps.PASSWORD);
        browser.addNotification("survives", false);
        app.close();

        app = TestApps.start(directory, Map.of());

        HttpResponse<String> page = new HttpBrowser(app.baseUrl()).get("/");
        assertThat(page.body()).contains("<span id=\"badge\">1</span>", "survives");
    }
}
