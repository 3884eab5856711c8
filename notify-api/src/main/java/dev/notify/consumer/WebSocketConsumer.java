package dev.notify.consumer;

import dev.notify.layer.Message;
import java.util.Set;

/**
 * A synchronous WebSocket consumer (Channels' {@code WebsocketConsumer}). One instance serves one
 * connection; its hooks run on a worker thread (a virtual thread where the JVM has them), one at a
 * time and in arrival order, so they may block: a blocked consumer does not hold up others.
 *
 * <p>Layer messages go to handler methods by type (see {@link MessageHandler} and the package
 * documentation), for example:
 *
 * <pre>{@code
 * public final class ChatConsumer implements WebSocketConsumer {
 *     public Set<String> groups() { return Set.of("chat"); }
 *
 *     public void onText(WebSocketSession session, String text) {
 *         session.layer().blocking(Duration.ofSeconds(5))
 *                 .groupSend("chat", Message.of("chat.message", "text", text));
 *     }
 *
 *     public void chatMessage(WebSocketSession session, Message message) {   // "chat.message"
 *         session.sendText(message.getString("text"));
 *     }
 * }
 * }</pre>
 *
 * <p>A hook that throws is logged, passed to {@link #onError}, and closes the connection with
 * {@link CloseStatus#INTERNAL_ERROR}; other connections are not affected.
 *
 * @since 0.1
 */
public interface WebSocketConsumer {

    /**
     * The groups this consumer joins when it connects and leaves when it disconnects, also when
     * it fails (Channels' {@code groups} attribute).
     *
     * @return the group names; empty by default
     */
    default Set<String> groups() {
        return Set.of();
    }

    /**
     * The client asked to connect. Call {@link WebSocketSession#accept}, accept with a subprotocol,
     * or {@link WebSocketSession#reject}. Returning without either accepts, and so does sending a
     * frame first (as daphne does). The default accepts.
     *
     * @param session the connection
     * @throws Exception fails the handshake with 500 before accepting, or closes with 1011 after
     *     (the failure is logged)
     */
    default void onConnect(WebSocketSession session) throws Exception {
        session.accept();
    }

    /**
     * A text frame arrived.
     *
     * @param session the connection
     * @param text the text
     * @throws Exception to close the connection with 1011
     */
    default void onText(WebSocketSession session, String text) throws Exception {
    }

    /**
     * A binary frame arrived.
     *
     * @param session the connection
     * @param data the bytes
     * @throws Exception to close the connection with 1011
     */
    default void onBinary(WebSocketSession session, byte[] data) throws Exception {
    }

    /**
     * A layer message arrived whose type has no handler method. The default throws
     * {@link UnknownMessageTypeException}, which closes this connection with 1011.
     *
     * @param session the connection
     * @param message the message
     * @throws Exception to close the connection with 1011
     */
    default void onMessage(WebSocketSession session, Message message) throws Exception {
        throw new UnknownMessageTypeException(getClass(), message.type());
    }

    /**
     * The connection closed, by either side or by a network failure. Called only for connections
     * that were accepted; a connection refused or abandoned during the handshake just leaves its
     * groups. The consumer's groups are left after this returns.
     *
     * @param session the connection (no longer open)
     * @param status the close status; {@link CloseStatus#ABNORMAL} when the peer vanished
     * @throws Exception logged; the groups are left anyway
     */
    default void onDisconnect(WebSocketSession session, CloseStatus status) throws Exception {
    }

    /**
     * A hook failed; called before the connection is closed with 1011. The default does nothing
     * (the runtime has already logged the failure).
     *
     * @param session the connection
     * @param error the failure
     */
    default void onError(WebSocketSession session, Throwable error) {
    }
}
