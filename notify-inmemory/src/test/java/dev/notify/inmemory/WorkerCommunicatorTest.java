package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.AsyncWorkerConsumer;
import dev.notify.consumer.WorkerConsumer;
import dev.notify.consumer.WorkerContext;
import dev.notify.layer.Message;
import dev.notify.testing.WorkerCommunicator;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerCommunicatorTest {

    public static class Thumbnails implements WorkerConsumer {
        public void thumbnailMake(WorkerContext context, Message message) {
            if (message.getString("path").isEmpty()) {
                throw new IllegalArgumentException("no path");
            }
            context.layer().blocking(Duration.ofSeconds(5))
                    .groupSend("gallery", Message.of("thumbnail.ready", "path", message.getString("path") + ".thumb.png"));
        }
    }

    public static class AsyncEcho implements AsyncWorkerConsumer {
        public CompletionStage<Void> echo(WorkerContext context, Message message) {
            return context.layer().send(message.getString("reply"), Message.of("echoed", "from", context.channelName()));
        }
    }

    @Test
    void sendsToTheWorkerAndSeesWhatItSentAndWhatFailed() {
        try (var worker = WorkerCommunicator.start("thumbnails", Thumbnails::new)) {
            String watcher = worker.joinGroup("gallery");
            worker.send("thumbnails", Message.of("thumbnail.make", "path", ""));
            worker.send("thumbnails", Message.of("no.such.type"));
            worker.send("thumbnails", Message.of("thumbnail.make", "path", "a.png"));
            assertThat(worker.receive(watcher).getString("path")).isEqualTo("a.png.thumb.png");
            worker.awaitProcessed(3);
            assertThat(worker.handled()).isEqualTo(1);
            assertThat(worker.failed()).isEqualTo(2);
        }
    }

    @Test
    void asyncWorkersAndFailedExpectations() {
        try (var worker = WorkerCommunicator.startAsync("echo", AsyncEcho::new)) {
            worker.send("echo", Message.of("echo", "reply", "replies"));
            assertThat(worker.receive("replies").getString("from")).isEqualTo("echo");
            worker.awaitProcessed(1);
            assertThatThrownBy(() -> worker.receive("replies", Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no message on 'replies'");
            assertThatThrownBy(() -> worker.awaitProcessed(2, Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("finished 1 of 2 messages");
        }
    }
}
