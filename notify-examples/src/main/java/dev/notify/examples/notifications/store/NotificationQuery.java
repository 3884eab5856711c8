package dev.notify.examples.notifications.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What the admin list shows: an optional seen filter and a case-insensitive search text.
 *
 * @param seen only seen ({@code true}) or unseen ({@code false}) notifications; empty for all
 * @param search text the notification must contain, ignoring case; empty for all
 */
public record NotificationQuery(Optional<Boolean> seen, String search) {
    /** Every notification. */
    public static final NotificationQuery ALL = new NotificationQuery(Optional.empty(), "");

    /** Checks the components. */
    public NotificationQuery {
        Objects.requireNonNull(seen, "seen");
        search = Objects.requireNonNull(search, "search").strip();
    }
}
