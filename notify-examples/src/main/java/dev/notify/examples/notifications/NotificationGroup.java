package dev.notify.examples.notifications;

import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.time.Duration;
import java.util.Objects;

/**
 * The group every {@link NotificationConsumer} joins, seen from blocking code: each send is a
 * {@code send_notification} message whose {@code value} is a JSON text, as in the original app's
 * {@code async_to_sync(channel_layer.group_send)("test_consumer_group", {...})}.
 */
public final class NotificationGroup {
    /** The group's name, as in the original. */
    public static final String NAME = "test_consumer_group";
    /** The type of the messages sent to it; {@link NotificationConsumer#sendNotification} handles them. */
    public static final String MESSAGE_TYPE = "send_notification";
    /** How long a send may wait for the layer. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final BlockingChannelLayer layer;

    /**
     * @param layer the layer the consumers listen on
     */
    public NotificationGroup(ChannelLayer layer) {
        this.layer = Objects.requireNonNull(layer, "layer").blocking(SEND_TIMEOUT);
    }

    /**
     * Sends a text to every member; blocks until the layer took it.
     *
     * @param value the text each client receives
     * @throws dev.notify.layer.LayerTimeoutException if the layer did not answer within {@link #SEND_TIMEOUT}
     * @throws dev.notify.layer.ChannelLayerException if the layer failed
     */
    public void send(String value) {
        layer.groupSend(NAME, message(value));
    }

    /**
     * @param value the text a client receives
     * @return the group message carrying it
     */
    public static Message message(String value) {
        return Message.builder(MESSAGE_TYPE).put("value", value).build();
    }
}
