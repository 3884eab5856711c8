package dev.notify.examples.notifications;

import dev.notify.http.HttpHandler;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves {@code /static/{name}} from this package's {@code static/} classpath folder. Only the
 * listed files exist, so no request can reach anything else on the class path.
 */
final class StaticFiles implements HttpHandler {
    private static final Map<String, String> TYPES = Map.of(
            "admin.css", "text/css; charset=utf-8",
            "live.css", "text/css; charset=utf-8",
            "live.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    StaticFiles() {
        files = Map.of(
                "admin.css", read("admin.css"),
                "live.css", read("live.css"),
                "live.js", read("live.js"));
    }

    /**
     * @param name a file of the {@code static/} folder
     * @return its bytes
     * @throws IllegalStateException if the build left it out
     */
    static byte[] read(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("static/" + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String name = request.routeParameter("name");
        byte[] body = files.get(name);
        if (body == null) {
            return HttpResponse.status(404, "404 Not Found\n");
        }
        return HttpResponse.builder(200)
                .header("Content-Type", TYPES.get(name))
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .body(body)
                .build();
    }
}
