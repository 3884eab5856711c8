package dev.notify.examples.notifications.store;

import java.time.OffsetDateTime;

/**
 * A stored notification, as in the original Django model.
 *
 * @param id the database id
 * @param text the text shown to users
 * @param seen whether it has been seen
 * @param createdAt when it was created
 */
public record Notification(long id, String text, boolean seen, OffsetDateTime createdAt) {
}
