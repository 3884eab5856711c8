package dev.notify.core.runtime;

import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor. A task returns a stage; the
 * next task starts when that stage completes, so asynchronous hooks are serialized too.
 */
final class SerialExecutor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor executor;
    private final Queue<Supplier<? extends CompletionStage<?>>> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    /** Queues a task; it runs after every task queued before it has completed. */
    void submit(Supplier<? extends CompletionStage<?>> task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && running.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the executor is shutting down (a server stopping): nothing more will run here
                running.set(false);
                log.debug("serial tasks dropped: {} is shut down", executor);
            }
        }
    }

    private void drain() {
        Supplier<? extends CompletionStage<?>> task;
        while ((task = tasks.poll()) != null) {
            CompletionStage<?> stage;
            try {
                stage = task.get();
            } catch (RuntimeException | Error e) {
                log.error("serial task failed", e);
                continue;
            }
            var future = stage.toCompletableFuture();
            if (!future.isDone()) {
                // wait for the asynchronous task, then go on from where it completes
                future.whenComplete((r, e) -> executor.execute(this::drain));
                return;
            }
        }
        running.set(false);
        schedule();
    }
}
