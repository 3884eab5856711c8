package dev.notify.core.bridge;

import dev.notify.core.internal.WorkerThreads;
import dev.notify.layer.Stages;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Joins blocking and asynchronous code.
 *
 * <pre>{@code
 * // blocking code waiting for the layer (async_to_sync)
 * Bridge.join(layer.groupSend("chat", message), Duration.ofSeconds(5));
 *
 * // an async consumer running a blocking query (database_sync_to_async)
 * return Bridge.offload(() -> repository.countUnseen()).thenAccept(count -> session.sendJson(count));
 * }</pre>
 *
 * @since 0.1
 */
public final class Bridge {
    /** Threads of the shared blocking pool on JVMs without virtual threads. */
    public static final int DEFAULT_OFFLOAD_THREADS = 32;

    private static final class Shared {
        static final ExecutorService EXECUTOR = WorkerThreads.blocking("notify-offload", DEFAULT_OFFLOAD_THREADS);
    }

    private Bridge() {
    }

    /**
     * Waits for a stage from blocking code. Never call it on an event-loop thread.
     *
     * @param stage the stage
     * @param timeout the longest wait
     * @param <T> the result type
     * @return the result
     * @throws dev.notify.layer.LayerTimeoutException after the timeout (the stage is cancelled)
     * @throws RuntimeException the stage's own unchecked failure, as it is
     * @see Stages#join
     */
    public static <T> T join(CompletionStage<T> stage, Duration timeout) {
        return Stages.join(stage, timeout, "operation");
    }

    /**
     * Runs blocking work on the shared blocking executor (virtual threads on Java 21+, otherwise a
     * pool of {@value #DEFAULT_OFFLOAD_THREADS} daemon threads).
     *
     * @param work the blocking work
     * @param <T> the result type
     * @return completes with the work's result or failure
     */
    public static <T> CompletionStage<T> offload(Callable<T> work) {
        return offload(work, Shared.EXECUTOR);
    }

    /**
     * Runs blocking work on the given executor, such as a pool sized to a database's connections.
     *
     * @param work the blocking work
     * @param executor where it runs
     * @param <T> the result type
     * @return completes with the work's result or failure
     */
    public static <T> CompletionStage<T> offload(Callable<T> work, Executor executor) {
        Objects.requireNonNull(work, "work");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, Objects.requireNonNull(executor, "executor"));
    }
}
