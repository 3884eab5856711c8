package dev.notify;

/**
 * The root of notify's unchecked exceptions. Caller mistakes (a bad argument, a call in the
 * wrong state) are {@link IllegalArgumentException} or {@link IllegalStateException} instead.
 *
 * @since 0.1
 */
public class NotifyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and, where known, how to fix it
     */
    public NotifyException(String message) {
        super(message);
    }

    /**
     * @param message what failed and, where known, how to fix it
     * @param cause the underlying failure
     */
    public NotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
