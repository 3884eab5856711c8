package dev.notify.core.runtime;

import dev.notify.consumer.CloseStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The transport side of one WebSocket connection, implemented by servers and by the test kit. The
 * runtime calls these from any thread; implementations MUST be thread-safe and MUST NOT block.
 *
 * <p>The runtime calls exactly one of {@link #accept} and {@link #reject}, first, once the
 * consumer and the middleware have decided. After {@link #accept}, it may send frames and call
 * {@link #close}. Whenever the connection ends, for whatever reason, the transport calls
 * {@link ConnectionHandle#closed} once.
 *
 * @since 0.1
 */
public interface Connection {

    /**
     * Completes the handshake.
     *
     * @param subprotocol the chosen subprotocol, or {@code null} for none
     * @param headers more headers for the handshake response, added by middleware; often empty
     */
    void accept(String subprotocol, Map<String, List<String>> headers);

    /**
     * Fails the handshake with an HTTP status (403 when the consumer rejected, 404 for an unknown
     * path, 500 when the consumer failed). The transport then calls
     * {@link ConnectionHandle#closed} as for any other end.
     *
     * @param httpStatus the HTTP status
     * @param reason why, for the log and the response body
     */
    void reject(int httpStatus, String reason);

    /** @param text a text frame to send */
    void sendText(String text);

    /** @param data a binary frame to send; not modified afterwards */
    void sendBinary(byte[] data);

    /** @param status sends a close frame with this status and closes the connection */
    void close(CloseStatus status);

    /**
     * Where the hooks of an asynchronous consumer of this connection run: an executor that runs
     * tasks on the connection's own I/O thread, in order. Asynchronous hooks never block, so they
     * can share the thread that reads and writes the socket, which saves two thread hand-offs per
     * event. The default, {@code null}, runs them on the runtime's asynchronous pool. Synchronous
     * consumers always run on the blocking executor.
     *
     * @return the connection's own executor, or {@code null}
     */
    default Executor executor() {
        return null;
    }
}
