package dev.notify.examples.notifications;

import dev.notify.consumer.Scope;
import dev.notify.core.runtime.ConsumerRuntime;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a network: sends requests through the real runtime and router, and keeps the
 * cookies the responses set.
 */
final class InProcessClient {
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"");

    private final ConsumerRuntime runtime;
    final Map<String, String> cookies = new LinkedHashMap<>();

    InProcessClient(ConsumerRuntime runtime) {
        this.runtime = runtime;
    }

    HttpResponse get(String pathAndQuery) {
        return send("GET", pathAndQuery, Map.of(), new byte[0]);
    }

    HttpResponse post(String pathAndQuery, List<String> fieldsAndValues) {
        return post(pathAndQuery, fieldsAndValues, Map.of());
    }

    HttpResponse post(String pathAndQuery, List<String> fieldsAndValues, Map<String, String> headers) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < fieldsAndValues.size(); i += 2) {
            pairs.add(URLEncoder.encode(fieldsAndValues.get(i), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fieldsAndValues.get(i + 1), StandardCharsets.UTF_8));
        }
        return postEncoded(pathAndQuery, String.join("&", pairs), headers);
    }

    /** Posts a form body as it is given, well encoded or not. */
    HttpResponse postEncoded(String pathAndQuery, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return send("POST", pathAndQuery, all, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Logs in through the form, as a person would: fetch it, post it with its token. */
    HttpResponse login(String username, String password) {
        String token = csrfToken(get("/admin/login/"));
        return post("/admin/login/", List.of("csrfmiddlewaretoken", token, "username", username,
                "password", password, "next", "/admin/notifications/"));
    }

    static String csrfToken(HttpResponse page) {
        Matcher m = CSRF_INPUT.matcher(page.bodyText());
        if (!m.find()) {
            throw new AssertionError("no CSRF input in:\n" + page.bodyText());
        }
        return m.group(1);
    }

    static String location(HttpResponse response) {
        List<String> values = response.headers().get("Location");
        return values == null ? null : values.get(0);
    }

    static List<String> setCookies(HttpResponse response) {
        return response.headers().getOrDefault("Set-Cookie", List.of());
    }

    private HttpResponse send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Scope.Builder scope = Scope.builder(Scope.Type.HTTP, path)
                .query(query, HttpRequest.parseUrlEncoded(query))
                .header("Host", "testserver");
        headers.forEach(scope::header);
        cookies.forEach(scope::cookie);
        HttpResponse response;
        try {
            response = runtime.handle(new HttpRequest(method, scope.build(), body)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(method + " " + pathAndQuery + " failed", e);
        }
        for (String cookie : setCookies(response)) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || cookie.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }
}
