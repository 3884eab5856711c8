package dev.notify.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksFromManyThreadsRunOneAtATimeInSubmissionOrderPerThread() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        int submitters = 4;
        int each = 500;
        CountDownLatch done = new CountDownLatch(submitters * each);
        ExecutorService submitting = Executors.newFixedThreadPool(submitters);
        try {
            for (int s = 0; s < submitters; s++) {
                int submitter = s;
                submitting.execute(() -> {
                    for (int i = 0; i < each; i++) {
                        String name = submitter + ":" + i;
                        serial.submit(() -> {
                            if (running.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            ran.add(name);
                            running.decrementAndGet();
                            done.countDown();
                            return CompletableFuture.completedFuture(null);
                        });
                    }
                });
            }
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            submitting.shutdownNow();
        }
        assertThat(overlaps).hasValue(0);
        for (int s = 0; s < submitters; s++) {
            String prefix = s + ":";
            List<String> mine = ran.stream().filter(n -> n.startsWith(prefix)).toList();
            assertThat(mine).hasSize(each);
            for (int i = 0; i < each; i++) {
                assertThat(mine.get(i)).isEqualTo(prefix + i);
            }
        }
    }

    @Test
    void theNextTaskWaitsUntilTheStageOfTheLastOneCompletes() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        serial.submit(() -> first);
        serial.submit(() -> {
            second.complete(first.isDone() ? "after the first completed" : "while the first was running");
            return CompletableFuture.completedFuture(null);
        });
        pool.execute(() -> first.complete(null));
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("after the first completed");
    }

    @Test
    void aTaskThatThrowsOrFailsDoesNotStopTheOnesAfterIt() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        CompletableFuture<String> last = new CompletableFuture<>();
        serial.submit(() -> {
            throw new IllegalStateException("thrown on purpose");
        });
        serial.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("failed on purpose")));
        serial.submit(() -> {
            last.complete("ran");
            return CompletableFuture.completedFuture(null);
        });
        assertThat(last.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
    }

    @Test
    void aShutDownExecutorDropsTasksWithoutThrowing() {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        SerialExecutor serial = new SerialExecutor(stopped);
        AtomicInteger ran = new AtomicInteger();
        serial.submit(() -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        assertThat(ran).hasValue(0);
    }

    @Test
    void tasksThatKeepComingDoNotHoldTheThreadFromOtherWork() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(loop);
            CompletableFuture<Void> otherRan = new CompletableFuture<>();
            AtomicInteger resubmitted = new AtomicInteger();
            // like a consumer that sends to its own channel: each task queues the next until the other work ran
            Runnable[] feed = new Runnable[1];
            feed[0] = () -> serial.submit(() -> {
                if (!otherRan.isDone()) {
                    resubmitted.incrementAndGet();
                    feed[0].run();
                }
                return CompletableFuture.completedFuture(null);
            });
            loop.execute(() -> {
                feed[0].run();
                loop.execute(() -> otherRan.complete(null));
            });
            otherRan.get(10, TimeUnit.SECONDS);
            assertThat(resubmitted.get()).isGreaterThanOrEqualTo(1);
        } finally {
            loop.shutdownNow();
        }
    }
}
