package dev.notify.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.auth.User;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Django's CSRF checks, and the ways around them that must fail. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CsrfMiddlewareTest {
    private final List<String> posted = new ArrayList<>();
    private final Router router = Router.builder()
            .use(SessionMiddleware.create(InMemorySessionStore.create()))
            .use(AuthMiddleware.create(id -> CompletableFuture.completedFuture(Optional.of((User) () -> id))))
            .use(CsrfMiddleware.builder().trustedOrigins("https://app.example.com", "https://*.corp.example").build())
            .get("/form", request -> HttpResponse.text(CsrfMiddleware.token(request.scope())))
            .get("/plain", request -> HttpResponse.text("no form here"))
            .post("/login", request -> {
                AuthMiddleware.login(request.scope(), () -> "ann");
                return HttpResponse.text("in");
            })
            .post("/transfer", request -> {
                posted.add(request.formField("amount").orElse("?"));
                return HttpResponse.text("done");
            })
            .websocket("/ws/", () -> null)
            .build();

    private final Exchanges victim = new Exchanges(router);

    private static List<String> form(String token, String amount) {
        return List.of("csrfmiddlewaretoken", token, "amount", amount);
    }

    private static void assertRefused(HttpResponse response, String reason) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.bodyText()).contains("CSRF verification failed", reason);
    }

    @Test
    void aFormTokenOfThisSessionPassesAndEveryTokenIsMaskedAfresh() {
        String token = victim.get("/form").bodyText();
        String again = victim.get("/form").bodyText();

        assertThat(again).isNotEqualTo(token);
        assertThat(victim.post("/transfer", form(token, "10")).bodyText()).isEqualTo("done");
        assertThat(victim.post("/transfer", form(again, "20")).bodyText()).isEqualTo("done");
        assertThat(posted).containsExactly("10", "20");
    }

    @Test
    void theCookieCarriesATokenThatScriptsSendInTheHeader() {
        HttpResponse page = victim.get("/form");
        String cookie = Exchanges.setCookie(page, "csrftoken");
        assertThat(cookie).matches("csrftoken=[A-Za-z0-9_-]{86}; Max-Age=31449600; Path=/; SameSite=Lax").doesNotContain("HttpOnly");

        HttpResponse ajax = victim.post("/transfer", List.of("amount", "5"), "X-CSRFToken", victim.jar.get("csrftoken"));

        assertThat(ajax.bodyText()).isEqualTo("done");
        assertThat(victim.get("/plain").headers()).as("a page without a form leaves the cookie").doesNotContainKey("Set-Cookie");
    }

    @Test
    void aPostWithoutATokenOrWithoutASecretIsRefused() {
        assertRefused(victim.post("/transfer", List.of("amount", "1")), "CSRF session token not set.");
        victim.get("/form");
        assertRefused(victim.post("/transfer", List.of("amount", "1")), "CSRF token missing.");
        assertRefused(victim.post("/transfer", form("short", "1")), "CSRF token has incorrect length or invalid characters.");
        assertThat(posted).isEmpty();
    }

    @Test
    void anotherSessionsTokenIsRefused() {
        victim.get("/form");
        Exchanges attacker = new Exchanges(router);
        String attackersToken = attacker.get("/form").bodyText();

        assertRefused(victim.post("/transfer", form(attackersToken, "1000")), "CSRF token incorrect.");
        assertThat(posted).isEmpty();
    }

    @Test
    void aPlantedSecondCookieCannotWin() {
        String own = victim.get("/form").bodyText();
        Exchanges attacker = new Exchanges(router);
        String plantedToken = attacker.get("/form").bodyText();
        String plantedCookie = attacker.jar.get("csrftoken");
        String victimCookies = "sessionid=" + victim.jar.get("sessionid") + "; csrftoken=" + victim.jar.get("csrftoken");

        // a cookie set from a subdomain or with a more specific path arrives beside (or before) ours
        for (String cookies : List.of("csrftoken=" + plantedCookie + "; " + victimCookies, victimCookies + "; csrftoken=" + plantedCookie)) {
            HttpRequest forged = new HttpRequest("POST", Scope.builder(Scope.Type.HTTP, "/transfer").header("Host", "testserver")
                    .header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded").build(),
                    ("csrfmiddlewaretoken=" + plantedToken + "&amount=1000").getBytes());
            assertRefused(victim.send(forged), "CSRF cookie sent more than once.");
        }
        // and with the victim's cookie replaced outright, the planted token still belongs to another session
        victim.jar.put("csrftoken", plantedCookie);
        assertRefused(victim.post("/transfer", form(plantedToken, "1000")), "CSRF token incorrect.");
        assertThat(victim.post("/transfer", form(own, "1")).bodyText()).isEqualTo("done");
    }

    @Test
    void aMalformedCookieIsRefused() {
        String token = victim.get("/form").bodyText();
        victim.jar.put("csrftoken", "not-a-token");
        assertRefused(victim.post("/transfer", form(token, "1")), "CSRF cookie has incorrect length or invalid characters.");
    }

    @Test
    void originNullOrForeignIsRefusedAndOwnOrTrustedPasses() {
        String token = victim.get("/form").bodyText();

        assertRefused(victim.post("/transfer", form(token, "1"), "Origin", "null"),
                "Origin checking failed - null does not match any trusted origins.");
        assertRefused(victim.post("/transfer", form(token, "1"), "Origin", "http://evil.example"), "Origin checking failed");
        assertRefused(victim.post("/transfer", form(token, "1"), "Origin", "https://testserver"), "Origin checking failed");
        assertThat(victim.post("/transfer", form(token, "1"), "Origin", "http://testserver").bodyText()).isEqualTo("done");
        assertThat(victim.post("/transfer", form(token, "2"), "Origin", "https://app.example.com").bodyText()).isEqualTo("done");
        assertThat(victim.post("/transfer", form(token, "3"), "Origin", "https://x.corp.example").bodyText()).isEqualTo("done");
    }

    @Test
    void overHttpsTheRefererMustBeAnHttpsPageOfThisSite() {
        Exchanges secure = new Exchanges(router).overHttps();
        String token = secure.get("/form").bodyText();

        assertRefused(secure.post("/transfer", form(token, "1")), "Referer checking failed - no Referer.");
        assertRefused(secure.post("/transfer", form(token, "1"), "Referer", "https://evil.example/page"),
                "Referer checking failed - https://evil.example/page does not match any trusted origins.");
        assertRefused(secure.post("/transfer", form(token, "1"), "Referer", "http://testserver/form"),
                "Referer checking failed - Referer is insecure while host is secure.");
        assertRefused(secure.post("/transfer", form(token, "1"), "Referer", "::not a url"), "Referer checking failed - Referer is malformed.");
        assertThat(secure.post("/transfer", form(token, "1"), "Referer", "https://testserver/form").bodyText()).isEqualTo("done");
        assertThat(secure.post("/transfer", form(token, "2"), "Referer", "https://app.example.com/x").bodyText()).isEqualTo("done");
        assertThat(Exchanges.setCookie(secure.get("/form"), "csrftoken")).endsWith("; Secure");
        assertThat(posted).containsExactly("1", "2");
    }

    @Test
    void loginRenewsTheSecretSoATokenFromBeforeIsRefusedAfter() {
        String before = victim.get("/form").bodyText();
        HttpResponse login = victim.post("/login", form(before, "-"));
        assertThat(login.bodyText()).isEqualTo("in");
        assertThat(Exchanges.setCookie(login, "csrftoken")).as("the new token's cookie").startsWith("csrftoken=");

        assertRefused(victim.post("/transfer", form(before, "1")), "CSRF token incorrect.");
        assertThat(victim.post("/transfer", form(victim.get("/form").bodyText(), "2")).bodyText()).isEqualTo("done");
    }

    @Test
    void safeMethodsAndWebSocketHandshakesPass() {
        assertThat(new Exchanges(router).get("/plain").bodyText()).isEqualTo("no form here");
        HttpResponse handshake = router.dispatchWebSocket(new HttpRequest("GET", Scope.builder(Scope.Type.WEBSOCKET, "/ws/").build(), new byte[0]),
                (route, request) -> CompletableFuture.completedFuture(HttpResponse.builder(101).build())).toCompletableFuture().join();
        assertThat(handshake.status()).isEqualTo(101);
    }
}
