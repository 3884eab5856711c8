package dev.notify.http;

import dev.notify.consumer.Scope;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The response of an {@link AsyncHttpConsumer}, and its consumer's place on the channel layer.
 * Thread-safe; calls return at once (the bytes go out in order, from the server's I/O thread).
 *
 * <p>The response is started once, with {@link #start}, {@link #startEventStream()} or
 * {@link #respond}; body chunks follow with {@link #send(byte[])} (chunked transfer encoding) until
 * {@link #end()}. Sending before the start, or starting twice, throws {@link IllegalStateException};
 * sending after the end or after the client went away is dropped (see {@link #isOpen()}).
 *
 * <p>Backpressure: the bytes waiting for a client that does not read are bounded by the server's
 * outbound limit, the same as for WebSockets; past it the connection is closed and
 * {@link AsyncHttpConsumer#onDisconnect} runs.
 *
 * @since 0.3
 */
public interface HttpStream {
    /** Heartbeat comments of an event stream: every 15 seconds, as most proxies time out after 30 or 60. */
    Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    /** @return the request's scope (after middleware: session, user, route parameters) */
    Scope scope();

    /** @return this consumer's channel name on the layer, which messages can be sent to */
    String channelName();

    /** @return the channel layer */
    ChannelLayer layer();

    /** @return the server's JSON codec */
    JsonCodec json();

    /**
     * Starts the response; the body follows in chunks.
     *
     * @param status the HTTP status
     * @param headers the response headers ({@code Content-Type} and the like); the transfer
     *     encoding is the server's
     * @throws IllegalStateException if the response already started
     */
    void start(int status, Map<String, String> headers);

    /**
     * Starts a Server-Sent Events response: 200, {@value ServerSentEvent#CONTENT_TYPE},
     * {@code Cache-Control: no-cache}, with a heartbeat comment every {@link #DEFAULT_HEARTBEAT}.
     *
     * @throws IllegalStateException if the response already started
     */
    default void startEventStream() {
        startEventStream(DEFAULT_HEARTBEAT);
    }

    /**
     * Starts a Server-Sent Events response, as {@link #startEventStream()}, with a comment
     * ({@code : heartbeat}) every {@code heartbeat} until the response ends, so that proxies keep
     * an idle stream open.
     *
     * @param heartbeat the interval, {@link Duration#ZERO} for none
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if the response already started
     */
    void startEventStream(Duration heartbeat);

    /**
     * Sends a whole response and ends it: the status, headers and body of an ordinary response.
     *
     * @param response the response
     * @throws IllegalStateException if the response already started
     */
    void respond(HttpResponse response);

    /**
     * @param chunk the next bytes of the body; not modified afterwards
     * @throws IllegalStateException if the response has not started
     */
    void send(byte[] chunk);

    /**
     * @param text the next part of the body, as UTF-8
     * @throws IllegalStateException if the response has not started
     */
    void send(String text);

    /**
     * @param event the next event of an event stream, framed as {@link ServerSentEvent#frame()}
     * @throws IllegalStateException if the response has not started
     */
    void sendEvent(ServerSentEvent event);

    /** Ends the response (the last chunk); the consumer then disconnects. Does nothing if already ended. */
    void end();

    /**
     * @param group the group to join; left when the response ends
     * @return completes when joined
     */
    CompletionStage<Void> groupAdd(String group);

    /**
     * @param group the group to leave
     * @return completes when left
     */
    CompletionStage<Void> groupDiscard(String group);

    /** @return whether the response has not ended and the client is still there */
    boolean isOpen();
}
