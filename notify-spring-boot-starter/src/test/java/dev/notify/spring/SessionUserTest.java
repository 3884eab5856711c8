package dev.notify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.netty.WsClient;
import dev.notify.spring.secure.SecureApplication;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = SecureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"notify.layer=inmemory", "notify.server.port=0"})
@Timeout(60)
class SessionUserTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int httpPort;

    @Value("${" + NotifyServerLifecycle.LOCAL_PORT_PROPERTY + "}")
    int notifyPort;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

    @Test
    void theUserLoggedInToTheHttpSessionIsTheSocketsUser() throws Exception {
        String session = logIn("ada", "secret");
        assertThat(whoAmI(Map.of("Cookie", "JSESSIONID=" + session))).isEqualTo("ada");
        assertThat(whoAmI(Map.of("Cookie", "JSESSIONID=" + session, "Origin", "http://127.0.0.1:" + httpPort))).isEqualTo("ada");
    }

    @Test
    void withoutALoggedInSessionTheSocketHasNoUser() throws Exception {
        assertThat(whoAmI(Map.of())).isEqualTo("anonymous");
        assertThat(whoAmI(Map.of("Cookie", "JSESSIONID=not-a-session"))).isEqualTo("anonymous");
        String session = logIn("ada", "secret");
        logOut();
        assertThat(whoAmI(Map.of("Cookie", "JSESSIONID=" + session))).isEqualTo("anonymous");
    }

    @Test
    void aPageOfAnotherSiteDoesNotActAsTheUser() throws Exception {
        String session = logIn("ada", "secret");
        assertThat(whoAmI(Map.of("Cookie", "JSESSIONID=" + session, "Origin", "http://evil.example"))).isEqualTo("anonymous");
    }

    private String whoAmI(Map<String, String> headers) {
        try (WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + notifyPort + "/ws/whoami/"), headers)) {
            return client.receive();
        }
    }

    private String logIn(String user, String password) throws Exception {
        String form = "username=" + user + "&password=" + password + "&_csrf=" + csrfToken();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(http("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private void logOut() throws Exception {
        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(http("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrfToken("/logout"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(302);
    }

    private String csrfToken() throws Exception {
        return csrfToken("/login");
    }

    private String csrfToken(String page) throws Exception {
        String html = browser.send(HttpRequest.newBuilder(http(page)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).as("a _csrf field in %s", html).isTrue();
        return token.group(1);
    }

    private URI http(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
