package dev.notify.layer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a {@link CompletionStage} from blocking code with notify's one failure translation: the
 * stage's own exception is thrown as it is when unchecked; a timeout cancels the operation and
 * throws {@link LayerTimeoutException}; an interrupt restores the interrupt flag and throws
 * {@link ChannelLayerException}; any other checked failure is wrapped in
 * {@link ChannelLayerException}.
 *
 * @since 0.1
 */
public final class Stages {
    private Stages() {
    }

    /**
     * @param stage the stage to wait for
     * @param timeout the longest wait, greater than zero
     * @param operation what the stage does, for error messages
     * @param <T> the result type
     * @return the stage's result
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public static <T> T join(CompletionStage<T> stage, Duration timeout, String operation) {
        requirePositive(timeout);
        CompletableFuture<T> future = stage.toCompletableFuture();
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new LayerTimeoutException(operation + " did not complete within " + timeout, e);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new ChannelLayerException(operation + " was interrupted", e);
        } catch (CancellationException e) {
            throw new ChannelLayerException(operation + " was cancelled", e);
        } catch (ExecutionException | CompletionException e) {
            throw translate(operation, unwrap(e));
        }
    }

    /**
     * The failure behind the wrappers that {@link CompletableFuture} adds: a
     * {@link CompletionException} or {@link ExecutionException} is replaced by its cause, as often
     * as it is wrapped. Use it wherever a stage's failure is logged, rethrown or compared.
     *
     * @param failure a failure from a stage
     * @return the innermost cause that is not such a wrapper, or {@code failure} itself
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * @param timeout a timeout
     * @return the timeout
     * @throws IllegalArgumentException if it is not greater than zero
     */
    static Duration requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
        }
        return timeout;
    }

    private static RuntimeException translate(String operation, Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new ChannelLayerException(operation + " failed: " + cause, cause);
    }
}
