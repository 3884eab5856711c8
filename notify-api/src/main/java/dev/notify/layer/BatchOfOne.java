package dev.notify.layer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link ChannelLayer#receiveBatch}'s default: one receive, as a batch of one message. Cancelling
 * it cancels the receive first, so that a message the receive already took is delivered here rather
 * than lost: the cancel then fails and this completes with the message.
 */
final class BatchOfOne extends CompletableFuture<List<Message>> {
    private final CompletableFuture<Message> receive;

    BatchOfOne(CompletionStage<Message> receive) {
        this.receive = receive.toCompletableFuture();
        this.receive.whenComplete((message, failure) -> {
            if (failure != null) {
                completeExceptionally(failure);
            } else {
                complete(List.of(message));
            }
        });
    }

    /**
     * @param max the most messages of a batch
     * @throws IllegalArgumentException if it is less than 1
     */
    static void requireMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a batch takes at least 1 message, but max was " + max);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        receive.cancel(mayInterruptIfRunning);
        if (receive.isCancelled()) {
            return super.cancel(mayInterruptIfRunning);
        }
        return false; // the receive had completed: this completes with its outcome
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
