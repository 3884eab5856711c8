package dev.notify.layer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The channel layer: the asynchronous message bus that connects consumers, within one process or
 * across many, as Django Channels' channel layers do.
 *
 * <p>Implementations MUST follow these rules:
 * <ol>
 *   <li>Methods return promptly and never block the calling thread; failures arrive through the
 *       returned stage, never as a thrown exception, except for caller mistakes (a bad name,
 *       {@link IllegalArgumentException}) which are thrown at once.</li>
 *   <li>Messages to one channel are delivered in FIFO order, each to exactly one
 *       {@link #receive} or {@link #receiveBatch} call.</li>
 *   <li>{@link #send} to a channel at its capacity fails with {@link ChannelFullException} and
 *       queues nothing.</li>
 *   <li>{@link #groupSend} is best effort: it delivers to every member that has room, skips members
 *       at capacity (their copy is dropped, and the layer logs it), and never fails because of one
 *       member.</li>
 *   <li>Messages older than the layer's expiry are dropped silently; group memberships older than
 *       the group expiry are dropped silently.</li>
 *   <li>After {@link #closeAsync()} every operation fails with {@link ChannelLayerException}.</li>
 * </ol>
 *
 * <p>Names follow Channels' rules: channel names match
 * {@code ^[a-zA-Z\d\-_.]+(![\d\w\-_.]*)?$}, group names {@code ^[a-zA-Z\d\-_.]+$}, both shorter
 * than 100 characters; a name with {@code !} is process-specific and only the process that made it
 * with {@link #newChannel} may receive from it. A bad name is refused with an
 * {@link IllegalArgumentException} that shows the name and the rule.
 *
 * @since 0.1
 */
public interface ChannelLayer extends AutoCloseable {

    /**
     * Queues a message on a channel.
     *
     * @param channel the channel name
     * @param message the message
     * @return completes when the message is queued; fails with {@link ChannelFullException} when the
     *     channel is at capacity, or {@link ChannelLayerException} when the backend fails
     * @throws IllegalArgumentException if the channel name is invalid
     */
    CompletionStage<Void> send(String channel, Message message);

    /**
     * Takes the next message of a channel, waiting for one if none is queued. Cancelling the
     * returned stage (through {@code toCompletableFuture().cancel(false)}) stops waiting without
     * losing a message.
     *
     * @param channel the channel name; a process-specific one must come from this layer's
     *     {@link #newChannel}
     * @return completes with the message
     * @throws IllegalArgumentException if the channel name is invalid
     */
    CompletionStage<Message> receive(String channel);

    /**
     * Takes the messages queued on a channel, up to {@code max} of them in FIFO order, waiting for
     * one if none is queued: a consumer that keeps up with a burst handles it in a few passes instead
     * of one {@link #receive} per message. {@link #receive} is the batch of one. Cancelling the
     * returned stage (through {@code toCompletableFuture().cancel(false)}) stops waiting without
     * losing a message.
     *
     * <p>By default it is one {@link #receive}; a backend that holds its messages locally returns
     * everything it has queued.
     *
     * @param channel the channel name; a process-specific one must come from this layer's
     *     {@link #newChannel}
     * @param max the most messages to take, at least 1
     * @return completes with 1 to {@code max} messages, oldest first, in an unmodifiable list
     * @throws IllegalArgumentException if the channel name is invalid or {@code max} is less than 1
     * @since 0.3
     */
    default CompletionStage<List<Message>> receiveBatch(String channel, int max) {
        BatchOfOne.requireMax(max);
        return new BatchOfOne(receive(channel));
    }

    /**
     * Makes a new process-specific channel name, unique across processes.
     *
     * @param prefix the part before the {@code .}, such as {@code "specific"}
     * @return completes with a name of the form {@code prefix.<process>!<local>}
     * @throws IllegalArgumentException if the prefix is not a valid name
     */
    CompletionStage<String> newChannel(String prefix);

    /**
     * Makes a new process-specific channel with the prefix {@code "specific"}.
     *
     * @return completes with the new channel name
     */
    default CompletionStage<String> newChannel() {
        return newChannel("specific");
    }

    /**
     * Adds a channel to a group (or refreshes its membership time).
     *
     * @param group the group name
     * @param channel the channel name
     * @return completes when the membership is recorded
     * @throws IllegalArgumentException if a name is invalid
     */
    CompletionStage<Void> groupAdd(String group, String channel);

    /**
     * Removes a channel from a group; removing a non-member does nothing.
     *
     * @param group the group name
     * @param channel the channel name
     * @return completes when the membership is gone
     * @throws IllegalArgumentException if a name is invalid
     */
    CompletionStage<Void> groupDiscard(String group, String channel);

    /**
     * Sends a message to every channel of a group, best effort (rule 4 above).
     *
     * @param group the group name
     * @param message the message
     * @return completes when the message is queued for every member that had room
     * @throws IllegalArgumentException if the group name is invalid
     */
    CompletionStage<Void> groupSend(String group, Message message);

    /**
     * Drops every queued message and every group membership of this layer (on a shared backend,
     * of every process that uses the same prefix). For tests and maintenance.
     *
     * @return completes when everything is gone
     */
    CompletionStage<Void> flush();

    /**
     * Whether the layer can serve operations now, for readiness probes and health indicators. It
     * reads state the layer already keeps (no round trip to the backend) and never blocks, so it is
     * cheap to call on every probe.
     *
     * @return the current health; {@link LayerHealth#UP} for a layer without a remote backend
     * @since 0.2
     */
    default LayerHealth health() {
        return LayerHealth.UP;
    }

    /**
     * Releases the layer's resources. Pending {@link #receive} calls fail with
     * {@link ChannelLayerException}.
     *
     * @return completes when the layer is closed
     */
    CompletionStage<Void> closeAsync();

    /**
     * Closes the layer and waits up to 10 seconds for it.
     */
    @Override
    default void close() {
        blocking(Duration.ofSeconds(10)).close();
    }

    /**
     * A blocking view of this layer for synchronous code (Channels' {@code async_to_sync}).
     *
     * @param timeout how long each call waits before it fails with {@link LayerTimeoutException}
     * @return the view; it shares this layer's state
     * @throws IllegalArgumentException if the timeout is not positive
     */
    default BlockingChannelLayer blocking(Duration timeout) {
        return new BlockingView(this, timeout);
    }
}
