package dev.notify.testing;

import dev.notify.core.runtime.StreamConnection;
import dev.notify.core.runtime.StreamHandle;
import dev.notify.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One response read as it streams, from {@link HttpCommunicator#stream}: its head, then its body
 * chunk by chunk, each with a timeout (default {@link HttpCommunicator#DEFAULT_TIMEOUT}). A whole
 * response (an ordinary route, or a consumer that answered with {@code respond}) reads as a head,
 * one chunk with its body, and the end. Not thread-safe: one test thread reads it.
 *
 * <pre>{@code
 * try (var http = HttpCommunicator.create(router);
 *      var events = http.stream("/events/")) {
 *     assertThat(events.status()).isEqualTo(200);
 *     http.layer().groupSend("news", Message.of("news.item", Map.of("text", "hi")));
 *     assertThat(events.receiveText()).isEqualTo("data: hi\n\n");
 *     events.disconnect();                            // the consumer's onDisconnect runs, it leaves its groups
 * }
 * }</pre>
 *
 * @since 0.3
 */
public final class StreamingResponse implements AutoCloseable {
    private static final Object END = new Object();
    private static final Object ABORTED = new Object();

    private final String target;
    private final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
    private final BlockingQueue<Object> body = new LinkedBlockingQueue<>();
    private final CompletableFuture<StreamHandle> handle = new CompletableFuture<>();
    private final AtomicReference<CompletableFuture<Void>> over = new AtomicReference<>();
    private boolean ended;
    private boolean aborted;

    StreamingResponse(String target) {
        this.target = target;
    }

    /** The transport side the runtime writes to; it reports the end to the runtime as a server does. */
    StreamConnection transport() {
        return new StreamConnection() {
            @Override
            public void start(HttpResponse response) {
                head.complete(response);
            }

            @Override
            public void send(byte[] chunk) {
                body.add(chunk);
            }

            @Override
            public void end() {
                body.add(END);
                finish();
            }

            @Override
            public void abort() {
                body.add(ABORTED);
                finish();
            }

            @Override
            public void respond(HttpResponse response) {
                head.complete(response);
                if (response.body().length > 0) {
                    body.add(response.body());
                }
                body.add(END);
                finish();
            }
        };
    }

    void bind(StreamHandle runtimeHandle) {
        handle.complete(runtimeHandle);
    }

    /** Reports the end to the runtime once, as a server does when the exchange is over. */
    private CompletableFuture<Void> finish() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (over.compareAndSet(null, mine)) {
            handle.thenCompose(StreamHandle::closed).whenComplete((r, e) -> mine.complete(null));
        }
        return over.get();
    }

    /**
     * @return the response status
     * @throws AssertionError if the response does not start within the default timeout
     */
    public int status() {
        return head(HttpCommunicator.DEFAULT_TIMEOUT).status();
    }

    /** @return the response headers (after the middleware), waiting for the head as {@link #status()} */
    public Map<String, List<String>> headers() {
        return head(HttpCommunicator.DEFAULT_TIMEOUT).headers();
    }

    /**
     * @param name a header name, case-insensitive
     * @return the header's first value, waiting for the head as {@link #status()}
     */
    public Optional<String> header(String name) {
        return head(HttpCommunicator.DEFAULT_TIMEOUT).header(name);
    }

    /**
     * @param timeout how long to wait for the response to start
     * @return the head: status and headers (its body is empty for a stream)
     * @throws AssertionError if it does not start in time
     */
    public HttpResponse head(Duration timeout) {
        try {
            return head.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the response to " + target + " did not start within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the response to " + target + " failed", e.getCause());
        }
    }

    /**
     * @return the next body chunk
     * @throws AssertionError if none comes within the default timeout, or the body ended
     */
    public byte[] receiveChunk() {
        return receiveChunk(HttpCommunicator.DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long to wait
     * @return the next body chunk
     * @throws AssertionError if none comes in time, or the body ended
     */
    public byte[] receiveChunk(Duration timeout) {
        Object next = poll(timeout);
        if (next == null) {
            throw new AssertionError("no chunk from " + target + " within " + timeout);
        }
        if (!(next instanceof byte[] chunk)) {
            throw new AssertionError("expected a chunk from " + target + " but the response " + (next == END ? "ended" : "was cut"));
        }
        return chunk;
    }

    /** @return the next body chunk as UTF-8 text, as {@link #receiveChunk()} */
    public String receiveText() {
        return receiveText(HttpCommunicator.DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long to wait
     * @return the next body chunk as UTF-8 text, as {@link #receiveChunk(Duration)}
     */
    public String receiveText(Duration timeout) {
        return new String(receiveChunk(timeout), StandardCharsets.UTF_8);
    }

    /**
     * @param timeout how long to watch
     * @throws AssertionError if a chunk, the end or a cut comes within it
     */
    public void receiveNothing(Duration timeout) {
        Object next = poll(timeout);
        if (next != null) {
            throw new AssertionError("expected nothing from " + target + " but got "
                    + (next instanceof byte[] chunk ? "the chunk '" + new String(chunk, StandardCharsets.UTF_8) + "'"
                            : next == END ? "the end of the response" : "a cut"));
        }
    }

    /**
     * Waits until the response ends, and for the consumer's disconnect hook after it.
     *
     * @param timeout how long to wait
     * @throws AssertionError if a chunk comes first, the response is cut, or it does not end in time
     */
    public void awaitEnd(Duration timeout) {
        Object next = poll(timeout);
        if (next != END) {
            throw new AssertionError("expected the end of " + target + " within " + timeout + " but got "
                    + (next == null ? "nothing" : next == ABORTED ? "a cut" : "the chunk '"
                            + new String((byte[]) next, StandardCharsets.UTF_8) + "'"));
        }
        awaitOver(timeout);
    }

    /**
     * Waits until the server cuts the connection (a consumer failed after it started, or the
     * client was too slow), and for the consumer's disconnect hook after it.
     *
     * @param timeout how long to wait
     * @throws AssertionError if a chunk or the end comes first, or nothing in time
     */
    public void awaitCut(Duration timeout) {
        Object next = poll(timeout);
        if (next != ABORTED) {
            throw new AssertionError("expected " + target + " to be cut within " + timeout + " but got "
                    + (next == null ? "nothing" : next == END ? "the end" : "a chunk"));
        }
        awaitOver(timeout);
    }

    private Object poll(Duration timeout) {
        if (ended || aborted) {
            throw new AssertionError("the response to " + target + " is already over");
        }
        try {
            Object next = body.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            ended = next == END;
            aborted = next == ABORTED;
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The client goes away, as a browser closing the page: the consumer's disconnect hook runs
     * (once, if the response did not end first) and it leaves its groups. Waits for both.
     *
     * @throws AssertionError if they do not finish within the default timeout
     */
    public void disconnect() {
        awaitOver(HttpCommunicator.DEFAULT_TIMEOUT);
    }

    private void awaitOver(Duration timeout) {
        try {
            finish().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the consumer of " + target + " did not disconnect within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("disconnecting " + target + " failed", e.getCause());
        }
    }

    /** Disconnects, as {@link #disconnect()}. */
    @Override
    public void close() {
        disconnect();
    }
}
