package dev.notify.spring.rooms;

import dev.notify.consumer.CloseStatus;
import dev.notify.consumer.WebSocketConsumer;
import dev.notify.consumer.WebSocketSession;
import dev.notify.layer.Message;
import dev.notify.spring.NotifyConsumer;
import java.time.Duration;

/**
 * Joins the room's group, greets through an injected bean, relays "room.message" layer messages, and logs
 * its disconnect to an injected bean.
 */
@NotifyConsumer("/ws/rooms/{room}/")
public class RoomConsumer implements WebSocketConsumer {
    private final Greeter greeter;
    private final ConnectionLog log;
    private String room;

    public RoomConsumer(Greeter greeter, ConnectionLog log) {
        this.greeter = greeter;
        this.log = log;
    }

    @Override
    public void onConnect(WebSocketSession session) {
        room = session.scope().routeParameter("room");
        session.accept();
        session.groupAdd(RoomController.group(room)).toCompletableFuture().join();
        session.sendText(greeter.greet(room));
    }

    /**
     * Layer messages of type {@code room.message}.
     *
     * @param session the connection
     * @param message the message
     */
    public void roomMessage(WebSocketSession session, Message message) {
        session.sendText(room + ": " + message.getString("text"));
    }

    /** Records the close code, and whether the layer still worked: it must outlive the server. */
    @Override
    public void onDisconnect(WebSocketSession session, CloseStatus status) {
        String layer;
        try {
            session.layer().blocking(Duration.ofSeconds(5)).groupSend(RoomController.group(room) + "-audit", Message.of("room.left"));
            layer = "layer open";
        } catch (RuntimeException e) {
            layer = "layer failed: " + e.getMessage();
        }
        log.events.add("disconnect " + room + " " + status.code() + " " + layer);
    }
}
