package dev.notify.layer;

/**
 * A blocking view of a {@link ChannelLayer}, for HTTP handlers and synchronous consumers (Channels'
 * {@code async_to_sync(channel_layer.group_send)}). Each call waits at most the view's timeout,
 * then cancels the operation and throws {@link LayerTimeoutException}. Failures of the layer are
 * thrown as they are ({@link ChannelFullException}, {@link ChannelLayerException}); an interrupt
 * restores the thread's interrupt flag and throws {@link ChannelLayerException}.
 *
 * <p>Never call it on an event-loop thread.
 *
 * @since 0.1
 */
public interface BlockingChannelLayer {

    /**
     * Queues a message on a channel and waits until it is queued.
     *
     * @param channel the channel name
     * @param message the message
     * @throws ChannelFullException if the channel is at capacity
     * @throws IllegalArgumentException if the channel name is invalid
     * @see ChannelLayer#send
     */
    void send(String channel, Message message);

    /**
     * Waits for the next message of a channel.
     *
     * @param channel the channel name
     * @return the message
     * @throws LayerTimeoutException if none arrives within the view's timeout
     * @see ChannelLayer#receive
     */
    Message receive(String channel);

    /**
     * Makes a new process-specific channel name.
     *
     * @param prefix the part before the {@code .}
     * @return the new channel name
     * @see ChannelLayer#newChannel(String)
     */
    String newChannel(String prefix);

    /**
     * Adds a channel to a group and waits until the membership is recorded.
     *
     * @param group the group name
     * @param channel the channel name
     * @see ChannelLayer#groupAdd
     */
    void groupAdd(String group, String channel);

    /**
     * Removes a channel from a group and waits until the membership is gone.
     *
     * @param group the group name
     * @param channel the channel name
     * @see ChannelLayer#groupDiscard
     */
    void groupDiscard(String group, String channel);

    /**
     * Sends a message to every channel of a group, best effort, and waits until it is queued.
     *
     * @param group the group name
     * @param message the message
     * @see ChannelLayer#groupSend
     */
    void groupSend(String group, Message message);

    /**
     * Drops every queued message and membership, and waits until they are gone.
     *
     * @see ChannelLayer#flush
     */
    void flush();

    /**
     * Closes the layer and waits until it is closed.
     *
     * @see ChannelLayer#closeAsync
     */
    void close();

    /** @return the asynchronous layer behind this view */
    ChannelLayer async();
}
