package dev.notify.core.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Executors for blocking and non-blocking work; virtual threads where the JVM has them (21+). */
public final class WorkerThreads {
    private WorkerThreads() {
    }

    /**
     * A virtual-thread-per-task executor on Java 21+, otherwise a pool of {@code poolSize} daemon
     * threads with an unbounded queue.
     *
     * @param name the threads' name prefix
     * @param poolSize the pool's threads on a JVM without virtual threads
     * @return the executor
     */
    public static ExecutorService blocking(String name, int poolSize) {
        try {
            Method factory = java.util.concurrent.Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, name + "-", 0L);
            ThreadFactory threads = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            return (ExecutorService) factory.invoke(null, threads);
        } catch (ReflectiveOperationException e) {
            return pool(name, poolSize);
        }
    }

    /**
     * A fixed pool of daemon threads with an unbounded queue.
     *
     * @param name the threads' name prefix
     * @param size the pool's threads
     * @return the executor
     */
    public static ExecutorService pool(String name, int size) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Daemon threads named {@code name-1}, {@code name-2}, ...
     *
     * @param name the threads' name prefix
     * @return the factory
     */
    public static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
