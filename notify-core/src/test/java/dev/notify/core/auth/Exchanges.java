package dev.notify.core.auth;

import dev.notify.consumer.Scope;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.layer.Stages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Requests through a router's middleware and handlers, in the test's thread, with a cookie jar
 * that keeps what {@code Set-Cookie} says, as a browser does.
 */
final class Exchanges {
    private final Router router;
    final Map<String, String> jar = new LinkedHashMap<>();
    private String scheme = "http";

    Exchanges(Router router) {
        this.router = router;
    }

    Exchanges overHttps() {
        scheme = "https";
        return this;
    }

    /** @param target a path with an optional {@code ?query} */
    Scope.Builder scope(Scope.Type type, String target) {
        int q = target.indexOf('?');
        String query = q < 0 ? "" : target.substring(q + 1);
        Scope.Builder scope = Scope.builder(type, q < 0 ? target : target.substring(0, q))
                .query(query, HttpRequest.parseUrlEncoded(query))
                .scheme(type == Scope.Type.HTTP ? scheme : scheme.equals("https") ? "wss" : "ws")
                .header("Host", "testserver");
        if (!jar.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            jar.forEach((name, value) -> pairs.add(name + "=" + value));
            scope.header("Cookie", String.join("; ", pairs));
            jar.forEach(scope::cookie);
        }
        return scope;
    }

    HttpResponse get(String path) {
        return send(new HttpRequest("GET", scope(Scope.Type.HTTP, path).build(), new byte[0]));
    }

    /**
     * @param form name, value, name, value...
     * @param headers more headers, name, value...
     */
    HttpResponse post(String path, List<String> form, String... headers) {
        Scope.Builder scope = scope(Scope.Type.HTTP, path).header("Content-Type", "application/x-www-form-urlencoded");
        for (int i = 0; i < headers.length; i += 2) {
            scope.header(headers[i], headers[i + 1]);
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.size(); i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(form.get(i), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(form.get(i + 1), StandardCharsets.UTF_8));
        }
        return send(new HttpRequest("POST", scope.build(), body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse send(HttpRequest request) {
        HttpResponse response = Stages.join(router.dispatchHttp(request, Exchanges::invoke), Duration.ofSeconds(5), "the response");
        for (String cookie : response.headers().getOrDefault("Set-Cookie", List.of())) {
            String pair = cookie.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (cookie.contains("Max-Age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }

    static CompletionStage<HttpResponse> invoke(Router.HttpRoute route, HttpRequest request) {
        if (route instanceof Router.HttpRoute.Blocking blocking) {
            try {
                return CompletableFuture.completedFuture(blocking.handler().handle(request));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }
        return ((Router.HttpRoute.Async) route).handler().handle(request);
    }

    /** @return the one Set-Cookie value for a name */
    static String setCookie(HttpResponse response, String name) {
        List<String> found = response.headers().getOrDefault("Set-Cookie", List.of()).stream()
                .filter(c -> c.startsWith(name + "=")).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one Set-Cookie for " + name + " but got " + response.headers().get("Set-Cookie"));
        }
        return found.get(0);
    }
}
