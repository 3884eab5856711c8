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
 * next task starts when that stage completes, so asynchronous hooks are serialized too. After
 * {@value #TASKS_PER_TURN} tasks in a row it hands the thread back and goes on in a new executor
 * task, so that a connection whose tasks keep coming (a consumer that sends to its own channel on
 * an in-memory layer) cannot hold an event loop that serves other connections.
 */
final class SerialExecutor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int TASKS_PER_TURN = 64;

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
            resume();
        }
    }

    /** Runs {@link #drain} on the executor; the caller holds {@link #running}. */
    private void resume() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // the executor is shutting down (a server stopping): nothing more will run here
            running.set(false);
            log.debug("serial tasks dropped: {} is shut down", executor);
        }
    }

    private void drain() {
        for (int ran = 0; ran < TASKS_PER_TURN; ran++) {
            Supplier<? extends CompletionStage<?>> task = tasks.poll();
            if (task == null) {
                running.set(false);
                schedule();
                return;
            }
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
                future.whenComplete((r, e) -> resume());
                return;
            }
        }
        resume();
    }
}
