package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.notify.config.NotifyConfig;
import dev.notify.examples.notifications.admin.PasswordHasher;
import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.netty.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users on sockets and on HTTP, end to end against the running app on real sockets: the admin's
 * session cookie and tokens at {@code /ws/me/}, the refusals, {@code changepassword}, the live
 * page, and the host and origin checks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UsersEndToEndTest {
    private static final String SECRET = "the tests' token secret, 32 bytes or longer";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private NotificationApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private NotificationApp start(Map<String, String> environment) {
        app = TestApps.start(directory, environment);
        return app;
    }

    private URI me(String query) {
        return URI.create("ws://127.0.0.1:" + app.port() + AppRoutes.ME_PATH + query);
    }

    private static String token(String subject, Instant expires, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static Map<String, String> cookie(HttpBrowser browser) {
        return Map.of("Cookie", "sessionid=" + browser.cookie("sessionid").orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws Exception {
        return JSON.readValue(text, Map.class);
    }

    private static void assertFirstMessage(WsClient client, String user, int unseen) throws Exception {
        Map<String, Object> first = json(client.receive());
        assertThat(first).containsOnlyKeys("user", "unseen", "server_time").containsEntry("user", user).containsEntry("unseen", unseen);
        assertThat((String) first.get("server_time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(Instant.parse((String) first.get("server_time"))).isAfter(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void theAdminsSessionCookieOpensMeWhichSaysWhoThenForwardsTheNotifications() throws Exception {
        start(Map.of());
        HttpBrowser browser = new HttpBrowser(app.baseUrl());
        assertThat(browser.login(TestApps.ADMIN, TestApps.PASSWORD).statusCode()).isEqualTo(302);
        browser.addNotification("first", false);

        try (WsClient client = WsClient.connect(me(""), cookie(browser))) {
            assertFirstMessage(client, "admin", 1);

            browser.addNotification("second", false);
            assertThat(client.receive()).isEqualTo("{\"count\": 2, \"current_notification\": \"second\"}");
            assertThat(browser.get("/home?count=2&delay=0").statusCode()).isEqualTo(200);
            assertThat(List.of(client.receive(), client.receive())).containsExactly("{\"count\": 1}", "{\"count\": 2}");
        }
    }

    @Test
    void aTokenInTheAuthorizationHeaderOrTheQueryOpensMe() throws Exception {
        start(Map.of("NOTIFY_JWT_SECRET", SECRET));
        String token = token("admin", Instant.now().plus(Duration.ofMinutes(5)), SECRET);

        try (WsClient header = WsClient.connect(me(""), Map.of("Authorization", "Bearer " + token));
             WsClient query = WsClient.connect(me("?token=" + token), Map.of())) {
            assertFirstMessage(header, "admin", 0);
            assertFirstMessage(query, "admin", 0);
        }
    }

    @Test
    void withoutAValidCredentialMeAnswers403() throws Exception {
        start(Map.of("NOTIFY_JWT_SECRET", SECRET));
        HttpBrowser loggedOut = new HttpBrowser(app.baseUrl());
        loggedOut.login(TestApps.ADMIN, TestApps.PASSWORD);
        Map<String, String> oldCookie = cookie(loggedOut);
        String token = csrf(loggedOut, "/admin/logout/");
        assertThat(loggedOut.post("/admin/logout/", List.of("csrfmiddlewaretoken", token)).body()).contains("Logged out");

        assertThat(WsClient.refusal(me(""), Map.of())).as("no credential").isEqualTo(403);
        assertThat(WsClient.refusal(me(""), oldCookie)).as("a logged-out session's cookie").isEqualTo(403);
        assertThat(WsClient.refusal(me("?token=" + token("admin", Instant.now().minus(Duration.ofMinutes(5)), SECRET)), Map.of()))
                .as("an expired token").isEqualTo(403);
        assertThat(WsClient.refusal(me(""), Map.of("Authorization", "Bearer "
                + token("admin", Instant.now().plus(Duration.ofMinutes(5)), "another secret, also 32 bytes or more"))))
                .as("a bad signature").isEqualTo(403);
        assertThat(WsClient.refusal(me("?token=" + token("nobody", Instant.now().plus(Duration.ofMinutes(5)), SECRET)), Map.of()))
                .as("a user that does not exist").isEqualTo(403);
    }

    @Test
    void withoutTheSecretTokenLoginIsOffAndTheCookieStillWorks() throws Exception {
        start(Map.of());
        String token = token("admin", Instant.now().plus(Duration.ofMinutes(5)), SECRET);
        assertThat(WsClient.refusal(me("?token=" + token), Map.of())).isEqualTo(403);
        assertThat(WsClient.refusal(me(""), Map.of("Authorization", "Bearer " + token))).isEqualTo(403);

        HttpBrowser browser = new HttpBrowser(app.baseUrl());
        browser.login(TestApps.ADMIN, TestApps.PASSWORD);
        try (WsClient client = WsClient.connect(me(""), cookie(browser))) {
            assertFirstMessage(client, "admin", 0);
        }
    }

    @Test
    void changepasswordEndsEverySessionOfThatUser() throws Exception {
        start(Map.of());
        HttpBrowser laptop = new HttpBrowser(app.baseUrl());
        HttpBrowser phone = new HttpBrowser(app.baseUrl());
        laptop.login(TestApps.ADMIN, TestApps.PASSWORD);
        phone.login(TestApps.ADMIN, TestApps.PASSWORD);
        assertThat(laptop.get("/admin/notifications/").statusCode()).isEqualTo(200);

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = changePassword(output, "a brand new password");

        assertThat(code).as(output.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("every session of that user has ended");
        for (HttpBrowser browser : List.of(laptop, phone)) {
            assertThat(WsClient.refusal(me(""), cookie(browser))).isEqualTo(403);
            assertThat(browser.get("/admin/notifications/").headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).startsWith("/admin/login/"));
        }
        HttpBrowser again = new HttpBrowser(app.baseUrl());
        assertThat(again.login(TestApps.ADMIN, "a brand new password").statusCode()).isEqualTo(302);
    }

    private int changePassword(ByteArrayOutputStream output, String password) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("NOTIFY_DB_URL", TestDatabases.url(directory));
        ArrayDeque<String> answers = new ArrayDeque<>(List.of(password, password));
        ManagementCommands.Prompter prompter = new ManagementCommands.Prompter() {
            @Override
            public String line(String prompt) {
                return answers.poll();
            }

            @Override
            public String password(String prompt) {
                return answers.poll();
            }
        };
        return new ManagementCommands(AppConfig.from(NotifyConfig.fromEnvironment(env)), Optional.of(prompter),
                new PrintStream(output, true, StandardCharsets.UTF_8), new PasswordHasher(10_000)).changePassword(List.of(TestApps.ADMIN));
    }

    @Test
    void theLivePageShowsWhoIsLoggedIn() throws Exception {
        start(Map.of());
        HttpBrowser browser = new HttpBrowser(app.baseUrl());
        assertThat(browser.get("/").body()).contains("Not logged in");

        browser.login(TestApps.ADMIN, TestApps.PASSWORD);

        assertThat(browser.get("/").body()).contains("Logged in as <strong id=\"user\">admin</strong>");
    }

    @Test
    void anotherHostOrTwoHostHeadersGet400AndOriginNullGets403() throws Exception {
        start(Map.of());
        assertThat(status("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")).isEqualTo(400);
        assertThat(status("GET /ws/test/ HTTP/1.1\r\nHost: evil.example:" + app.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")).isEqualTo(400);
        assertThat(status("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + app.port() + "\r\nHost: evil.example\r\nConnection: close\r\n\r\n"))
                .isEqualTo(400);
        assertThat(status("GET / HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
        assertThat(WsClient.refusal(TestApps.ws(app), Map.of("Origin", "null"))).isEqualTo(403);
    }

    private static String csrf(HttpBrowser browser, String page) throws Exception {
        return HttpBrowser.csrfToken(browser.get(page));
    }

    private int status(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        }
    }
}
