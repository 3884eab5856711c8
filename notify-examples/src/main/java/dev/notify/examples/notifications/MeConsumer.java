package dev.notify.examples.notifications;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.notify.consumer.AsyncWebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.core.bridge.Bridge;
import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.layer.Message;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The consumer at {@code /ws/me/}, for a logged-in user only: the middleware in front of it finds
 * the user from the admin's {@code sessionid} cookie or from a token, and refuses the handshake
 * (403) without one. Its first message says who the user is,
 * {@code {"user": "admin", "unseen": 3, "server_time": "2024-05-01T12:00:00.123Z"}} (encoded by the
 * server's JSON codec from {@link Me}); after that it forwards the same notification payloads as
 * {@code /ws/test/}.
 */
public final class MeConsumer implements AsyncWebSocketConsumer {
    /**
     * The first message.
     *
     * @param user the user's name
     * @param unseen the unseen notifications now
     * @param serverTime when the server sent it, as an ISO-8601 instant
     */
    public record Me(String user, long unseen, @JsonProperty("server_time") Instant serverTime) {
    }

    private final NotificationStore store;
    private final InstantSource clock;

    /**
     * @param store where the unseen count comes from
     * @param clock gives {@code server_time}
     */
    public MeConsumer(NotificationStore store, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Set<String> groups() {
        return Set.of(NotificationGroup.NAME);
    }

    @Override
    public CompletionStage<Void> onConnect(WebSocketSession session) {
        String user = session.scope().user().orElseThrow().id(); // requireUser() let no anonymous client through
        return Bridge.offload(store::countUnseen).thenAccept(unseen -> {
            session.accept();
            session.sendJson(new Me(user, unseen, clock.instant()));
        });
    }

    /**
     * Handles {@code send_notification} messages as {@code /ws/test/} does.
     *
     * @param session the connection
     * @param message the group message
     * @return done
     */
    public CompletionStage<Void> sendNotification(WebSocketSession session, Message message) {
        NotificationConsumer.forward(session, message);
        return DONE;
    }
}
