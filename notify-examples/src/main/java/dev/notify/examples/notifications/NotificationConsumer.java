package dev.notify.examples.notifications;

import dev.notify.LogText;
import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketSession;
import dev.notify.layer.Message;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of the live notification page, at {@code /ws/test/} (the original app's
 * {@code TestConsumer}, with its route, group and payloads): it joins {@value NotificationGroup#NAME}, answers
 * every text with {@code {"status": "Data received!"}}, and forwards each {@code send_notification}
 * message's {@code value} to its client. Like the original's {@code AsyncWebsocketConsumer} it never
 * blocks, so it is written against the async contract.
 */
public final class NotificationConsumer implements AsyncWebSocketConsumer {
    private static final Logger log = LoggerFactory.getLogger(NotificationConsumer.class);

    @Override
    public Set<String> groups() {
        return Set.of(NotificationGroup.NAME);
    }

    @Override
    public CompletionStage<Void> onConnect(WebSocketSession session) {
        session.accept();
        log.info("connected: {} (group {})", session.channelName(), NotificationGroup.NAME);
        return DONE;
    }

    @Override
    public CompletionStage<Void> onText(WebSocketSession session, String text) {
        log.info("received from {}: {}", session.channelName(), LogText.of(text)); // client text: escaped and cut
        session.sendText(Payloads.DATA_RECEIVED);
        return DONE;
    }

    /**
     * Handles {@code send_notification} messages: sends their {@code value} to the client, as text
     * when it is a string and as JSON otherwise.
     *
     * @param session the connection
     * @param message the group message
     * @return done
     */
    public CompletionStage<Void> sendNotification(WebSocketSession session, Message message) {
        Object value = message.get("value");
        if (value instanceof String) {
            session.sendText((String) value);
        } else {
            session.sendJson(value);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> onDisconnect(WebSocketSession session, CloseStatus status) {
        log.info("disconnected: {} with code {}", session.channelName(), status.code());
        return DONE;
    }
}
