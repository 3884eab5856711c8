package dev.notify.examples.notifications;

import static dev.notify.examples.notifications.InProcessClient.csrfToken;
import static dev.notify.examples.notifications.InProcessClient.location;
import static dev.notify.examples.notifications.InProcessClient.setCookies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.config.NotifyConfig;
import dev.notify.core.runtime.ConsumerRuntime;
import dev.notify.examples.notifications.admin.PasswordHasher;
import dev.notify.examples.notifications.store.Notification;
import dev.notify.examples.notifications.store.NotificationQuery;
import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.http.HttpResponse;
import dev.notify.inmemory.InMemoryChannelLayer;
import dev.notify.layer.ChannelLayer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin through the real router and runtime, with a real H2 file database and in-memory layer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminSiteTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path directory;

    private ChannelLayer layer;
    private Site site;
    private ConsumerRuntime runtime;
    private InProcessClient browser;
    private GroupListener group;

    @BeforeEach
    void start() throws SQLException {
        AppConfig config = AppConfig.from(NotifyConfig.fromMap(Map.of(
                AppConfig.DB_URL, TestDatabases.url(directory),
                AppConfig.ADMIN_USER, "admin",
                AppConfig.ADMIN_PASSWORD, PASSWORD)));
        layer = InMemoryChannelLayer.create();
        site = Site.open(config, layer, Clock.systemUTC(), new PasswordHasher(1000));
        runtime = ConsumerRuntime.create(layer, AppRoutes.router(config, site, () -> true));
        browser = new InProcessClient(runtime);
        group = new GroupListener(layer);
    }

    @AfterEach
    void stop() {
        runtime.close();
        site.close();
        layer.close();
    }

    private List<Notification> stored() throws SQLException {
        return site.store.list(NotificationQuery.ALL, 1, 100).items();
    }

    @Test
    void sendsAnonymousUsersToTheLoginPage() {
        HttpResponse list = browser.get("/admin/notifications/?q=disk");

        assertThat(list.status()).isEqualTo(302);
        assertThat(location(list)).isEqualTo("/admin/login/?next=/admin/notifications/%3Fq%3Ddisk");
        assertThat(location(browser.get("/admin/notifications/1/change/"))).startsWith("/admin/login/?next=");
        assertThat(location(browser.get("/admin/"))).isEqualTo("/admin/login/?next=/admin/");
    }

    @Test
    void servesALoginFormWithACsrfTokenInAnHttpOnlySameSiteCookie() {
        HttpResponse page = browser.get("/admin/login/?next=/admin/notifications/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.bodyText()).contains("name=\"username\"", "name=\"password\"",
                "name=\"next\" value=\"/admin/notifications/\"");
        assertThat(setCookies(page)).singleElement().asString()
                .startsWith("csrftoken=" + csrfToken(page) + ";").contains("HttpOnly", "SameSite=Lax", "Path=/");
    }

    @Test
    void logsInWithTheRightPasswordAndSetsASessionCookie() {
        HttpResponse response = browser.login("admin", PASSWORD);

        assertThat(response.status()).isEqualTo(302);
        assertThat(location(response)).isEqualTo("/admin/notifications/");
        assertThat(setCookies(response)).anySatisfy(c -> assertThat(c).startsWith("sessionid=").contains("HttpOnly", "SameSite=Lax"));
        HttpResponse list = browser.get("/admin/notifications/");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.bodyText()).contains("Welcome, <strong>admin</strong>", "0 notifications");
    }

    @Test
    void refusesAWrongPassword() {
        HttpResponse response = browser.login("admin", "wrong password");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).contains("Please enter the correct username and password");
        assertThat(browser.cookies).doesNotContainKey("sessionid");
        assertThat(browser.get("/admin/notifications/").status()).isEqualTo(302);
    }

    @Test
    void rotatesTheCsrfTokenOnLogin() {
        String before = csrfToken(browser.get("/admin/login/"));

        browser.login("admin", PASSWORD);

        assertThat(browser.cookies.get("csrftoken")).isNotEqualTo(before);
    }

    @Test
    void refusesPostsWithoutAValidCsrfToken() throws SQLException {
        browser.login("admin", PASSWORD);

        HttpResponse missing = browser.post("/admin/notifications/add/", List.of("text", "sneaky", "_save", "Save"));
        HttpResponse wrong = browser.post("/admin/notifications/add/",
                List.of("csrfmiddlewaretoken", "x".repeat(43), "text", "sneaky", "_save", "Save"));

        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.bodyText()).contains("CSRF verification failed", "CSRF token missing.");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.bodyText()).contains("CSRF token incorrect.");
        assertThat(stored()).isEmpty();
        group.assertNothingElseSent();
    }

    @Test
    void refusesPostsFromAnotherOrigin() throws SQLException {
        browser.login("admin", PASSWORD);
        String token = csrfToken(browser.get("/admin/notifications/add/"));

        HttpResponse response = browser.post("/admin/notifications/add/",
                List.of("csrfmiddlewaretoken", token, "text", "sneaky"), Map.of("Origin", "http://evil.example"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.bodyText()).contains("Origin checking failed");
        assertThat(stored()).isEmpty();
    }

    @Test
    void refusesAnonymousPostsBeforeTouchingAnything() throws SQLException {
        String token = csrfToken(browser.get("/admin/login/"));

        HttpResponse response = browser.post("/admin/notifications/add/", List.of("csrfmiddlewaretoken", token, "text", "x"));

        assertThat(response.status()).isEqualTo(302);
        assertThat(location(response)).startsWith("/admin/login/");
        assertThat(stored()).isEmpty();
    }

    @Test
    void addsANotificationAndBroadcastsTheUnseenCount() throws SQLException {
        browser.login("admin", PASSWORD);
        String token = csrfToken(browser.get("/admin/notifications/add/"));

        HttpResponse response = browser.post("/admin/notifications/add/",
                List.of("csrfmiddlewaretoken", token, "text", "Disk \"almost\" full", "_save", "Save"));

        assertThat(response.status()).isEqualTo(302);
        assertThat(location(response)).isEqualTo("/admin/notifications/");
        assertThat(group.nextValue()).isEqualTo("{\"count\": 1, \"current_notification\": \"Disk \\\"almost\\\" full\"}");
        assertThat(stored()).singleElement().satisfies(n -> {
            assertThat(n.text()).isEqualTo("Disk \"almost\" full");
            assertThat(n.seen()).isFalse();
        });
        assertThat(browser.get("/admin/notifications/").bodyText())
                .contains("The notification “Disk &quot;almost&quot; full” was added successfully.");
    }

    @Test
    void showsFormErrorsWithoutSaving() throws SQLException {
        browser.login("admin", PASSWORD);
        String token = csrfToken(browser.get("/admin/notifications/add/"));

        HttpResponse response = browser.post("/admin/notifications/add/", List.of("csrfmiddlewaretoken", token, "text", "   "));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).contains("Please correct the error below.", "This field is required.");
        assertThat(stored()).isEmpty();
    }

    @Test
    void changesANotificationAndBroadcasts() throws SQLException {
        browser.login("admin", PASSWORD);
        long id = site.store.create("before", false).notification().id();
        HttpResponse form = browser.get("/admin/notifications/" + id + "/change/");
        assertThat(form.bodyText()).contains(">before</textarea>");

        HttpResponse response = browser.post("/admin/notifications/" + id + "/change/",
                List.of("csrfmiddlewaretoken", csrfToken(form), "text", "after", "seen", "on", "_continue", "Save and continue editing"));

        assertThat(location(response)).isEqualTo("/admin/notifications/" + id + "/change/");
        assertThat(group.nextValue()).isEqualTo("{\"count\": 0, \"current_notification\": \"after\"}");
        assertThat(site.store.find(id).orElseThrow().seen()).isTrue();
    }

    @Test
    void marksTheSelectedSeenInBulkAndBroadcastsDownToZero() throws SQLException {
        browser.login("admin", PASSWORD);
        long a = site.store.create("a", false).notification().id();
        long b = site.store.create("b", false).notification().id();
        String token = csrfToken(browser.get("/admin/notifications/"));

        HttpResponse response = browser.post("/admin/notifications/",
                List.of("csrfmiddlewaretoken", token, "action", "mark_seen", "ids", Long.toString(a), "ids", Long.toString(b)));

        assertThat(response.status()).isEqualTo(302);
        assertThat(group.nextValue()).isEqualTo("{\"count\": 1, \"current_notification\": \"a\"}");
        assertThat(group.nextValue()).isEqualTo("{\"count\": 0, \"current_notification\": \"b\"}");
        assertThat(stored()).allMatch(Notification::seen);
        assertThat(browser.get(location(response)).bodyText()).contains("2 notifications were successfully marked as seen.");
    }

    @Test
    void warnsWhenNoActionOrNoItemIsChosen() {
        browser.login("admin", PASSWORD);
        String token = csrfToken(browser.get("/admin/notifications/"));

        browser.post("/admin/notifications/", List.of("csrfmiddlewaretoken", token, "action", "", "ids", "1"));
        assertThat(browser.get("/admin/notifications/").bodyText()).contains("No action selected.");
        browser.post("/admin/notifications/", List.of("csrfmiddlewaretoken", token, "action", "mark_seen"));
        assertThat(browser.get("/admin/notifications/").bodyText()).contains("Items must be selected");
    }

    @Test
    void deletesAfterConfirmation() throws SQLException {
        browser.login("admin", PASSWORD);
        long id = site.store.create("doomed", false).notification().id();

        HttpResponse confirm = browser.get("/admin/notifications/" + id + "/delete/");
        assertThat(confirm.bodyText()).contains("Are you sure you want to delete the notification “doomed”?");
        assertThat(stored()).hasSize(1);

        HttpResponse response = browser.post("/admin/notifications/" + id + "/delete/",
                List.of("csrfmiddlewaretoken", csrfToken(confirm), "post", "yes"));

        assertThat(location(response)).isEqualTo("/admin/notifications/");
        assertThat(stored()).isEmpty();
        assertThat(group.nextValue()).isEqualTo("{\"count\": 0, \"current_notification\": null}");
    }

    @Test
    void deletesSelectedAfterConfirmation() throws SQLException {
        browser.login("admin", PASSWORD);
        long a = site.store.create("a", true).notification().id();
        long b = site.store.create("b", true).notification().id();
        String token = csrfToken(browser.get("/admin/notifications/"));
        List<String> selection = List.of("csrfmiddlewaretoken", token, "action", "delete_selected",
                "ids", Long.toString(a), "ids", Long.toString(b));

        HttpResponse confirm = browser.post("/admin/notifications/", selection);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.bodyText()).contains("Are you sure you want to delete the selected notifications?");
        assertThat(stored()).hasSize(2);

        List<String> confirmed = new java.util.ArrayList<>(selection);
        confirmed.addAll(List.of("post", "yes"));
        browser.post("/admin/notifications/", confirmed);

        assertThat(stored()).isEmpty();
        assertThat(browser.get("/admin/notifications/").bodyText()).contains("Successfully deleted 2 notifications.");
    }

    @Test
    void listsNewestFirstWithFilterAndSearch() throws SQLException {
        browser.login("admin", PASSWORD);
        site.store.create("Disk full", false);
        site.store.create("Backup done", true);
        site.store.create("<script>alert(1)</script>", false);

        String all = browser.get("/admin/notifications/").bodyText();
        String unseen = browser.get("/admin/notifications/?seen__exact=0").bodyText();
        String searched = browser.get("/admin/notifications/?q=DISK").bodyText();

        assertThat(all).contains("3 notifications", "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(all.indexOf("alert(1)")).isLessThan(all.indexOf("Backup done"));
        assertThat(all.indexOf("Backup done")).isLessThan(all.indexOf("Disk full"));
        assertThat(unseen).contains("Disk full", "2 notifications").doesNotContain("Backup done");
        assertThat(searched).contains("Disk full", "1 result").doesNotContain("Backup done");
    }

    @Test
    void logsOutWithAPostAndForgetsTheSession() {
        browser.login("admin", PASSWORD);
        String session = browser.cookies.get("sessionid");
        String token = csrfToken(browser.get("/admin/logout/"));

        HttpResponse response = browser.post("/admin/logout/", List.of("csrfmiddlewaretoken", token));

        assertThat(response.bodyText()).contains("Logged out");
        assertThat(browser.cookies).doesNotContainKey("sessionid");
        browser.cookies.put("sessionid", session);
        assertThat(browser.get("/admin/notifications/").status()).isEqualTo(302);
    }

    @Test
    void redirectsAfterLoginOnlyWithinTheSite() {
        String token = csrfToken(browser.get("/admin/login/"));

        HttpResponse response = browser.post("/admin/login/", List.of("csrfmiddlewaretoken", token,
                "username", "admin", "password", PASSWORD, "next", "//evil.example/"));

        assertThat(location(response)).isEqualTo("/admin/");
    }

    @Test
    void answersAFormThatIsNotValidUrlEncodingWith400() {
        String token = csrfToken(browser.get("/admin/login/"));

        HttpResponse response = browser.postEncoded("/admin/login/",
                "csrfmiddlewaretoken=" + token + "&username=admin&password=%zz", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).startsWith("Bad Request: the form body is not valid url-encoding");
    }

    @Test
    void sendsUnknownIdsBackToTheIndexWithAMessage() {
        browser.login("admin", PASSWORD);

        HttpResponse response = browser.get("/admin/notifications/999/change/");

        assertThat(location(response)).isEqualTo("/admin/");
        assertThat(browser.get("/admin/").bodyText()).contains("notification with ID “999” doesn’t exist.");
    }

    @Test
    void putsACsrfTokenInEveryPostForm() throws SQLException {
        browser.login("admin", PASSWORD);
        long id = site.store.create("x", false).notification().id();

        for (String page : List.of("/admin/", "/admin/notifications/", "/admin/notifications/add/",
                "/admin/notifications/" + id + "/change/", "/admin/notifications/" + id + "/delete/", "/admin/logout/")) {
            String html = browser.get(page).bodyText();
            int posts = html.split("method=\"post\"", -1).length - 1;
            int tokens = html.split("name=\"csrfmiddlewaretoken\"", -1).length - 1;
            assertThat(posts).as(page).isPositive();
            assertThat(tokens).as(page).isEqualTo(posts);
        }
    }
}
