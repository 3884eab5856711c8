package dev.notify.redis;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisPubSubChannelLayerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.shared();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void concurrentLastLeaveAndFirstJoinKeepTheGroupSubscribed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RedisPubSubChannelLayer layer = RedisPubSubChannelLayer.builder()
                .uris(redis.uri()).prefix(RedisServer.uniquePrefix()).build()) {
            for (int round = 0; round < 100; round++) {
                String group = "race" + round;
                String leaving = Stages.join(layer.newChannel(), WAIT, "newChannel");
                String joining = Stages.join(layer.newChannel(), WAIT, "newChannel");
                Stages.join(layer.groupAdd(group, leaving), WAIT, "groupAdd");
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<?> discard = CompletableFuture.runAsync(() -> {
                    await(start);
                    Stages.join(layer.groupDiscard(group, leaving), WAIT, "groupDiscard");
                }, pool);
                CompletableFuture<?> add = CompletableFuture.runAsync(() -> {
                    await(start);
                    Stages.join(layer.groupAdd(group, joining), WAIT, "groupAdd");
                }, pool);
                start.countDown();
                CompletableFuture.allOf(discard, add).get();
                Stages.join(layer.groupSend(group, Message.of("race", "round", round)), WAIT, "groupSend");
                assertThat(Stages.join(layer.receive(joining), WAIT, "receive").getNumber("round").intValue())
                        .as("round %d: the new member still gets group messages", round).isEqualTo(round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCancelledReceiveUnsubscribesTheChannelAndALaterOneSubscribesAgain() throws Exception {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
        try (RedisPubSubChannelLayer layer = RedisPubSubChannelLayer.builder()
                .uris(redis.uri()).prefix(RedisServer.uniquePrefix()).build();
             var connection = client.connect()) {
            String channel = Stages.join(layer.newChannel(), WAIT, "newChannel");
            assertThat(connection.sync().pubsubNumsub(channel)).containsEntry(channel, 1L);
            layer.receive(channel).toCompletableFuture().cancel(false);
            awaitCondition("the consumer's channel is unsubscribed", () -> connection.sync().pubsubNumsub(channel).get(channel) == 0);

            CompletableFuture<Message> again = layer.receive(channel).toCompletableFuture();
            awaitCondition("the channel is subscribed again", () -> connection.sync().pubsubNumsub(channel).get(channel) == 1);
            Stages.join(layer.send(channel, Message.of("back")), WAIT, "send");
            assertThat(Stages.join(again, WAIT, "receive").type()).isEqualTo("back");
        } finally {
            client.shutdown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
