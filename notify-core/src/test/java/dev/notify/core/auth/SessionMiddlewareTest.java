package dev.notify.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.auth.Session;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Stages;
import dev.notify.tck.TestInstants;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionMiddlewareTest {
    private static final String KEY = "sessionid=([A-Za-z0-9_-]{43}); Max-Age=1209600; Path=/; HttpOnly; SameSite=Lax";

    private final TestInstants clock = TestInstants.startingNow();
    private final InMemorySessionStore store = InMemorySessionStore.create(clock);
    private final Router router = Router.builder()
            .use(SessionMiddleware.builder(store).clock(clock).build())
            .get("/set", request -> {
                session(request).put("theme", request.queryParameter("theme").orElse("dark"));
                return HttpResponse.text("set");
            })
            .get("/read", request -> HttpResponse.text(session(request).get("theme").orElse("none")))
            .get("/clear", request -> {
                session(request).remove("theme");
                return HttpResponse.text("cleared");
            })
            .get("/fail", request -> {
                session(request).put("theme", "lost");
                return HttpResponse.status(500, "failed");
            })
            .build();
    private final Exchanges browser = new Exchanges(router);

    private static Session session(HttpRequest request) {
        return request.scope().session().orElseThrow();
    }

    private String key() {
        return browser.jar.get("sessionid");
    }

    @Test
    void aChangedSessionIsStoredUnderTheHashOfTheKeyTheCookieCarries() {
        HttpResponse set = browser.get("/set");

        assertThat(Exchanges.setCookie(set, "sessionid")).matches(KEY);
        assertThat(await(store.load(SessionKeys.hash(key())))).hasValueSatisfying(s ->
                assertThat(s.values()).containsEntry("theme", "dark"));
        assertThat(await(store.load(key()))).as("the key itself is stored nowhere").isEmpty();

        HttpResponse read = browser.get("/read");
        assertThat(read.bodyText()).isEqualTo("dark");
        assertThat(read.headers()).as("an unchanged session sets no cookie").doesNotContainKey("Set-Cookie");
    }

    @Test
    void theCookieIsSecureOnlyWhenTheRequestArrivedSecurely() {
        assertThat(Exchanges.setCookie(browser.get("/set"), "sessionid")).doesNotContain("Secure");
        Exchanges https = new Exchanges(router).overHttps();
        assertThat(Exchanges.setCookie(https.get("/set"), "sessionid")).matches(KEY + "; Secure");
    }

    @Test
    void aKeyTheStoreDoesNotKnowIsNoSessionAndANewSessionNeverTakesTheClientsKey() {
        String planted = SessionKeys.newKey();
        browser.jar.put("sessionid", planted);

        assertThat(browser.get("/read").bodyText()).isEqualTo("none");
        browser.get("/set");

        assertThat(key()).isNotEqualTo(planted);
        assertThat(await(store.load(SessionKeys.hash(planted)))).isEmpty();
    }

    @Test
    void aMalformedOrDuplicatedCookieIsNoSession() {
        browser.get("/set");
        String good = key();
        for (String cookie : List.of("sessionid=" + good + "x", "sessionid=" + good + "; sessionid=" + good,
                "sessionid=" + SessionKeys.newKey() + "; sessionid=" + good)) {
            HttpRequest request = new HttpRequest("GET", Scope.builder(Scope.Type.HTTP, "/read").header("Cookie", cookie).build(), new byte[0]);
            assertThat(browser.send(request).bodyText()).as(cookie).isEqualTo("none");
        }
    }

    @Test
    void emptyingTheSessionDeletesItAndClearsTheCookie() {
        browser.get("/set");
        String hash = SessionKeys.hash(key());

        HttpResponse cleared = browser.get("/clear");

        assertThat(Exchanges.setCookie(cleared, "sessionid")).isEqualTo("sessionid=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
        assertThat(await(store.load(hash))).isEmpty();
    }

    @Test
    void aServerErrorSavesNothing() {
        HttpResponse failed = browser.get("/fail");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.headers()).doesNotContainKey("Set-Cookie");
        assertThat(store.toString()).contains("0 sessions");
    }

    @Test
    void aSessionEndsMaxAgeAfterItWasLastSaved() {
        browser.get("/set");
        clock.advance(SessionMiddleware.DEFAULT_MAX_AGE.minusSeconds(1));
        assertThat(browser.get("/read").bodyText()).isEqualTo("dark");

        clock.advance(Duration.ofSeconds(1));

        assertThat(browser.get("/read").bodyText()).isEqualTo("none");
    }

    @Test
    void aWebSocketConsumerSeesTheSessionAndSavesItsChangesItself() {
        browser.get("/set");
        HttpRequest handshake = new HttpRequest("GET", browser.scope(Scope.Type.WEBSOCKET, "/ws/").build(), new byte[0]);
        Router ws = Router.builder().use(SessionMiddleware.builder(store).clock(clock).build())
                .websocket("/ws/", () -> null).build();

        HttpResponse accepted = Stages.join(ws.dispatchWebSocket(handshake, (route, routed) -> {
            Session session = routed.scope().session().orElseThrow();
            assertThat(session.get("theme")).contains("dark");
            session.put("theme", "light");
            return session.save().thenApply(saved -> HttpResponse.builder(101).build());
        }), Duration.ofSeconds(5), "the handshake");

        assertThat(accepted.headers()).as("the cookie cannot change over a WebSocket").doesNotContainKey("Set-Cookie");
        assertThat(browser.get("/read").bodyText()).isEqualTo("light");
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        return Stages.join(stage, Duration.ofSeconds(5), "the store");
    }

}
