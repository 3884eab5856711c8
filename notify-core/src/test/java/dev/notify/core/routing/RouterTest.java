package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.Scope;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RouterTest {
    private final Router router = Router.builder()
            .websocket("/ws/{room}/", () -> new WebSocketConsumer() { })
            .get("/items/{id}", r -> HttpResponse.text("get"))
            .post("/items/{id}", r -> HttpResponse.text("post"))
            .build();

    @Test
    void matchesWebSocketRoutesWithParameters() {
        assertThat(router.matchWebSocket("/ws/lobby/")).hasValueSatisfying(m ->
                assertThat(m.parameters()).containsEntry("room", "lobby"));
        assertThat(router.matchWebSocket("/nope/")).isEmpty();
    }

    @Test
    void routesSayWhetherTheirHandlersMayBlock() {
        Router typed = Router.builder()
                .websocket("/sync/", () -> new WebSocketConsumer() { })
                .asyncWebsocket("/async/", () -> new AsyncWebSocketConsumer() { })
                .get("/blocking", r -> HttpResponse.text("b"))
                .asyncHttp("GET", "/async", r -> CompletableFuture.completedFuture(HttpResponse.text("a")))
                .build();
        assertThat(typed.matchWebSocket("/sync/").orElseThrow().route()).isInstanceOf(Router.WebSocketRoute.Sync.class);
        assertThat(typed.matchWebSocket("/async/").orElseThrow().route()).isInstanceOf(Router.WebSocketRoute.Async.class);
        assertThat(typed.matchHttp("GET", "/blocking").route()).isInstanceOf(Router.HttpRoute.Blocking.class);
        assertThat(typed.matchHttp("GET", "/async").route()).isInstanceOf(Router.HttpRoute.Async.class);
    }

    @Test
    void httpRoutingTellsNotFoundFromMethodNotAllowed() {
        assertThat(router.matchHttp("get", "/items/7").found()).isTrue();
        assertThat(router.matchHttp("HEAD", "/items/7").found()).isTrue();
        Router.HttpMatch wrongMethod = router.matchHttp("DELETE", "/items/7");
        assertThat(wrongMethod.found()).isFalse();
        assertThat(wrongMethod.allowedMethods()).containsExactly("GET", "POST");
        Router.HttpMatch missing = router.matchHttp("GET", "/other");
        assertThat(missing.found()).isFalse();
        assertThat(missing.allowedMethods()).isEmpty();
    }

    @Test
    void middlewareRunsInOrderAndStopsAtTheFirstRefusal() {
        StringBuilder seen = new StringBuilder();
        Router guarded = Router.builder()
                .use(scope -> {
                    seen.append("a");
                    scope.attributes().put("user", "ann");
                    return Middleware.Verdict.proceedNow();
                })
                .use(scope -> {
                    seen.append("b");
                    return CompletableFuture.completedFuture(Middleware.Verdict.refuse(401, "no"));
                })
                .use(scope -> {
                    seen.append("c");
                    return Middleware.Verdict.proceedNow();
                })
                .build();
        Scope scope = Scope.builder(Scope.Type.HTTP, "/").build();
        Middleware.Verdict verdict = guarded.applyMiddleware(scope).toCompletableFuture().join();
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.status()).isEqualTo(401);
        assertThat(seen).hasToString("ab");
        assertThat(scope.user()).contains("ann");
    }

    @Test
    void authenticationMiddlewareSetsTheUser() {
        Middleware auth = Middleware.authentication(scope -> CompletableFuture.completedFuture(
                scope.cookies().containsKey("session") ? "ann" : null));
        Scope withCookie = Scope.builder(Scope.Type.WEBSOCKET, "/").cookie("session", "x").build();
        Scope without = Scope.builder(Scope.Type.WEBSOCKET, "/").build();
        assertThat(auth.apply(withCookie).toCompletableFuture().join().allowed()).isTrue();
        assertThat(auth.apply(without).toCompletableFuture().join().allowed()).isTrue();
        assertThat(withCookie.user()).contains("ann");
        assertThat(without.user()).isEmpty();
    }
}
