package dev.notify.consumer;

/**
 * A synchronous consumer that speaks JSON (Channels' {@code JsonWebsocketConsumer}): each text
 * frame is decoded and passed to {@link #onJson}; reply with {@link WebSocketSession#sendJson}.
 * Text that is not JSON closes the connection with {@link CloseStatus#INVALID_PAYLOAD}; a binary
 * frame closes it with {@link CloseStatus#UNSUPPORTED_DATA}.
 *
 * @since 0.1
 */
public interface JsonWebSocketConsumer extends WebSocketConsumer {

    /**
     * A JSON text frame arrived.
     *
     * @param session the connection
     * @param content the decoded value: a {@code Map<String, Object>}, {@code List<Object>},
     *     {@code String}, {@code Number}, {@code Boolean} or {@code null}
     * @throws Exception to close the connection with 1011
     */
    void onJson(WebSocketSession session, Object content) throws Exception;
}
