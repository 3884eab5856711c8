package dev.notify.examples.notifications;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping HTTP client over real sockets that does not follow redirects, for the admin. */
final class HttpBrowser {
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"");

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    HttpBrowser(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, List<String> fieldsAndValues) throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < fieldsAndValues.size(); i += 2) {
            pairs.add(URLEncoder.encode(fieldsAndValues.get(i), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fieldsAndValues.get(i + 1), StandardCharsets.UTF_8));
        }
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in as a person would: fetch the form, post it with its CSRF token. */
    HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
        String token = csrfToken(get("/admin/login/"));
        return post("/admin/login/", List.of("csrfmiddlewaretoken", token, "username", username,
                "password", password, "next", "/admin/notifications/"));
    }

    /** Adds a notification through the add form, with the form's own CSRF token. */
    HttpResponse<String> addNotification(String text, boolean seen) throws IOException, InterruptedException {
        String token = csrfToken(get("/admin/notifications/add/"));
        List<String> fields = new ArrayList<>(List.of("csrfmiddlewaretoken", token, "text", text, "_save", "Save"));
        if (seen) {
            fields.addAll(List.of("seen", "on"));
        }
        return post("/admin/notifications/add/", fields);
    }

    /** @return the value of a cookie the site set, if the browser has it */
    java.util.Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst();
    }

    static String csrfToken(HttpResponse<String> page) {
        Matcher m = CSRF_INPUT.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF input in " + page.uri() + " (" + page.statusCode() + "):\n" + page.body());
        }
        return m.group(1);
    }
}
