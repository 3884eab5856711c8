package dev.notify.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StagesTest {

    @Test
    void unwrapRemovesEveryCompletionAndExecutionWrapper() {
        IOException cause = new IOException("io");
        assertThat(Stages.unwrap(new CompletionException(new ExecutionException(new CompletionException(cause))))).isSameAs(cause);
        assertThat(Stages.unwrap(cause)).isSameAs(cause);
    }

    @Test
    void unwrapKeepsAWrapperWithoutACause() {
        CompletionException bare = new CompletionException("no cause", null);
        assertThat(Stages.unwrap(bare)).isSameAs(bare);
    }
}
