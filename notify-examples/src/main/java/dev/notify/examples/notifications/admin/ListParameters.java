package dev.notify.examples.notifications.admin;

import dev.notify.examples.notifications.store.NotificationQuery;
import dev.notify.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The list page's query parameters, named as in Django's admin: {@code q} (search),
 * {@code seen__exact} ({@code 1} or {@code 0}) and {@code p} (page, from 1).
 *
 * @param search the search text
 * @param seen the seen filter
 * @param page the page number
 */
record ListParameters(String search, Optional<Boolean> seen, int page) {

    static ListParameters of(HttpRequest request) {
        String search = request.queryParameter("q").orElse("").strip();
        Optional<Boolean> seen = request.queryParameter("seen__exact").flatMap(v -> {
            switch (v) {
                case "1":
                case "True":
                case "true":
                    return Optional.of(true);
                case "0":
                case "False":
                case "false":
                    return Optional.of(false);
                default:
                    return Optional.empty();
            }
        });
        int page = 1;
        try {
            page = Math.max(1, Integer.parseInt(request.queryParameter("p").orElse("1")));
        } catch (NumberFormatException e) {
            // Django shows the first page for a bad page number
        }
        return new ListParameters(search, seen, page);
    }

    NotificationQuery query() {
        return new NotificationQuery(seen, search);
    }

    boolean isFiltered() {
        return !search.isEmpty() || seen.isPresent();
    }

    /**
     * @param newSeen the filter the link sets
     * @param newPage the page the link opens
     * @return the list URL with the other parameters kept
     */
    String url(Optional<Boolean> newSeen, int newPage) {
        List<String> parts = new ArrayList<>();
        if (!search.isEmpty()) {
            parts.add("q=" + Html.query(search));
        }
        newSeen.ifPresent(s -> parts.add("seen__exact=" + (s ? "1" : "0")));
        if (newPage > 1) {
            parts.add("p=" + newPage);
        }
        return "/admin/notifications/" + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }
}
