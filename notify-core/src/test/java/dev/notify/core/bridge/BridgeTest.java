package dev.notify.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BridgeTest {

    @Test
    void offloadRunsTheWorkOffTheCallingThreadAndCompletesWithItsResult() throws Exception {
        Thread caller = Thread.currentThread();
        CompletableFuture<Thread> ranOn = Bridge.offload(Thread::currentThread).toCompletableFuture();
        assertThat(ranOn.get(5, TimeUnit.SECONDS)).isNotSameAs(caller);
    }

    @Test
    void aCheckedFailureOfTheWorkFailsTheStageWithIt() {
        CompletableFuture<Object> failed = Bridge.offload(() -> {
            throw new IOException("disk gone");
        }).toCompletableFuture();
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IOException.class).hasRootCauseMessage("disk gone");
    }

    @Test
    void anUncheckedFailureOfTheWorkFailsTheStageWithIt() {
        CompletableFuture<Object> failed = Bridge.offload(() -> {
            throw new IllegalStateException("bad state");
        }).toCompletableFuture();
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void offloadRunsOnTheGivenExecutor() throws Exception {
        ExecutorService database = Executors.newSingleThreadExecutor(task -> new Thread(task, "database-pool"));
        try {
            assertThat(Bridge.offload(() -> Thread.currentThread().getName(), database).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS)).isEqualTo("database-pool");
        } finally {
            database.shutdownNow();
        }
    }

    @Test
    void nullWorkOrExecutorIsRefusedAtOnce() {
        assertThatThrownBy(() -> Bridge.offload(null)).isInstanceOf(NullPointerException.class).hasMessage("work");
        assertThatThrownBy(() -> Bridge.offload(() -> 1, null)).isInstanceOf(NullPointerException.class).hasMessage("executor");
    }
}
