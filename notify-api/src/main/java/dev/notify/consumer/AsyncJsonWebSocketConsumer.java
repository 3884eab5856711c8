package dev.notify.consumer;

import java.util.concurrent.CompletionStage;

/**
 * The asynchronous {@link JsonWebSocketConsumer} (Channels' {@code AsyncJsonWebsocketConsumer}).
 *
 * @since 0.1
 */
public interface AsyncJsonWebSocketConsumer extends AsyncWebSocketConsumer {

    /**
     * @param session the connection
     * @param content the decoded JSON value
     * @return completes when handled
     * @see JsonWebSocketConsumer#onJson
     */
    CompletionStage<Void> onJson(WebSocketSession session, Object content);
}
