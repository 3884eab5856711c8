package dev.notify.layer;

/**
 * A blocking call on a {@link BlockingChannelLayer} did not complete within its timeout; the
 * underlying operation was cancelled.
 *
 * @since 0.1
 */
public class LayerTimeoutException extends ChannelLayerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the operation and the timeout
     * @param cause the underlying {@link java.util.concurrent.TimeoutException}
     */
    public LayerTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
