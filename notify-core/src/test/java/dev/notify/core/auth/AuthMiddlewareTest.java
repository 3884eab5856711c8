package dev.notify.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.auth.User;
import dev.notify.consumer.Scope;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Stages;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Login, logout, key rotation and ending a user's sessions, through the real middleware. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AuthMiddlewareTest {
    record Account(String id, boolean staff) implements User {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>(Map.of(
            "ann", new Account("ann", true), "bob", new Account("bob", false)));
    private final InMemorySessionStore store = InMemorySessionStore.create();
    private final Router router = Router.builder()
            .use(SessionMiddleware.create(store))
            .use(AuthMiddleware.create(id -> CompletableFuture.completedFuture(Optional.ofNullable(accounts.get(id)))))
            .get("/login", request -> {
                AuthMiddleware.login(request.scope(), accounts.get(request.queryParameter("user").orElseThrow()));
                return HttpResponse.text("welcome");
            })
            .get("/logout", request -> {
                AuthMiddleware.logout(request.scope());
                return HttpResponse.text("bye");
            })
            .get("/cart", request -> {
                request.scope().session().orElseThrow().put("cart", request.queryParameter("item").orElseThrow());
                return HttpResponse.text("added");
            })
            .get("/me", request -> HttpResponse.text(request.scope().user(Account.class)
                    .map(a -> a.id() + (a.staff() ? " (staff)" : "")).orElse("anonymous")
                    + " cart=" + request.scope().session().orElseThrow().get("cart").orElse("-")))
            .build();

    private String me(Exchanges browser) {
        return browser.get("/me").bodyText();
    }

    private static Exchanges withCookie(Router router, String key) {
        Exchanges browser = new Exchanges(router);
        browser.jar.put("sessionid", key);
        return browser;
    }

    @Test
    void loginRenewsTheSessionKeySoThatAKeyKnownBeforeIsWorthlessAfter() {
        Exchanges browser = new Exchanges(router);
        browser.get("/cart?item=pear");
        String before = browser.jar.get("sessionid");

        HttpResponse login = browser.get("/login?user=ann");

        String after = browser.jar.get("sessionid");
        assertThat(Exchanges.setCookie(login, "sessionid")).contains(after);
        assertThat(after).isNotEqualTo(before);
        assertThat(me(browser)).isEqualTo("ann (staff) cart=pear");
        assertThat(me(withCookie(router, before))).as("whoever knew the old key").isEqualTo("anonymous cart=-");
        assertThat(Stages.join(store.load(SessionKeys.hash(before)), Duration.ofSeconds(5), "load")).isEmpty();
    }

    @Test
    void logoutDeletesTheSessionOnTheServerAndClearsTheCookie() {
        Exchanges browser = new Exchanges(router);
        browser.get("/login?user=ann");
        String key = browser.jar.get("sessionid");

        HttpResponse logout = browser.get("/logout");

        assertThat(Exchanges.setCookie(logout, "sessionid")).startsWith("sessionid=; Max-Age=0;");
        assertThat(Stages.join(store.load(SessionKeys.hash(key)), Duration.ofSeconds(5), "load")).isEmpty();
        assertThat(me(withCookie(router, key))).as("a replayed cookie").isEqualTo("anonymous cart=-");
        assertThat(me(browser)).isEqualTo("anonymous cart=-");
    }

    @Test
    void endingAUsersSessionsLogsOutEveryBrowserOfThatUserAndNoOther() {
        Exchanges laptop = new Exchanges(router);
        Exchanges phone = new Exchanges(router);
        Exchanges other = new Exchanges(router);
        laptop.get("/login?user=ann");
        phone.get("/login?user=ann");
        other.get("/login?user=bob");

        Stages.join(store.deleteUser("ann"), Duration.ofSeconds(5), "deleteUser"); // the password changed

        assertThat(me(laptop)).isEqualTo("anonymous cart=-");
        assertThat(me(phone)).isEqualTo("anonymous cart=-");
        assertThat(me(other)).isEqualTo("bob cart=-");
    }

    @Test
    void loggingInAsAnotherUserDropsTheFirstUsersValues() {
        Exchanges browser = new Exchanges(router);
        browser.get("/login?user=ann");
        browser.get("/cart?item=ann's");

        browser.get("/login?user=bob");

        assertThat(me(browser)).isEqualTo("bob cart=-");
    }

    @Test
    void aSessionWhoseUserIsGoneIsAnonymous() {
        Exchanges browser = new Exchanges(router);
        browser.get("/login?user=bob");

        accounts.remove("bob");

        assertThat(me(browser)).isEqualTo("anonymous cart=-");
    }

    @Test
    void webSocketHandshakesGetTheUserAndRequireUserRefusesAnonymousOnesWith403() {
        Exchanges browser = new Exchanges(router);
        browser.get("/login?user=ann");
        Router ws = Router.builder()
                .use(SessionMiddleware.create(store))
                .use(AuthMiddleware.create(id -> CompletableFuture.completedFuture(Optional.ofNullable(accounts.get(id)))))
                .use(AuthMiddleware.requireUser())
                .websocket("/ws/", () -> null)
                .get("/page", request -> HttpResponse.text("page"))
                .build();

        HttpResponse accepted = handshake(ws, browser.scope(Scope.Type.WEBSOCKET, "/ws/").build());
        HttpResponse refused = handshake(ws, Scope.builder(Scope.Type.WEBSOCKET, "/ws/").build());

        assertThat(accepted.status()).isEqualTo(101);
        assertThat(accepted.bodyText()).isEqualTo("ann");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(new Exchanges(ws).get("/page").status()).as("an anonymous HTTP request").isEqualTo(403);
    }

    private static HttpResponse handshake(Router router, Scope scope) {
        return Stages.join(router.dispatchWebSocket(new HttpRequest("GET", scope, new byte[0]), (route, routed) ->
                        CompletableFuture.completedFuture(HttpResponse.builder(101).body(routed.scope().user().orElseThrow().id()).build())),
                Duration.ofSeconds(5), "the handshake");
    }

    @Test
    void withoutSessionMiddlewareLoginSaysWhatIsMissing() {
        Scope bare = Scope.builder(Scope.Type.HTTP, "/").build();
        assertThatThrownBy(() -> AuthMiddleware.login(bare, accounts.get("ann")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add SessionMiddleware to the router before AuthMiddleware");
    }
}
