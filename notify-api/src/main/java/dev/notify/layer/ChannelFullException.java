package dev.notify.layer;

/**
 * {@link ChannelLayer#send} found the channel at its capacity; the message was not queued.
 * Channels' {@code ChannelFull}. {@link ChannelLayer#groupSend} never throws it: full members are
 * skipped.
 *
 * @since 0.1
 */
public class ChannelFullException extends ChannelLayerException {
    private static final long serialVersionUID = 1L;

    /** The full channel. */
    private final String channel;

    /**
     * @param channel the full channel
     * @param capacity its capacity
     */
    public ChannelFullException(String channel, int capacity) {
        super("channel '" + channel + "' is full (capacity " + capacity
                + "); the receiver is not keeping up, or raise the capacity for this channel");
        this.channel = channel;
    }

    /** @return the name of the full channel */
    public String channel() {
        return channel;
    }
}
