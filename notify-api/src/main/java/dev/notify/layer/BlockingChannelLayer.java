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

    /** @see ChannelLayer#send */
    void send(String channel, Message message);

    /** @see ChannelLayer#receive */
    Message receive(String channel);

    /** @see ChannelLayer#newChannel(String) */
    String newChannel(String prefix);

    /** @see ChannelLayer#groupAdd */
    void groupAdd(String group, String channel);

    /** @see ChannelLayer#groupDiscard */
    void groupDiscard(String group, String channel);

    /** @see ChannelLayer#groupSend */
    void groupSend(String group, Message message);

    /** @see ChannelLayer#flush */
    void flush();

    /** @see ChannelLayer#closeAsync */
    void close();

    /** @return the asynchronous layer behind this view */
    ChannelLayer async();
}
