package dev.notify.consumer;

import dev.notify.layer.Message;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An asynchronous WebSocket consumer (Channels' {@code AsyncWebsocketConsumer}). The same hooks as
 * {@link WebSocketConsumer}, returning stages; the next event of the connection is handled when the
 * returned stage completes. Hooks run on the connection's network I/O thread (with the Netty
 * server) or on a shared pool sized to the CPU count, and MUST NOT block: offload blocking work
 * with {@code Bridge.offload}. A blocked hook would stall every connection of its I/O thread.
 *
 * <p>Handler methods for layer messages take {@code (WebSocketSession, Message)} and return a
 * {@link CompletionStage}. A hook that throws or whose stage fails closes the connection with 1011.
 *
 * @since 0.1
 */
public interface AsyncWebSocketConsumer {

    /** A completed stage, for hooks that finish at once. */
    CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    /**
     * @return the groups joined on connect and left on disconnect; empty by default
     * @see WebSocketConsumer#groups()
     */
    default Set<String> groups() {
        return Set.of();
    }

    /**
     * @param session the connection
     * @return completes when the connection is accepted or rejected; the default accepts
     * @see WebSocketConsumer#onConnect
     */
    default CompletionStage<Void> onConnect(WebSocketSession session) {
        session.accept();
        return DONE;
    }

    /**
     * @param session the connection
     * @param text the text
     * @return completes when handled
     */
    default CompletionStage<Void> onText(WebSocketSession session, String text) {
        return DONE;
    }

    /**
     * @param session the connection
     * @param data the bytes
     * @return completes when handled
     */
    default CompletionStage<Void> onBinary(WebSocketSession session, byte[] data) {
        return DONE;
    }

    /**
     * A layer message with no handler method; the default fails with
     * {@link UnknownMessageTypeException}, closing this connection with 1011.
     *
     * @param session the connection
     * @param message the message
     * @return completes when handled
     */
    default CompletionStage<Void> onMessage(WebSocketSession session, Message message) {
        return CompletableFuture.failedFuture(new UnknownMessageTypeException(getClass(), message.type()));
    }

    /**
     * @param session the connection
     * @param status the close status
     * @return completes when handled; the groups are left afterwards
     */
    default CompletionStage<Void> onDisconnect(WebSocketSession session, CloseStatus status) {
        return DONE;
    }

    /**
     * @param session the connection
     * @param error the failure, before the connection is closed with 1011
     */
    default void onError(WebSocketSession session, Throwable error) {
    }
}
