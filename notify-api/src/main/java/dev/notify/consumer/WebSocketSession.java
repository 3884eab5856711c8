package dev.notify.consumer;

import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import java.util.concurrent.CompletionStage;

/**
 * A consumer's handle on its connection: accept or reject it, send frames, close it, and join or
 * leave groups under its own channel name.
 *
 * <p>Every method is thread-safe and returns promptly: frames are queued for the transport, never
 * written on the calling thread. Sending during {@code onConnect}, before {@link #accept()},
 * accepts the connection first (without a subprotocol), as daphne does. Sending on a connection that
 * is rejected or closed does nothing (and is logged at debug level).
 *
 * @since 0.1
 */
public interface WebSocketSession {

    /** @return the connection's scope */
    Scope scope();

    /** @return this connection's unique channel name on the layer */
    String channelName();

    /** @return the channel layer this connection is bound to */
    ChannelLayer layer();

    /**
     * @return the server's JSON codec, which {@link #sendJson} uses; it also turns records into
     *     layer messages and back ({@link JsonCodec#toMessage}, {@link JsonCodec#fromMessage})
     */
    JsonCodec json();

    /**
     * Accepts the connection without a subprotocol. Only meaningful during {@code onConnect}; a
     * consumer that returns from {@code onConnect} without accepting or closing is accepted.
     */
    void accept();

    /**
     * Accepts the connection with one of the subprotocols the client offered.
     *
     * @param subprotocol the chosen subprotocol
     * @throws IllegalArgumentException if the client did not offer it
     */
    void accept(String subprotocol);

    /**
     * Rejects the connection during {@code onConnect}: the handshake fails with HTTP 403, as in
     * Channels. After accepting, it closes with {@link CloseStatus#POLICY_VIOLATION} instead.
     */
    void reject();

    /**
     * Queues a text frame; during {@code onConnect} this accepts the connection first.
     *
     * @param text the text
     */
    void sendText(String text);

    /**
     * Queues a binary frame; during {@code onConnect} this accepts the connection first. The array
     * must not be modified afterwards.
     *
     * @param data the bytes
     */
    void sendBinary(byte[] data);

    /**
     * Encodes a value with the server's {@link #json() codec} (maps, lists, strings, numbers,
     * booleans, null, records and beans; with the default codec {@code java.time} values as
     * ISO-8601 strings and {@code Optional}s as their value or null) and queues it as a text frame.
     *
     * @param value the value
     * @throws IllegalArgumentException if the value cannot be encoded as JSON
     */
    void sendJson(Object value);

    /**
     * Closes the connection with {@link CloseStatus#NORMAL}. Before accepting, this rejects it.
     */
    default void close() {
        close(CloseStatus.NORMAL);
    }

    /**
     * Closes the connection with a status. Before accepting, this rejects it (HTTP 403).
     *
     * @param status the close status
     */
    void close(CloseStatus status);

    /**
     * Adds this connection's channel to a group; it leaves the group on disconnect.
     *
     * @param group the group name
     * @return completes when the membership is recorded
     */
    CompletionStage<Void> groupAdd(String group);

    /**
     * Removes this connection's channel from a group.
     *
     * @param group the group name
     * @return completes when the membership is gone
     */
    CompletionStage<Void> groupDiscard(String group);

    /** @return whether the connection is accepted and not yet closed */
    boolean isOpen();
}
