package dev.notify.layer;

import dev.notify.NotifyException;

/**
 * A channel layer operation failed: the backend is unreachable, closed, or answered with an
 * error. The message names the operation and, where known, the address and cause.
 *
 * @since 0.1
 */
public class ChannelLayerException extends NotifyException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public ChannelLayerException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public ChannelLayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
