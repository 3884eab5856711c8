package dev.notify.consumer;

import dev.notify.layer.Message;

/**
 * A synchronous worker consumer: it takes the messages sent to a named channel ("send this job to
 * the thumbnails channel"), as a Channels consumer routed by {@code ChannelNameRouter} and run by
 * {@code runworker}. One instance serves one channel in one worker process; its handlers run on a
 * worker thread, one message at a time and in order, and may block.
 *
 * <p>Messages go to handler methods by type, as on WebSocket consumers, taking
 * {@code (WorkerContext, Message)}:
 *
 * <pre>{@code
 * public final class ThumbnailWorker implements WorkerConsumer {
 *     public void thumbnailMake(WorkerContext context, Message message) {   // "thumbnail.make"
 *         String done = message.getString("path") + ".thumb.png";
 *         context.layer().blocking(Duration.ofSeconds(5))
 *                 .groupSend("thumbnails", Message.of("thumbnail.done", "path", done));
 *     }
 * }
 * }</pre>
 *
 * <p>A handler that throws is logged with the message type and the worker goes on with the next
 * message; a message type with no handler goes to {@link #onMessage}.
 *
 * @since 0.3
 */
public interface WorkerConsumer {
    /**
     * A message whose type has no handler method. The default throws
     * {@link UnknownMessageTypeException}, which the worker logs before it goes on.
     *
     * @param context the worker's channel and layer
     * @param message the message
     * @throws Exception logged with the message type; the worker goes on
     */
    default void onMessage(WorkerContext context, Message message) throws Exception {
        throw new UnknownMessageTypeException(getClass(), message.type());
    }
}
