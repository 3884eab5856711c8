package dev.notify.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.NotifyConfig;
import dev.notify.consumer.AsyncWorkerConsumer;
import dev.notify.consumer.MessageHandler;
import dev.notify.consumer.WorkerConsumer;
import dev.notify.consumer.WorkerContext;
import dev.notify.core.routing.ChannelNameRouter;
import dev.notify.layer.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotifyWorkerTest {
    private final ScriptedLayer layer = new ScriptedLayer();
    private NotifyWorker worker;

    /** Answers each job on the "done" channel; "boom" throws. */
    public static class Jobs implements WorkerConsumer {
        public void jobRun(WorkerContext context, Message message) {
            context.layer().blocking(Duration.ofSeconds(5))
                    .send("done", Message.of("job.done", "id", message.get("id") + "@" + context.channelName()));
        }

        @MessageHandler("legacy.job")
        public void legacy(WorkerContext context, Message message) {
            jobRun(context, message);
        }

        public void boom(WorkerContext context, Message message) {
            throw new IllegalStateException("boom " + message.get("id"));
        }
    }

    public static class AsyncJobs implements AsyncWorkerConsumer {
        public CompletionStage<Void> jobRun(WorkerContext context, Message message) {
            return context.layer().send("done", Message.of("job.done", "id", message.get("id")));
        }

        public CompletionStage<Void> failLater(WorkerContext context, Message message) {
            return CompletableFuture.failedFuture(new IllegalStateException("failed stage"));
        }
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        layer.close();
    }

    private NotifyWorker start(ChannelNameRouter router) {
        worker = NotifyWorker.builder().layer(layer).router(router).build().start();
        return worker;
    }

    private Object nextDone() {
        return layer.blocking(Duration.ofSeconds(10)).receive("done").get("id");
    }

    private void send(String channel, String type, Object id) {
        layer.blocking(Duration.ofSeconds(5)).send(channel, Message.of(type, "id", id));
    }

    @Test
    void dispatchesByTypeInOrderAndMaySend() {
        start(ChannelNameRouter.builder().channel("jobs", Jobs::new).build());
        for (int i = 0; i < 20; i++) {
            send("jobs", i % 2 == 0 ? "job.run" : "legacy.job", i);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(nextDone()).isEqualTo(i + "@jobs");
        }
        await(() -> worker.messagesHandled() == 20);
        assertThat(worker.messagesFailed()).isZero();
    }

    @Test
    void goesOnAfterAThrowingHandlerAndSkipsUnknownTypes() {
        start(ChannelNameRouter.builder().channel("jobs", Jobs::new).build());
        send("jobs", "boom", 1);
        send("jobs", "no.such.type", 2);
        send("jobs", "job.run", 3);
        assertThat(nextDone()).isEqualTo("3@jobs");
        await(() -> worker.messagesFailed() == 2 && worker.messagesHandled() == 1);
    }

    @Test
    void asyncConsumersTooAndEachChannelHasItsOwnConsumer() {
        start(ChannelNameRouter.builder().asyncChannel("async-jobs", AsyncJobs::new).channel("jobs", Jobs::new).build());
        send("async-jobs", "fail.later", 1);
        send("async-jobs", "unknown", 2);
        send("async-jobs", "job.run", 3);
        assertThat(nextDone()).isEqualTo(3);
        send("jobs", "job.run", 4);
        assertThat(nextDone()).isEqualTo("4@jobs");
        await(() -> worker.messagesFailed() == 2 && worker.messagesHandled() == 2);
    }

    @Test
    void stopFinishesTheMessageInHandAndTakesNoMore() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WorkerConsumer slow = new WorkerConsumer() {
            @MessageHandler("slow")
            public void slow(WorkerContext context, Message message) throws InterruptedException {
                entered.countDown();
                release.await();
            }
        };
        start(ChannelNameRouter.builder().channel("jobs", () -> slow).build());
        send("jobs", "slow", 1);
        entered.await();
        send("jobs", "slow", 2);
        CompletableFuture<Void> stopped = worker.stopAsync().toCompletableFuture();
        assertThat(stopped).isNotDone();
        release.countDown();
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(worker.messagesHandled()).isEqualTo(1);
        assertThat(layer.waitingReceives()).isZero();
        // the second message was never taken: it is still on the channel
        assertThat(layer.blocking(Duration.ofSeconds(5)).receive("jobs").get("id")).isEqualTo(2);
    }

    @Test
    void stopWhileWaitingCancelsTheReceiveWithoutLosingAMessage() throws Exception {
        start(ChannelNameRouter.builder().channel("jobs", Jobs::new).build());
        await(() -> layer.waitingReceives() == 1);
        worker.stopAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(layer.waitingReceives()).isZero();
        send("jobs", "job.run", 7);
        assertThat(layer.blocking(Duration.ofSeconds(5)).receive("jobs").get("id")).isEqualTo(7);
        assertThat(worker.messagesHandled()).isZero();
    }

    /**
     * However a stop meets the traffic (waiting, mid-handler, with messages queued), every message
     * sent is handled exactly once or left on the channel, in order, and no receive is left waiting.
     */
    @Test
    void everyMessageIsHandledOnceOrLeftOnTheChannelHoweverTheWorkerStops() throws Exception {
        Random random = new Random(7);
        ExecutorService blocking = Executors.newFixedThreadPool(2);
        ExecutorService async = Executors.newFixedThreadPool(1);
        try {
            for (int round = 0; round < 300; round++) {
                ScriptedLayer roundLayer = new ScriptedLayer();
                List<Object> handled = Collections.synchronizedList(new ArrayList<>());
                boolean sync = random.nextBoolean();
                long work = random.nextInt(3) * 20_000L;
                ChannelNameRouter.Builder routes = ChannelNameRouter.builder();
                if (sync) {
                    routes.channel("jobs", () -> new WorkerConsumer() {
                        @MessageHandler("job")
                        public void job(WorkerContext context, Message message) {
                            LockSupport.parkNanos(work);
                            handled.add(message.get("id"));
                        }
                    });
                } else {
                    routes.asyncChannel("jobs", () -> new AsyncWorkerConsumer() {
                        @MessageHandler("job")
                        public CompletionStage<Void> job(WorkerContext context, Message message) {
                            return CompletableFuture.runAsync(() -> handled.add(message.get("id")),
                                    CompletableFuture.delayedExecutor(work, TimeUnit.NANOSECONDS));
                        }
                    });
                }
                NotifyWorker roundWorker = NotifyWorker.builder().layer(roundLayer).router(routes.build())
                        .executors(blocking, async).build().start();
                int total = random.nextInt(8);
                int stopAfter = random.nextInt(total + 1);
                CompletableFuture<Void> stopped = null;
                for (int i = 0; i <= total; i++) {
                    if (i == stopAfter) {
                        stopped = roundWorker.stopAsync().toCompletableFuture();
                    }
                    if (i < total) {
                        roundLayer.blocking(Duration.ofSeconds(5)).send("jobs", Message.of("job", "id", i));
                    }
                }
                stopped.get(10, TimeUnit.SECONDS);
                roundLayer.blocking(Duration.ofSeconds(5)).send("jobs", Message.of("end"));
                List<Object> left = new ArrayList<>();
                for (Message m = roundLayer.blocking(Duration.ofSeconds(5)).receive("jobs"); !m.type().equals("end");
                        m = roundLayer.blocking(Duration.ofSeconds(5)).receive("jobs")) {
                    left.add(m.get("id"));
                }
                List<Object> all = new ArrayList<>(handled);
                all.addAll(left);
                assertThat(all).as("round %d (%s, %d messages, stop after %d sends)", round, sync ? "sync" : "async",
                        total, stopAfter).containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
                assertThat(roundWorker.messagesHandled()).isEqualTo(handled.size());
                assertThat(roundLayer.waitingReceives()).isZero();
                roundLayer.close();
            }
        } finally {
            blocking.shutdownNow();
            async.shutdownNow();
        }
    }

    @Test
    void refusesBadRoutesAndChannels() {
        assertThatThrownBy(() -> ChannelNameRouter.builder().channel("specific.x!y", Jobs::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("process-specific");
        assertThatThrownBy(() -> ChannelNameRouter.builder().channel("bad name", Jobs::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
        assertThatThrownBy(() -> ChannelNameRouter.builder().channel("jobs", Jobs::new).asyncChannel("jobs", AsyncJobs::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("routed twice");
        ChannelNameRouter router = ChannelNameRouter.builder().channel("jobs", Jobs::new).build();
        assertThatThrownBy(() -> NotifyWorker.builder().layer(layer).router(router).channels("other").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'").hasMessageContaining("[jobs]");
        assertThatThrownBy(() -> NotifyWorker.builder().layer(layer)
                .router(ChannelNameRouter.builder().channel("jobs", () -> null).build()).build().start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("returned null");
        assertThatThrownBy(() -> NotifyWorker.builder().layer(layer)
                .router(ChannelNameRouter.builder().channel("jobs", BadHandler::new).build()).build().start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(WorkerContext, Message)");
    }

    public static class BadHandler implements WorkerConsumer {
        @MessageHandler("x")
        public void x(Message message) {
        }
    }

    /** The router supplier the command-line tests name. */
    public static class Workers implements Supplier<ChannelNameRouter> {
        @Override
        public ChannelNameRouter get() {
            return ChannelNameRouter.builder().channel("jobs", Jobs::new).build();
        }
    }

    @Test
    void commandLineRefusesBadArguments() {
        NotifyConfig config = NotifyConfig.fromMap(Map.of());
        assertThatThrownBy(() -> WorkerMain.start(new String[0], config)).hasMessageStartingWith("usage");
        assertThatThrownBy(() -> WorkerMain.start(new String[] {"--router", Workers.class.getName()}, config))
                .hasMessageStartingWith("usage");
        assertThatThrownBy(() -> WorkerMain.start(new String[] {"--router", "no.such.Class", "jobs"}, config))
                .hasMessageContaining("no.such.Class is not on the class path");
        assertThatThrownBy(() -> WorkerMain.start(new String[] {"--router", String.class.getName(), "jobs"}, config))
                .hasMessageContaining("must implement java.util.function.Supplier<ChannelNameRouter>");
        assertThatThrownBy(() -> WorkerMain.start(new String[] {"--router", Workers.class.getName(), "-x", "jobs"}, config))
                .hasMessageStartingWith("usage: unexpected argument '-x'");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
