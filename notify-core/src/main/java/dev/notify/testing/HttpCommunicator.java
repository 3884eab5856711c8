package dev.notify.testing;

import dev.notify.consumer.Scope;
import dev.notify.core.routing.Router;
import dev.notify.core.runtime.ConsumerRuntime;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.layer.ChannelLayer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends HTTP requests to a router's HTTP handlers and streaming consumers through the real runtime
 * (middleware, routing, 404 and 405, handler threads), without a network: Channels'
 * {@code HttpCommunicator}. {@link #stream} reads a streamed response (Server-Sent Events) chunk
 * by chunk, see {@link StreamingResponse}.
 *
 * <pre>{@code
 * try (var http = HttpCommunicator.create(router)) {
 *     HttpResponse response = http.get("/health");
 *     assertThat(response.status()).isEqualTo(200);
 *     assertThat(response.bodyText()).isEqualTo("ok");
 * }
 * }</pre>
 *
 * <p>Unless a layer is given, each communicator makes its own in-memory layer (notify-inmemory must
 * be on the test class path), which handlers reach through {@link HttpRequest#layer()}.
 *
 * @since 0.3
 */
public final class HttpCommunicator implements AutoCloseable {
    /** How long a request waits for its response unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final ChannelLayer layer;
    private final boolean ownsLayer;
    private final ConsumerRuntime runtime;

    private HttpCommunicator(Router router, ChannelLayer givenLayer) {
        Objects.requireNonNull(router, "router");
        this.ownsLayer = givenLayer == null;
        this.layer = givenLayer != null ? givenLayer : TestLayers.inMemory("HttpCommunicator");
        this.runtime = ConsumerRuntime.create(layer, router);
    }

    /**
     * @param router the routes
     * @return a communicator on its own in-memory layer
     */
    public static HttpCommunicator create(Router router) {
        return new HttpCommunicator(router, null);
    }

    /**
     * @param router the routes
     * @param layer the layer handlers get (not closed by the communicator)
     * @return a communicator
     */
    public static HttpCommunicator create(Router router, ChannelLayer layer) {
        return new HttpCommunicator(router, Objects.requireNonNull(layer, "layer"));
    }

    /** @return the layer handlers get through {@link HttpRequest#layer()} */
    public ChannelLayer layer() {
        return layer;
    }

    /**
     * @param pathAndQuery such as {@code /home?count=3}
     * @return the response
     * @throws AssertionError if none comes within {@link #DEFAULT_TIMEOUT}
     */
    public HttpResponse get(String pathAndQuery) {
        return request("GET", pathAndQuery, Map.of(), new byte[0], DEFAULT_TIMEOUT);
    }

    /**
     * @param pathAndQuery such as {@code /api/announcements}
     * @param contentType the body's content type
     * @param body the body, sent as UTF-8
     * @return the response
     * @throws AssertionError if none comes within {@link #DEFAULT_TIMEOUT}
     */
    public HttpResponse post(String pathAndQuery, String contentType, String body) {
        return request("POST", pathAndQuery, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8),
                DEFAULT_TIMEOUT);
    }

    /**
     * @param method the method, such as {@code PUT}
     * @param pathAndQuery the path, with an optional {@code ?query}
     * @param headers request headers; a {@code Cookie} header also fills the request's cookies
     * @param body the body
     * @param timeout how long to wait for the response
     * @return the response; a handler that fails gives 500, as on the server
     * @throws AssertionError if none comes in time
     * @throws IllegalArgumentException if the query is not valid url-encoding
     */
    public HttpResponse request(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
            Duration timeout) {
        var response = runtime.handle(requestOf(method, pathAndQuery, headers, body)).toCompletableFuture();
        try {
            return response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no response to " + method + " " + pathAndQuery + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the runtime failed " + method + " " + pathAndQuery, e.getCause());
        }
    }

    /**
     * Sends a GET whose response may stream, as to a {@linkplain Router.Builder#stream streaming
     * route}: the consumer runs as on a server (middleware, groups, layer messages, heartbeats).
     * Unlike a server, the communicator holds every chunk the consumer sends until it is read.
     *
     * @param pathAndQuery such as {@code /events/}
     * @return the response, read as it streams
     */
    public StreamingResponse stream(String pathAndQuery) {
        return stream(pathAndQuery, Map.of());
    }

    /**
     * As {@link #stream(String)}, with request headers, such as {@code Last-Event-ID}.
     *
     * @param pathAndQuery the path, with an optional {@code ?query}
     * @param headers request headers; a {@code Cookie} header also fills the request's cookies
     * @return the response, read as it streams
     * @throws IllegalArgumentException if the query is not valid url-encoding
     */
    public StreamingResponse stream(String pathAndQuery, Map<String, String> headers) {
        StreamingResponse response = new StreamingResponse("GET " + pathAndQuery);
        response.bind(runtime.stream(requestOf("GET", pathAndQuery, headers, new byte[0]), response.transport()));
        return response;
    }

    private static HttpRequest requestOf(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        int q = pathAndQuery.indexOf('?');
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Scope.Builder scope = Scope.builder(Scope.Type.HTTP, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                .query(query, HttpRequest.parseUrlEncoded(query));
        headers.forEach((name, value) -> {
            scope.header(name, value);
            if (name.equalsIgnoreCase("Cookie")) {
                for (String pair : value.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        scope.cookie(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                    }
                }
            }
        });
        return new HttpRequest(method.toUpperCase(Locale.ROOT), scope.build(), body);
    }

    /** Releases the runtime, and the layer if this communicator made it. */
    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            if (ownsLayer) {
                layer.close();
            }
        }
    }
}
