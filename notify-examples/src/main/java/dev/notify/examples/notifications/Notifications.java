package dev.notify.examples.notifications;

import dev.notify.NotifyException;
import dev.notify.examples.notifications.store.Notification;
import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.examples.notifications.store.Saved;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification writes that tell the clients, as the original model's {@code save()}: each create or
 * change sends {@code {"count": <unseen>, "current_notification": "<text>"}} to the group. A delete
 * that changes the unseen count sends the new count with {@code "current_notification": null}, so
 * live pages never show a stale count.
 *
 * <p>The write is committed before the broadcast; a layer failure is logged and does not undo it.
 */
public final class Notifications {
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final NotificationStore store;
    private final NotificationGroup group;

    /**
     * @param store where notifications live
     * @param group where changes are announced
     */
    public Notifications(NotificationStore store, NotificationGroup group) {
        this.store = Objects.requireNonNull(store, "store");
        this.group = Objects.requireNonNull(group, "group");
    }

    /** @return the store, for reads */
    public NotificationStore store() {
        return store;
    }

    /**
     * @param text the text
     * @param seen whether it is already seen
     * @return the new notification
     * @throws SQLException if the database fails
     */
    public Notification create(String text, boolean seen) throws SQLException {
        return announce(store.create(text, seen)).notification();
    }

    /**
     * @param id the notification
     * @param text its new text
     * @param seen its new seen flag
     * @return the changed notification, or empty if it does not exist
     * @throws SQLException if the database fails
     */
    public Optional<Notification> change(long id, String text, boolean seen) throws SQLException {
        return store.update(id, text, seen).map(this::announce).map(Saved::notification);
    }

    /**
     * @param id the notification
     * @return whether it was unseen and is now seen
     * @throws SQLException if the database fails
     */
    public boolean markSeen(long id) throws SQLException {
        return store.markSeen(id).map(this::announce).isPresent();
    }

    /**
     * @param id the notification
     * @return the deleted notification, or empty if there was none
     * @throws SQLException if the database fails
     */
    public Optional<Notification> delete(long id) throws SQLException {
        Optional<Saved> deleted = store.delete(id);
        deleted.filter(d -> !d.notification().seen())
                .ifPresent(d -> broadcast(Payloads.notification(d.unseen(), null)));
        return deleted.map(Saved::notification);
    }

    /**
     * Asks the digest worker to send the live pages a digest of the unseen notifications.
     *
     * @return whether the request was queued; a layer failure is logged
     */
    public boolean requestDigest() {
        try {
            group.requestDigest();
            return true;
        } catch (NotifyException e) {
            log.warn("could not ask for a digest on {}: {}", DigestWorker.CHANNEL, e.toString());
            return false;
        }
    }

    private Saved announce(Saved saved) {
        broadcast(Payloads.notification(saved.unseen(), saved.notification().text()));
        return saved;
    }

    private void broadcast(String payload) {
        try {
            group.send(payload);
        } catch (NotifyException e) {
            log.warn("saved, but could not tell group {}: {}", NotificationGroup.NAME, e.toString());
        }
    }
}
