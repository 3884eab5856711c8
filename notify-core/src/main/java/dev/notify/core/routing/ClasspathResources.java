package dev.notify.core.routing;

import dev.notify.http.AsyncHttpHandler;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Serves class path resources under a folder, for {@code Router.Builder.staticResources}. */
final class ClasspathResources implements AsyncHttpHandler {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"));

    private final String root;

    ClasspathResources(String root) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
        String path = request.routeParameter("path");
        if (path.isEmpty() || path.contains("..") || path.contains("\\") || path.endsWith("/")) {
            return CompletableFuture.completedFuture(HttpResponse.status(404, "Not Found"));
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : ClasspathResources.class.getClassLoader())
                .getResourceAsStream(root + "/" + path)) {
            if (in == null) {
                return CompletableFuture.completedFuture(HttpResponse.status(404, "Not Found"));
            }
            String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return CompletableFuture.completedFuture(HttpResponse.builder(200)
                    .header("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"))
                    .header("Cache-Control", "no-cache")
                    .body(in.readAllBytes())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + root + "/" + path, e);
        }
    }
}
