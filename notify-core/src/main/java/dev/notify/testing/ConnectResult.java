package dev.notify.testing;

import java.util.List;
import java.util.Map;

/**
 * How a {@link WebSocketCommunicator#connect()} ended.
 *
 * @param accepted whether the consumer accepted
 * @param subprotocol the accepted subprotocol, or {@code null}
 * @param status when refused, the HTTP status of the failed handshake (403 when the consumer
 *     rejected, 404 for an unknown path, 500 when it failed); 101 when accepted
 * @param reason when refused, why
 * @param headers when accepted, the headers middleware added to the handshake response
 * @since 0.1
 */
public record ConnectResult(boolean accepted, String subprotocol, int status, String reason, Map<String, List<String>> headers) {
    /**
     * Copies the headers.
     *
     * @param accepted whether the consumer accepted
     * @param subprotocol the accepted subprotocol, or {@code null}
     * @param status the HTTP status of the handshake
     * @param reason when refused, why
     * @param headers the headers middleware added to the handshake response
     */
    public ConnectResult {
        headers = Map.copyOf(headers);
    }
}
