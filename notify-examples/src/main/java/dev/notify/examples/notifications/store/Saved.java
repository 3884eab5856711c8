package dev.notify.examples.notifications.store;

/**
 * A notification as it was written, and the number of unseen notifications right after the write
 * (counted in the same transaction).
 *
 * @param notification the notification as stored
 * @param unseen the unseen count after the write
 */
public record Saved(Notification notification, long unseen) {
}
