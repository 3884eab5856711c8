package dev.notify.consumer;

import dev.notify.layer.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An asynchronous worker consumer: as {@link WorkerConsumer}, with handler methods that take
 * {@code (WorkerContext, Message)} and return a {@link CompletionStage}; the next message of the
 * channel is handled when that stage completes. Handlers run on a shared pool sized to the CPU
 * count and MUST NOT block.
 *
 * @since 0.3
 */
public interface AsyncWorkerConsumer {
    /**
     * A message whose type has no handler method; the default fails with
     * {@link UnknownMessageTypeException}, which the worker logs before it goes on.
     *
     * @param context the worker's channel and layer
     * @param message the message
     * @return completes when handled
     */
    default CompletionStage<Void> onMessage(WorkerContext context, Message message) {
        return CompletableFuture.failedFuture(new UnknownMessageTypeException(getClass(), message.type()));
    }
}
