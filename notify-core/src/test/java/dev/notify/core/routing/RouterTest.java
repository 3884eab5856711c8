package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.auth.User;
import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.Scope;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
                        Optional.ofNullable(scope.cookies().containsKey("session") ? (User) () -> "ann" : null))))
                .get("/", r -> HttpResponse.text("unused"))
                .build();
        Scope withCookie = Scope.builder(Scope.Type.HTTP, "/").cookie("session", "x").build();
        Scope without = Scope.builder(Scope.Type.HTTP, "/").build();
        assertThat(dispatch(router, new HttpRequest("GET", withCookie, new byte[0])).status()).isEqualTo(200);
        assertThat(dispatch(router, new HttpRequest("GET", without, new byte[0])).status()).isEqualTo(200);
        assertThat(withCookie.user()).hasValueSatisfying(user -> assertThat(user.id()).isEqualTo("ann"));
        assertThat(without.user()).isEmpty();
    }

    @Test
    void convertersGiveTypedParametersAndBadValuesAre404() {
        Router router = Router.builder()
                .get("/items/{id:int}/", r -> HttpResponse.text("unused"))
                .get("/keys/{key:uuid}/", r -> HttpResponse.text("unused"))
                .build();
        HttpResponse item = router.dispatchHttp(get("/items/42/"), (route, routed) -> CompletableFuture.completedFuture(
                HttpResponse.text(Long.toString(routed.routeParameter("id", Long.class) + 1)))).toCompletableFuture().join();
        assertThat(item.bodyText()).isEqualTo("43");
        assertThat(dispatch(router, get("/keys/075194d3-6885-417e-a8a8-6c931e272f00/")).status()).isEqualTo(200);
        for (String bad : List.of("/items/forty-two/", "/items/99999999999999999999/", "/keys/42/", "/keys/075194D3-6885-417E-A8A8-6C931E272F00/")) {
            assertThat(dispatch(router, get(bad)).status()).as(bad).isEqualTo(404);
        }
        HttpResponse wrongType = router.dispatchHttp(get("/items/1/"), (route, routed) -> CompletableFuture.completedFuture(
                HttpResponse.text(routed.routeParameter("id", String.class)))).handle((r, e) -> HttpResponse.text(Stages.unwrap(e).getMessage()))
                .toCompletableFuture().join();
        assertThat(wrongType.bodyText()).isEqualTo("route parameter 'id' is a Long, not a String");
    }

    @Test
    void anIncludedRoutersMiddlewareRunsForItsRoutesOnlyAfterTheOuterOnes() {
        List<String> seen = new ArrayList<>();
        Middleware outer = (request, next) -> {
            seen.add("outer " + request.path());
            return next.handle(request);
        };
        Middleware privateOnly = (request, next) -> {
            seen.add("private " + request.scope().routeParameters());
            return request.scope().header("Authorization").isPresent()
                    ? next.handle(request)
                    : CompletableFuture.completedFuture(HttpResponse.status(403, "authentication required"));
        };
        Router router = Router.builder()
                .use(outer)
                .websocket("/ws/public/", () -> new WebSocketConsumer() { })
                .include("/ws/private", Router.builder()
                        .use(privateOnly)
                        .websocket("/{room:slug}/", () -> new WebSocketConsumer() { })
                        .build())
                .include("/rooms/{room:slug}", Router.builder()
                        .get("/messages/{id:int}", r -> HttpResponse.text("unused"))
                        .build())
                .build();

        assertThat(handshake(router, Scope.builder(Scope.Type.WEBSOCKET, "/ws/public/").build()).status()).isEqualTo(101);
        assertThat(handshake(router, Scope.builder(Scope.Type.WEBSOCKET, "/ws/private/lobby/").build()).status()).isEqualTo(403);
        assertThat(handshake(router, Scope.builder(Scope.Type.WEBSOCKET, "/ws/private/lobby/").header("Authorization", "x").build())
                .bodyText()).isEqualTo("{room=lobby}");
        assertThat(handshake(router, Scope.builder(Scope.Type.WEBSOCKET, "/ws/private/not a slug/").build()).status()).isEqualTo(404);
        assertThat(seen).containsExactly("outer /ws/public/", "outer /ws/private/lobby/", "private {room=lobby}",
                "outer /ws/private/lobby/", "private {room=lobby}", "outer /ws/private/not a slug/");
        assertThat(dispatch(router, get("/rooms/lobby/messages/7")).bodyText()).isEqualTo("handled /rooms/lobby/messages/7 {room=lobby, id=7}");
    }

    @Test
    void anEmptyIncludePrefixGivesOneRouteMiddlewareOfItsOwn() {
        Router router = Router.builder()
                .get("/open", r -> HttpResponse.text("unused"))
                .include("", Router.builder()
                        .use((request, next) -> CompletableFuture.completedFuture(HttpResponse.status(403, "closed")))
                        .get("/closed", r -> HttpResponse.text("unused"))
                        .build())
                .build();
        assertThat(dispatch(router, get("/open")).status()).isEqualTo(200);
        assertThat(dispatch(router, get("/closed")).status()).isEqualTo(403);
    }

    @Test
    void includeRefusesPrefixesThatWouldNotJoin() {
        Router inner = Router.builder().get("/", r -> HttpResponse.text("unused")).build();
        assertThatThrownBy(() -> Router.builder().include("/admin/", inner)).hasMessageContaining("does not end with one");
        assertThatThrownBy(() -> Router.builder().include("admin", inner)).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> Router.builder().include("/{id}", Router.builder().get("/{id}", r -> HttpResponse.text("")).build()))
                .hasMessageContaining("parameter 'id' appears twice");
    }

    private static HttpResponse handshake(Router router, Scope scope) {
        return router.dispatchWebSocket(new HttpRequest("GET", scope, new byte[0]), (route, routed) -> CompletableFuture.completedFuture(
                HttpResponse.builder(101).body(routed.scope().routeParameters().toString()).build())).toCompletableFuture().join();
    }
}
