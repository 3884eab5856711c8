package dev.notify.redis;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import dev.notify.tck.LogCapture;
import dev.notify.tck.MeterReadings;
import io.lettuce.core.KillArgs;
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

    @Test
    void groupMembershipsOfLiveChannelsOutlastTheGroupExpiry() throws Exception {
        try (RedisPubSubChannelLayer layer = RedisPubSubChannelLayer.builder()
                .uris(redis.uri()).prefix(RedisServer.uniquePrefix()).groupExpiry(Duration.ofSeconds(2)).build()) {
            String live = Stages.join(layer.newChannel(), WAIT, "newChannel");
            Stages.join(layer.groupAdd("lasting", live), WAIT, "groupAdd");
            CompletableFuture<Message> next = layer.receive(live).toCompletableFuture(); // a consumer waiting
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
                Thread.sleep(50); // the expiry is wall-clock time: let 3 s pass
            }
            Stages.join(layer.groupSend("lasting", Message.of("still.here")), WAIT, "groupSend");
            assertThat(next.get(5, TimeUnit.SECONDS).type()).isEqualTo("still.here");
        }
    }

    @Test
    void aKilledSubscriberConnectionIsLoggedOnceCountedAndResubscribed() throws Exception {
        RedisServer own = RedisServer.spawn();
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(own.uri());
        try (own;
             RedisPubSubChannelLayer layer = RedisPubSubChannelLayer.builder().uris(own.uri()).build();
             LogCapture log = LogCapture.of("dev.notify.redis");
             var connection = client.connect()) {
            MeterReadings meters = MeterReadings.of(layer);
            String address = "127.0.0.1:" + own.port();
            String channel = Stages.join(layer.newChannel(), WAIT, "newChannel");
            Stages.join(layer.groupAdd("room", channel), WAIT, "groupAdd");
            assertThat(layer.health().up()).isTrue();

            assertThat(connection.sync().clientKill(KillArgs.Builder.typePubsub())).isEqualTo(1);
            // at most once: what is published before the subscriptions are back is lost, so send until one arrives
            CompletableFuture<Message> next = layer.receive(channel).toCompletableFuture();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!next.isDone() && System.nanoTime() < deadline) {
                Stages.join(layer.groupSend("room", Message.of("after.kill")), WAIT, "groupSend");
                Thread.sleep(20); // a publish that nobody is subscribed to yet has no event to wait on
            }
            assertThat(next.get(1, TimeUnit.SECONDS).type()).as("the group was subscribed again").isEqualTo("after.kill");

            meters.awaitValue(1, "notify.redis.reconnects", "shard", address, "connection", "subscriber");
            log.awaitLine(line -> line.startsWith("INFO") && line.contains(address) && line.contains("back"));
            assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN"))
                    .singleElement().asString().contains(address, "subscriber", "lost");
            assertThat(layer.health().up()).isTrue();
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
