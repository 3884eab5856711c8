package dev.notify.examples.notifications;

import static dev.notify.examples.notifications.admin.Html.escape;

import dev.notify.examples.notifications.store.Notification;
import dev.notify.examples.notifications.store.NotificationQuery;
import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.http.HttpHandler;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * The live page at {@code /}: the current unseen count and latest unseen notification, and who is
 * logged in (the admin's session, through the framework's authentication middleware), rendered into
 * {@code live.html}; its script then follows {@code /ws/test/} (or the configured WebSocket URL, in
 * the two-process setup).
 */
final class LivePage implements HttpHandler {
    private final String template = readTemplate();
    private final NotificationStore store;
    private final Optional<String> wsUrl;

    /**
     * @param store where the current count comes from
     * @param wsUrl the WebSocket URL to use instead of the page's own origin
     */
    LivePage(NotificationStore store, Optional<String> wsUrl) {
        this.store = Objects.requireNonNull(store, "store");
        this.wsUrl = Objects.requireNonNull(wsUrl, "wsUrl");
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws SQLException {
        if (!request.path().equals("/")) {
            return HttpResponse.status(404, "404 Not Found\n");
        }
        long unseen = store.countUnseen();
        String current = store.list(new NotificationQuery(Optional.of(false), ""), 1, 1).items().stream()
                .findFirst().map(Notification::text).orElse("");
        String who = request.scope().user()
                .map(user -> "Logged in as <strong id=\"user\">" + escape(user.id()) + "</strong> · <a href=\"/admin/\">admin</a>")
                .orElse("Not logged in · <a href=\"/admin/login/?next=/\">log in</a>");
        String html = template
                .replace("{{user}}", who)
                .replace("{{wsUrl}}", escape(wsUrl.orElse("")))
                .replace("{{unseen}}", Long.toString(unseen))
                .replace("{{current}}", escape(current));
        String connect = wsUrl.map(u -> {
            URI uri = URI.create(u);
            return " " + uri.getScheme() + "://" + uri.getRawAuthority();
        }).orElse("");
        return HttpResponse.builder(200)
                .header("Content-Type", "text/html; charset=utf-8")
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; connect-src 'self'" + connect + "; frame-ancestors 'none'")
                .body(html)
                .build();
    }

    private static String readTemplate() {
        try (InputStream in = LivePage.class.getResourceAsStream("live.html")) {
            if (in == null) {
                throw new IllegalStateException("live.html is missing from the class path next to " + LivePage.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
