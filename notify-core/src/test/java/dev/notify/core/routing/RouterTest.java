package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.Scope;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
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

    private static HttpRequest get(String path) {
        return new HttpRequest("GET", Scope.builder(Scope.Type.HTTP, path).build(), new byte[0]);
    }

    private static HttpResponse dispatch(Router router, HttpRequest request) {
        return router.dispatchHttp(request, (route, routed) -> CompletableFuture.completedFuture(
                HttpResponse.text("handled " + routed.path() + " " + routed.scope().routeParameters()))).toCompletableFuture().join();
    }

    @Test
    void middlewareWrapsTheExchangeInOrderAndSeesTheResponseOnItsWayBack() {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder()
                .use((request, next) -> {
                    seen.add("a in");
                    return next.handle(request).thenApply(response -> {
                        seen.add("a out " + response.status());
                        return response.toBuilder().header("Set-Cookie", "a=1").build();
                    });
                })
                .use((request, next) -> {
                    seen.add("b in");
                    return next.handle(request).thenApply(response -> {
                        seen.add("b out");
                        return response.toBuilder().header("X-B", "2").build();
                    });
                })
                .get("/items/{id}", r -> HttpResponse.text("unused"))
                .build();

        HttpResponse response = dispatch(router, get("/items/7"));

        assertThat(response.bodyText()).isEqualTo("handled /items/7 {id=7}");
        assertThat(response.headers()).containsEntry("Set-Cookie", List.of("a=1")).containsEntry("X-B", List.of("2"));
        assertThat(seen).containsExactly("a in", "b in", "b out", "a out 200");
    }

    @Test
    void middlewareThatAnswersItselfStopsTheChainAndTheOuterOnesSeeItsAnswer() {
        List<String> seen = new ArrayList<>();
        Router router = Router.builder()
                .use((request, next) -> next.handle(request).thenApply(response -> {
                    seen.add("outer saw " + response.status());
                    return response;
                }))
                .use((request, next) -> CompletableFuture.completedFuture(HttpResponse.status(401, "no")))
                .use((request, next) -> {
                    seen.add("inner ran");
                    return next.handle(request);
                })
                .get("/", r -> HttpResponse.text("unused"))
                .build();

        assertThat(dispatch(router, get("/")).status()).isEqualTo(401);
        assertThat(seen).containsExactly("outer saw 401");
    }

    @Test
    void middlewareCanHandOnAChangedRequest() {
        Router router = Router.builder()
                .use((request, next) -> next.handle(request.withScope(
                        request.scope().toBuilder().header("X-Forwarded-Proto", "https").build())))
                .get("/", r -> HttpResponse.text("unused"))
                .build();

        HttpResponse response = router.dispatchHttp(get("/"), (route, routed) -> CompletableFuture.completedFuture(
                HttpResponse.text(routed.header("X-Forwarded-Proto").orElse("none")))).toCompletableFuture().join();

        assertThat(response.bodyText()).isEqualTo("https");
    }

    @Test
    void aMiddlewareThatThrowsFailsTheExchange() {
        Router router = Router.builder()
                .use((request, next) -> {
                    throw new IllegalStateException("broken on purpose");
                })
                .get("/", r -> HttpResponse.text("unused"))
                .build();

        assertThatThrownBy(() -> dispatch(router, get("/"))).hasRootCauseMessage("broken on purpose");
    }

    @Test
    void routingAfterTheMiddlewareAnswers404And405() {
        List<String> paths = new ArrayList<>();
        Router router = Router.builder()
                .use((request, next) -> {
                    paths.add(request.path());
                    return next.handle(request);
                })
                .get("/items/{id}", r -> HttpResponse.text("unused"))
                .build();

        assertThat(dispatch(router, get("/nothing")).status()).isEqualTo(404);
        HttpResponse wrongMethod = dispatch(router, new HttpRequest("DELETE", Scope.builder(Scope.Type.HTTP, "/items/1").build(), new byte[0]));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("allow")).contains("GET");
        assertThat(paths).containsExactly("/nothing", "/items/1");
    }

    @Test
    void authenticationMiddlewareSetsTheUser() {
        Router router = Router.builder()
                .use(Middleware.authentication(scope -> CompletableFuture.completedFuture(
                        scope.cookies().containsKey("session") ? "ann" : null)))
                .get("/", r -> HttpResponse.text("unused"))
                .build();
        Scope withCookie = Scope.builder(Scope.Type.HTTP, "/").cookie("session", "x").build();
        Scope without = Scope.builder(Scope.Type.HTTP, "/").build();
        assertThat(dispatch(router, new HttpRequest("GET", withCookie, new byte[0])).status()).isEqualTo(200);
        assertThat(dispatch(router, new HttpRequest("GET", without, new byte[0])).status()).isEqualTo(200);
        assertThat(withCookie.user()).contains("ann");
        assertThat(without.user()).isEmpty();
    }
}
