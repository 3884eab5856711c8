package dev.notify.layer;

/**
 * A message is larger than the layer (or the transport) accepts. Channels' {@code MessageTooLarge}.
 *
 * @since 0.1
 */
public class MessageTooLargeException extends ChannelLayerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param size the encoded size in bytes
     * @param limit the largest size accepted
     */
    public MessageTooLargeException(long size, long limit) {
        super("message of " + size + " bytes is larger than the limit of " + limit + " bytes");
    }
}
