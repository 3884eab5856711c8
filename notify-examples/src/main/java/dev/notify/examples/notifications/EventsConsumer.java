package dev.notify.examples.notifications;

import dev.notify.http.AsyncHttpConsumer;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpStream;
import dev.notify.http.ServerSentEvent;
import dev.notify.layer.Message;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events/}: the payloads {@code /ws/test/} receives, as Server-Sent Events, for
 * clients that cannot use WebSockets. It joins {@value NotificationGroup#NAME} and sends each
 * {@code send_notification} message's {@code value} as one event's data, the same JSON text the
 * WebSocket consumer sends, with an increasing {@code id:} (continuing from the
 * {@code Last-Event-ID} a reconnecting browser sends; what it missed meanwhile is not replayed, as
 * a WebSocket client misses what comes while it is away), and a heartbeat comment every 15 s.
 */
public final class EventsConsumer implements AsyncHttpConsumer {
    private static final Logger log = LoggerFactory.getLogger(EventsConsumer.class);

    private long lastId;

    @Override
    public Set<String> groups() {
        return Set.of(NotificationGroup.NAME);
    }

    @Override
    public CompletionStage<Void> onRequest(HttpStream stream, HttpRequest request) {
        lastId = ServerSentEvent.lastEventId(request).map(EventsConsumer::parseId).orElse(0L);
        stream.startEventStream(HttpStream.DEFAULT_HEARTBEAT);
        log.info("event stream opened: {} (group {}, after id {})", stream.channelName(), NotificationGroup.NAME, lastId);
        return DONE;
    }

    /** An id this stream did not send (a client's own, or garbage) starts the count afresh. */
    private static long parseId(String id) {
        try {
            return Math.max(0, Long.parseLong(id));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Handles {@code send_notification} messages: their {@code value} becomes the data of the next
     * event, text as it is and anything else as JSON, as {@code /ws/test/} sends it.
     *
     * @param stream the event stream
     * @param message the group message
     * @return done
     */
    public CompletionStage<Void> sendNotification(HttpStream stream, Message message) {
        Object value = message.get("value");
        String data = value instanceof String text ? text : stream.json().encode(value);
        lastId++;
        stream.sendEvent(ServerSentEvent.builder().id(Long.toString(lastId)).data(data).build());
        return DONE;
    }

    @Override
    public CompletionStage<Void> onDisconnect(HttpStream stream) {
        log.info("event stream closed: {}", stream.channelName());
        return DONE;
    }
}
