package dev.notify.core.bridge;

import dev.notify.core.internal.WorkerThreads;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Runs blocking work for asynchronous code (Channels' {@code database_sync_to_async}).
 *
 * <pre>{@code
 * // an async consumer running a blocking query
 * return Bridge.offload(() -> repository.countUnseen()).thenAccept(count -> session.sendJson(count));
 * }</pre>
 *
 * <p>The other direction, blocking code waiting for a stage (Channels' {@code async_to_sync}), is
 * {@link dev.notify.layer.ChannelLayer#blocking(java.time.Duration) layer.blocking(timeout)} for layer
 * calls and {@link dev.notify.layer.Stages#join(CompletionStage, java.time.Duration, String) Stages.join}
 * for any other stage.
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
