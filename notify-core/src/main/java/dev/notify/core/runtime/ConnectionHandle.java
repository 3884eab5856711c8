package dev.notify.core.runtime;

import dev.notify.consumer.CloseStatus;
import java.util.concurrent.CompletionStage;

/**
 * The runtime side of one WebSocket connection: the transport reports frames and the end of the
 * connection here. Thread-safe; events are handled in the order they are reported.
 *
 * @since 0.1
 */
public interface ConnectionHandle {

    /** @param text a text frame from the client */
    void text(String text);

    /** @param data a binary frame from the client; not modified afterwards */
    void binary(byte[] data);

    /**
     * The connection ended. Further calls are ignored.
     *
     * @param status the close status the peer sent, {@link CloseStatus#NO_STATUS} if its close
     *     frame had none, or {@link CloseStatus#ABNORMAL} if it vanished
     * @return completes when the consumer's disconnect hook ran and it left its groups
     */
    CompletionStage<Void> closed(CloseStatus status);
}
