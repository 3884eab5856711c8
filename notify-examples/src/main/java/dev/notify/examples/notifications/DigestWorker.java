package dev.notify.examples.notifications;

import dev.notify.consumer.MessageHandler;
import dev.notify.consumer.WorkerConsumer;
import dev.notify.consumer.WorkerContext;
import dev.notify.core.routing.ChannelNameRouter;
import dev.notify.examples.notifications.store.Notification;
import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.layer.Message;
import dev.notify.spi.NameRules;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The worker of the {@value #CHANNEL} channel: a {@code {"type": "digest.request", "group": G}}
 * message makes it send group G one {@code send_notification} whose value is
 * {@code {"digest": {"unseen": <count>, "latest": "<text of the newest unseen notification or null>"}}}.
 * It runs in the app's process by default, or on its own with
 * {@code java -jar notify-examples.jar runworker notifications.digest}.
 */
public final class DigestWorker implements WorkerConsumer {
    /** The channel the worker consumes. */
    public static final String CHANNEL = "notifications.digest";
    /** The type of the messages it handles. */
    public static final String REQUEST_TYPE = "digest.request";

    private final NotificationStore store;

    /**
     * @param store where the unseen notifications are counted
     */
    public DigestWorker(NotificationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * @param store where the unseen notifications are counted
     * @return the routes of the app's workers
     */
    public static ChannelNameRouter router(NotificationStore store) {
        return ChannelNameRouter.builder().channel(CHANNEL, () -> new DigestWorker(store)).build();
    }

    /**
     * @param group the group that gets the digest
     * @return the message that asks for it
     */
    public static Message request(String group) {
        return Message.of(REQUEST_TYPE, "group", group);
    }

    /**
     * Sends the digest to the message's group.
     *
     * @param context the worker's layer
     * @param message {@code {"type": "digest.request", "group": G}}
     * @throws SQLException if the database fails
     * @throws IllegalArgumentException if the message has no valid group name
     */
    @MessageHandler(REQUEST_TYPE)
    public void digestRequest(WorkerContext context, Message message) throws SQLException {
        Object group = message.get("group");
        if (!(group instanceof String name)) {
            throw new IllegalArgumentException("a digest.request needs a string 'group' but had " + group);
        }
        NameRules.requireGroup(name);
        long unseen = store.countUnseen();
        String latest = store.newestUnseen().map(Notification::text).orElse(null);
        context.layer().blocking(NotificationGroup.SEND_TIMEOUT)
                .groupSend(name, NotificationGroup.message(Payloads.digest(unseen, latest)));
    }
}
