package dev.notify.nats;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.layer.ChannelFullException;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class NatsChannelLayerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Outlasts a reconnect: the client retries every 2 s. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final int LAST_MARKER = Integer.MAX_VALUE;

    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private NatsServer server(String... options) {
        return track(NatsServer.spawn(options));
    }

    private NatsChannelLayer layer(String... urls) {
        return track(NatsChannelLayer.builder().urls(urls).prefix(prefix).build());
    }

    private static <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage, WAIT, "layer operation");
    }

    private static Message numbered(int n) {
        return Message.of("test.message", "n", n);
    }

    private static int number(Message message) {
        return message.getNumber("n").intValue();
    }

    /**
     * Sends numbered messages with {@code send} until one reaches {@code channel}, then a last one,
     * and drains the channel up to it: from then on the path from sender to receiver works and
     * nothing stale is queued. Sends that fail or get lost while NATS recovers are expected.
     */
    private static void awaitPath(String what, ChannelLayer receiver, String channel, IntFunction<CompletionStage<Void>> send) {
        int[] attempt = {0};
        awaitCondition("a message getting through: " + what, RECOVERY, () -> {
            try {
                Stages.join(send.apply(attempt[0]++), WAIT, "probe");
                Stages.join(receiver.receive(channel), Duration.ofMillis(300), "receive");
                return true;
            } catch (ChannelLayerException notYet) {
                return false; // disconnected still, or the receiving side has not subscribed again (a timeout)
            }
        });
        Stages.join(send.apply(LAST_MARKER), WAIT, "last probe");
        while (number(Stages.join(receiver.receive(channel), WAIT, "drain")) != LAST_MARKER) {
            // an earlier probe that arrived late
        }
    }

    /** Receives from a channel in a loop until the layer closes. */
    private static void receiveForever(ChannelLayer layer, String channel, java.util.function.Consumer<Message> handler) {
        layer.receive(channel).whenComplete((message, failure) -> {
            if (failure == null) {
                handler.accept(message);
                receiveForever(layer, channel, handler);
            }
        });
    }

    private static void assertBurstArrives(ChannelLayer sender, ChannelLayer receiver, String group, String member) {
        for (int i = 0; i < 20; i++) {
            await(sender.groupSend(group, numbered(i)));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(number(await(receiver.receive(member)))).as("message %d of the burst", i).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("named channels: the receiving processes form a queue group, so each message reaches exactly one")
    void namedChannelsAreAQueueGroup() throws Exception {
        NatsServer nats = server();
        NatsChannelLayer sender = layer(nats.url());
        NatsChannelLayer[] workers = {layer(nats.url()), layer(nats.url())};
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        AtomicIntegerArray perWorker = new AtomicIntegerArray(2);
        for (int w = 0; w < 2; w++) {
            int worker = w;
            receiveForever(workers[w], "jobs.resize-image", message -> {
                got.add(number(message));
                perWorker.incrementAndGet(worker);
            });
        }
        awaitCondition("both workers subscribed", WAIT, () -> nats.subscriptions(prefix + ".channel.jobs~resize-image") == 2);
        for (int i = 0; i < 200; i++) {
            await(sender.send("jobs.resize-image", numbered(i)));
        }
        awaitCondition("200 jobs received", WAIT, () -> got.size() >= 200);
        assertThat(new HashSet<>(got)).as("each exactly once").hasSize(200);
        assertThat(got).hasSize(200);
        assertThat(List.of(perWorker.get(0), perWorker.get(1))).as("NATS spreads a queue group's messages over its members")
                .allMatch(count -> count > 0);
    }

    @Test
    @DisplayName("a cancelled receive on a named channel leaves the queue group; a later receive joins again")
    void cancelledNamedReceiveLeavesTheQueueGroup() throws Exception {
        NatsServer nats = server();
        NatsChannelLayer sender = layer(nats.url());
        NatsChannelLayer worker = layer(nats.url());
        String subject = prefix + ".channel.jobs";
        worker.receive("jobs").toCompletableFuture().cancel(false);
        awaitCondition("left the queue group", WAIT, () -> nats.subscriptions(subject) == 0);
        assertThatThrownBy(() -> await(sender.send("jobs", numbered(1))))
                .isInstanceOf(ChannelLayerException.class).hasMessageContaining("no process receives");

        CompletableFuture<Message> again = worker.receive("jobs").toCompletableFuture();
        awaitCondition("joined again", WAIT, () -> nats.subscriptions(subject) == 1);
        await(sender.send("jobs", numbered(2)));
        assertThat(number(await(again))).isEqualTo(2);
    }

    @Test
    @DisplayName("a send nobody can receive fails: no worker on a named channel, or the channel's process is gone")
    void sendWithoutReceiverFails() {
        NatsServer nats = server();
        NatsChannelLayer sender = layer(nats.url());
        NatsChannelLayer gone = layer(nats.url());
        String channel = await(gone.newChannel());
        await(gone.closeAsync());

        assertThatThrownBy(() -> await(sender.send("nobody-works-here", numbered(1))))
                .isInstanceOf(ChannelLayerException.class)
                .hasMessageContaining("send to 'nobody-works-here' failed: no process receives from that channel");
        assertThatThrownBy(() -> await(sender.send(channel, numbered(1))))
                .isInstanceOf(ChannelLayerException.class)
                .hasMessageContaining("no process receives from that channel");
    }

    @Test
    @DisplayName("a channel's capacity holds for sends from other processes: the receiving process refuses the extra one")
    void capacityAcrossProcesses() {
        NatsServer nats = server();
        NatsChannelLayer receiver = track(NatsChannelLayer.builder().urls(nats.url()).prefix(prefix)
                .channelCapacity("small.*", 3).build());
        NatsChannelLayer sender = layer(nats.url());
        String channel = await(receiver.newChannel("small"));
        for (int i = 0; i < 3; i++) {
            await(sender.send(channel, numbered(i)));
        }
        assertThatThrownBy(() -> await(sender.send(channel, numbered(3))))
                .isInstanceOf(ChannelFullException.class)
                .hasMessageContaining("channel '" + channel + "' is full (capacity 3)");
        for (int i = 0; i < 3; i++) {
            assertThat(number(await(receiver.receive(channel)))).isEqualTo(i);
        }
        await(sender.send(channel, numbered(4)));
        assertThat(number(await(receiver.receive(channel)))).as("the refused message was not queued").isEqualTo(4);
    }

    @Test
    @DisplayName("a NATS restart: health is down and operations fail fast meanwhile; then group and direct sends reach live consumers again")
    void natsRestart() throws Exception {
        NatsServer nats = server();
        NatsChannelLayer consumerProcess = layer(nats.url());
        NatsChannelLayer senderProcess = layer(nats.url());
        String member = await(consumerProcess.newChannel());
        await(consumerProcess.groupAdd("live", member));
        assertThat(consumerProcess.health().up()).isTrue();
        assertThat(consumerProcess.health().detail()).isEqualTo(nats.url() + " connected");
        assertBurstArrives(senderProcess, consumerProcess, "live", member);

        nats.stop();
        awaitCondition("health down", WAIT, () -> !consumerProcess.health().up() && !senderProcess.health().up());
        assertThat(consumerProcess.health().detail()).startsWith("[" + nats.url() + "] unreachable since ");
        assertThatThrownBy(() -> await(senderProcess.groupSend("live", numbered(0))))
                .isInstanceOf(ChannelLayerException.class).hasMessageContaining("NATS is not reachable");
        assertThatThrownBy(() -> await(senderProcess.send(member, numbered(0))))
                .isInstanceOf(ChannelLayerException.class).hasMessageContaining("NATS is not reachable");

        nats.start();
        awaitCondition("health up", RECOVERY, () -> consumerProcess.health().up() && senderProcess.health().up());
        awaitPath("group sends after the restart", consumerProcess, member, n -> senderProcess.groupSend("live", numbered(n)));
        assertBurstArrives(senderProcess, consumerProcess, "live", member);
        await(senderProcess.send(member, numbered(42)));
        assertThat(number(await(consumerProcess.receive(member)))).as("direct send after the restart").isEqualTo(42);
    }

    @Test
    @DisplayName("a cluster of three servers loses the one a consumer's process uses; that process fails over and its consumer keeps receiving")
    void clusterLosesAServer() throws Exception {
        List<NatsServer> cluster = NatsServer.cluster(3);
        cluster.forEach(this::track);
        String urls = String.join(",", cluster.stream().map(NatsServer::url).toList());
        NatsChannelLayer consumerProcess = track(NatsChannelLayer.create(
                NatsLayerOptions.builder().urls(urls.split(",")).prefix(prefix).build()));
        NatsServer used = cluster.stream()
                .filter(server -> consumerProcess.health().detail().equals(server.url() + " connected")).findFirst().orElseThrow();
        NatsServer other = cluster.stream().filter(server -> server != used).findFirst().orElseThrow();
        NatsChannelLayer senderProcess = layer(other.url()); // learns the cluster's other servers from it
        String member = await(consumerProcess.newChannel());
        await(consumerProcess.groupAdd("spread", member));
        awaitPath("group sends across the cluster", consumerProcess, member, n -> senderProcess.groupSend("spread", numbered(n)));
        assertBurstArrives(senderProcess, consumerProcess, "spread", member);

        used.kill();
        awaitCondition("failed over", RECOVERY, () -> consumerProcess.health().up()
                && !consumerProcess.health().detail().equals(used.url() + " connected"));
        awaitPath("group sends after the failover", consumerProcess, member, n -> senderProcess.groupSend("spread", numbered(n)));
        assertBurstArrives(senderProcess, consumerProcess, "spread", member);
        await(senderProcess.send(member, numbered(7)));
        assertThat(number(await(consumerProcess.receive(member)))).as("direct send after the failover").isEqualTo(7);
    }

    @Test
    @DisplayName("unreadable messages on the layer's subjects are logged and skipped; a direct sender is told; later messages arrive")
    void unreadableMessagesAreSkipped() throws Exception {
        NatsServer nats = server();
        NatsChannelLayer layer = layer(nats.url());
        String member = await(layer.newChannel());
        await(layer.groupAdd("g", member));
        try (Connection raw = Nats.connect(nats.url())) {
            byte[] garbage = "not cbor".getBytes(StandardCharsets.UTF_8);
            raw.publish(prefix + ".group.g", garbage);
            io.nats.client.Message answer = raw.request(prefix + ".process." + Subjects.processOf(member) + "."
                    + member.replace('.', '~'), garbage, WAIT);
            assertThat(new String(answer.getData(), StandardCharsets.UTF_8)).startsWith("unreadable message: ");
            raw.publish(prefix + ".group.g", new byte[] {(byte) 0xa1, 0x61, 0x78, 0x01}); // {"x": 1}: no type
            raw.flush(WAIT);
        }
        await(layer.groupSend("g", numbered(1)));
        assertThat(number(await(layer.receive(member)))).isEqualTo(1);
    }

    @Test
    @DisplayName("a concurrent last leave and first join of a group keep the process subscribed to it")
    void concurrentLastLeaveAndFirstJoinKeepTheGroupSubscribed() throws Exception {
        NatsServer nats = server();
        NatsChannelLayer layer = layer(nats.url());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 1000; round++) {
                String group = "race" + round;
                String leaving = await(layer.newChannel());
                String joining = await(layer.newChannel());
                await(layer.groupAdd(group, leaving));
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<?> discard = CompletableFuture.runAsync(() -> {
                    awaitLatch(start);
                    await(layer.groupDiscard(group, leaving));
                }, pool);
                CompletableFuture<?> add = CompletableFuture.runAsync(() -> {
                    awaitLatch(start);
                    await(layer.groupAdd(group, joining));
                }, pool);
                start.countDown();
                CompletableFuture.allOf(discard, add).get();
                await(layer.groupSend(group, numbered(round)));
                assertThat(number(await(layer.receive(joining)))).as("round %d: the new member gets group messages", round)
                        .isEqualTo(round);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitCondition("one subscription per group", WAIT, () -> nats.subscriptions(prefix + ".group.race999") == 1);
    }

    @Test
    @DisplayName("one subscription per group per process, gone when the group's last member leaves")
    void oneSubscriptionPerGroup() throws Exception {
        NatsServer nats = server();
        NatsChannelLayer layer = layer(nats.url());
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String member = await(layer.newChannel());
            members.add(member);
            await(layer.groupAdd("big.room", member));
        }
        assertThat(nats.subscriptions(prefix + ".group.big~room")).isEqualTo(1);
        await(layer.groupSend("big.room", numbered(5)));
        for (String member : members) {
            assertThat(number(await(layer.receive(member)))).isEqualTo(5);
        }
        for (String member : members) {
            await(layer.groupDiscard("big.room", member));
        }
        awaitCondition("unsubscribed", WAIT, () -> nats.subscriptions(prefix + ".group.big~room") == 0);
    }

    @Test
    @DisplayName("groups take only this process's channels, and only the process that made a channel receives from it")
    void foreignChannelsAreRefused() {
        NatsServer nats = server();
        NatsChannelLayer one = layer(nats.url());
        NatsChannelLayer two = layer(nats.url());
        String theirs = await(two.newChannel());
        assertThatThrownBy(() -> one.groupAdd("g", theirs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + theirs + "' is not one");
        assertThatThrownBy(() -> one.groupAdd("g", "worker-channel")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> one.receive(theirs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to another process");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
