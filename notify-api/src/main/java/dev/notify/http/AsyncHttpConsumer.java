package dev.notify.http;

import dev.notify.consumer.UnknownMessageTypeException;
import dev.notify.layer.Message;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A consumer that answers one HTTP request with a response it streams over time (Channels'
 * {@code AsyncHttpConsumer}): Server-Sent Events, long polling, any chunked body. Like a WebSocket
 * consumer it has a channel name, joins {@link #groups()} before {@link #onRequest} and leaves them
 * when the response ends or the client goes away, and receives layer messages through handler
 * methods named after their {@code type} ({@code send_notification} calls
 * {@code sendNotification(HttpStream, Message)}, or a method annotated
 * {@code @MessageHandler("send_notification")}), one event at a time, in arrival order.
 *
 * <pre>{@code
 * public final class Ticker implements AsyncHttpConsumer {
 *     public Set<String> groups() { return Set.of("ticks"); }
 *     public CompletionStage<Void> onRequest(HttpStream stream, HttpRequest request) {
 *         stream.startEventStream();                       // 200 text/event-stream, heartbeats
 *         return DONE;
 *     }
 *     public CompletionStage<Void> tick(HttpStream stream, Message message) {
 *         stream.sendEvent(ServerSentEvent.data(message.getString("text")));
 *         return DONE;
 *     }
 * }
 * }</pre>
 *
 * <p>Hooks run one at a time on the connection's I/O thread or a shared pool, and MUST NOT block.
 * A hook that throws or fails before the response started answers 500; after it started, the
 * connection is closed. {@link #onDisconnect} runs exactly once, whether the consumer ended the
 * response or the client went away; then the groups are left.
 *
 * @since 0.3
 */
public interface AsyncHttpConsumer {

    /** A completed stage, for hooks that finish at once. */
    CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    /** @return the groups joined before {@link #onRequest} and left after {@link #onDisconnect}; empty by default */
    default Set<String> groups() {
        return Set.of();
    }

    /**
     * The request arrived (Channels' {@code handle(body)}): start the response here or later, from
     * a message handler, with {@link HttpStream#start}, {@link HttpStream#startEventStream()} or
     * {@link HttpStream#respond}.
     *
     * @param stream the response and the consumer's channel
     * @param request the whole request, body included
     * @return completes when handled; the response stays open until {@link HttpStream#end()}
     */
    CompletionStage<Void> onRequest(HttpStream stream, HttpRequest request);

    /**
     * A layer message with no handler method; the default fails with
     * {@link UnknownMessageTypeException}, which ends the response.
     *
     * @param stream the response
     * @param message the message
     * @return completes when handled
     */
    default CompletionStage<Void> onMessage(HttpStream stream, Message message) {
        return CompletableFuture.failedFuture(new UnknownMessageTypeException(getClass(), message.type()));
    }

    /**
     * The response ended or the client went away; called once. The groups are left afterwards.
     *
     * @param stream the response, no longer open
     * @return completes when handled
     */
    default CompletionStage<Void> onDisconnect(HttpStream stream) {
        return DONE;
    }

    /**
     * @param stream the response
     * @param error what a hook threw, before the response is failed or closed
     */
    default void onError(HttpStream stream, Throwable error) {
    }
}
