package dev.notify.core.runtime;

import dev.notify.http.HttpResponse;
import java.util.concurrent.Executor;

/**
 * The transport side of one streamed HTTP response, implemented by servers and by the test kit.
 * The runtime calls these from any thread; implementations MUST be thread-safe and MUST NOT block.
 *
 * <p>The runtime calls exactly one of {@link #start} and {@link #respond}, first. After
 * {@link #start} it sends chunks and then calls {@link #end} or {@link #abort}. Whenever the
 * exchange is over, for whatever reason (response ended, client gone, backlog over the limit), the
 * transport calls {@link StreamHandle#closed} once.
 *
 * <p>Backpressure: a transport bounds the bytes waiting for a client that does not read, and past
 * its limit drops the connection rather than buffer without bound.
 *
 * @since 0.3
 */
public interface StreamConnection {

    /** @param head the status and headers of the response; its body is empty, chunks follow */
    void start(HttpResponse head);

    /** @param chunk the next bytes of the body; not modified afterwards */
    void send(byte[] chunk);

    /** Ends the body (the last chunk). */
    void end();

    /** Closes the connection without ending the body, after a failure: the client sees it cut. */
    void abort();

    /** @param response a whole response instead of a stream: the middleware or the consumer answered at once */
    void respond(HttpResponse response);

    /**
     * @return the connection's own executor for asynchronous hooks, or {@code null} for the
     *     runtime's pool; see {@link Connection#executor()}
     */
    default Executor executor() {
        return null;
    }
}
