package dev.notify.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.notify.layer.ChannelFullException;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.Message;
import dev.notify.layer.Stages;
import dev.notify.metrics.MeterSource;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link ChannelLayer} shares, run by each backend's
 * {@code <Backend>ChannelLayerCompatibilityTest} subclass. Layers are made with the default options
 * (capacity 100, expiry 60 s, a group expiry of at most 1 day) and the given clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ChannelLayerCompatibilityKit {
    /** How long a test waits for something that should happen. */
    protected static final Duration WAIT = Duration.ofSeconds(5);

    protected final TestInstants clock = TestInstants.startingNow();
    private final List<ChannelLayer> opened = new ArrayList<>();

    /**
     * @param n how many instances, each standing for a separate process sharing one backend
     * @param clock the time source the layers must use for message and group expiry
     * @return n fresh layers with default options over an empty backend
     */
    protected abstract ChannelLayer[] layers(int n, TestInstants clock);

    /** @return whether instances share state like separate processes do (false for in-memory) */
    protected boolean crossProcess() {
        return true;
    }

    /** @return whether the layer stores messages with capacity and expiry (false for pub/sub) */
    protected boolean storesMessages() {
        return true;
    }

    private ChannelLayer[] open(int n) {
        ChannelLayer[] layers = layers(n, clock);
        opened.addAll(Arrays.asList(layers));
        return layers;
    }

    private ChannelLayer layer() {
        return open(1)[0];
    }

    @AfterEach
    void closeLayers() {
        for (ChannelLayer layer : opened) {
            layer.blocking(WAIT).flush();
            layer.close();
        }
    }

    protected static <T> T await(CompletionStage<T> stage) {
        return Stages.join(stage, WAIT, "layer operation");
    }

    private static Message numbered(int i) {
        return Message.builder("test.message").put("n", i).build();
    }

    private static int number(Message message) {
        return message.getNumber("n").intValue();
    }

    @Test
    @DisplayName("a message sent to a channel is received from it, in FIFO order")
    void sendThenReceiveInOrder() {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        for (int i = 0; i < 10; i++) {
            await(layer.send(channel, numbered(i)));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(number(await(layer.receive(channel)))).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("a waiting receiver is woken by the next send")
    void receiverWaitsForSend() {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        CompletableFuture<Message> pending = layer.receive(channel).toCompletableFuture();
        assertThat(pending).isNotDone();
        await(layer.send(channel, numbered(7)));
        assertThat(number(await(pending))).isEqualTo(7);
    }

    @Test
    @DisplayName("a cancelled receive loses no message")
    void cancelledReceiveLosesNothing() {
        assumeThat(storesMessages()).as("on an at-most-once layer a cancelled receive unsubscribes the channel,"
                + " as channels_redis' pub/sub layer does").isTrue();
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        CompletableFuture<Message> abandoned = layer.receive(channel).toCompletableFuture();
        abandoned.cancel(false);
        await(layer.send(channel, numbered(1)));
        assertThat(number(await(layer.receive(channel)))).isEqualTo(1);
    }

    @Test
    @DisplayName("batch receives take the queued messages in FIFO order, at most max at a time, sharing the order with single receives")
    void batchReceiveInOrder() {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        for (int i = 0; i < 20; i++) {
            await(layer.send(channel, numbered(i)));
        }
        List<Integer> received = new ArrayList<>();
        for (int pass = 0; received.size() < 20; pass++) {
            if (pass % 3 == 2) {
                received.add(number(await(layer.receive(channel))));
                continue;
            }
            List<Message> batch = await(layer.receiveBatch(channel, 4));
            assertThat(batch).hasSizeBetween(1, 4);
            assertThatThrownBy(() -> batch.add(numbered(99))).isInstanceOf(UnsupportedOperationException.class);
            batch.forEach(message -> received.add(number(message)));
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertThat(received).isEqualTo(expected);
    }

    @Test
    @DisplayName("a waiting batch receive is woken by the next send")
    void batchReceiverWaitsForSend() {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        CompletableFuture<List<Message>> pending = layer.receiveBatch(channel, 10).toCompletableFuture();
        assertThat(pending).isNotDone();
        await(layer.send(channel, numbered(7)));
        List<Message> batch = await(pending);
        assertThat(batch).hasSize(1);
        assertThat(number(batch.get(0))).isEqualTo(7);
    }

    @Test
    @DisplayName("a cancelled batch receive loses no message")
    void cancelledBatchReceiveLosesNothing() {
        assumeThat(storesMessages()).as("on an at-most-once layer a cancelled receive unsubscribes the channel,"
                + " as channels_redis' pub/sub layer does").isTrue();
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        CompletableFuture<List<Message>> abandoned = layer.receiveBatch(channel, 10).toCompletableFuture();
        abandoned.cancel(false);
        await(layer.send(channel, numbered(1)));
        await(layer.send(channel, numbered(2)));
        List<Integer> received = new ArrayList<>();
        while (received.size() < 2) {
            await(layer.receiveBatch(channel, 10)).forEach(message -> received.add(number(message)));
        }
        assertThat(received).containsExactly(1, 2);
    }

    @Test
    @DisplayName("a batch receive of fewer than one message, or from a bad channel name, is refused at once")
    void badBatchReceive() {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        assertThatThrownBy(() -> layer.receiveBatch(channel, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a batch takes at least 1 message, but max was 0");
        assertThatThrownBy(() -> layer.receiveBatch("a!b!c", 1)).isInstanceOf(IllegalArgumentException.class);
        await(layer.send(channel, numbered(3)));
        assertThat(number(await(layer.receive(channel)))).isEqualTo(3); // the refusals took nothing
    }

    @Test
    @DisplayName("new channel names are unique, valid and process-specific")
    void newChannelNames() {
        ChannelLayer layer = layer();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String name = await(layer.newChannel("specific"));
            assertThat(name).startsWith("specific.").contains("!").hasSizeLessThan(100)
                    .matches("^[a-zA-Z\\d\\-_.]+(![\\d\\w\\-_.]*)?$");
            names.add(name);
        }
        assertThat(names).hasSize(100);
    }

    @Test
    @DisplayName("every portable value type arrives with the same value")
    void portableValuesRoundTrip() {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", List.of(1, "two", 3.5));
        nested.put("none", null);
        Message sent = Message.builder("type.with.dots")
                .put("text", "héllo ✓")
                .put("int", 42)
                .put("long", 1L << 40)
                .put("negative", -7)
                .put("float", 1.5)
                .put("true", true)
                .put("false", false)
                .put("null", null)
                .put("bytes", new byte[] {0, 1, (byte) 0xff})
                .put("list", List.of(1, "a", List.of()))
                .put("map", nested)
                .put("big", BigInteger.valueOf(Long.MAX_VALUE))
                .build();
        await(layer.send(channel, sent));
        Message got = await(layer.receive(channel));
        assertThat(got.type()).isEqualTo("type.with.dots");
        assertThat(got.getString("text")).isEqualTo("héllo ✓");
        assertThat(got.getNumber("int").longValue()).isEqualTo(42);
        assertThat(got.getNumber("long").longValue()).isEqualTo(1L << 40);
        assertThat(got.getNumber("negative").longValue()).isEqualTo(-7);
        assertThat(got.getNumber("float").doubleValue()).isEqualTo(1.5);
        assertThat(got.get("true")).isEqualTo(true);
        assertThat(got.get("false")).isEqualTo(false);
        assertThat(got.has("null")).isTrue();
        assertThat(got.get("null")).isNull();
        assertThat((byte[]) got.get("bytes")).containsExactly(0, 1, 0xff);
        assertThat(got.get("list").toString()).as("integer width may differ by backend").isEqualTo("[1, a, []]");
        assertThat(((Map<?, ?>) got.get("map")).get("inner").toString()).isEqualTo("[1, two, 3.5]");
        assertThat(((Map<?, ?>) got.get("map")).containsKey("none")).isTrue();
        assertThat(got.getNumber("big").longValue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("a group send reaches every member and no one else; a discarded member gets nothing")
    void groupSendReachesMembers() {
        ChannelLayer layer = layer();
        String a = await(layer.newChannel());
        String b = await(layer.newChannel());
        String outsider = await(layer.newChannel());
        await(layer.groupAdd("room", a));
        await(layer.groupAdd("room", b));
        await(layer.groupSend("room", numbered(1)));
        assertThat(number(await(layer.receive(a)))).isEqualTo(1);
        assertThat(number(await(layer.receive(b)))).isEqualTo(1);

        await(layer.groupDiscard("room", b));
        await(layer.groupSend("room", numbered(2)));
        await(layer.send(b, numbered(99)));
        await(layer.send(outsider, numbered(99)));
        assertThat(number(await(layer.receive(a)))).isEqualTo(2);
        assertThat(number(await(layer.receive(b)))).as("discarded member").isEqualTo(99);
        assertThat(number(await(layer.receive(outsider)))).as("never a member").isEqualTo(99);
    }

    @Test
    @DisplayName("a full channel refuses send with ChannelFullException; group send skips it")
    void capacityAndChannelFull() {
        assumeThat(storesMessages()).as("this layer stores no messages").isTrue();
        ChannelLayer layer = layer();
        String full = await(layer.newChannel());
        String roomy = await(layer.newChannel());
        for (int i = 0; i < 100; i++) {
            await(layer.send(full, numbered(i)));
        }
        assertThatThrownBy(() -> await(layer.send(full, numbered(100))))
                .isInstanceOf(ChannelFullException.class)
                .hasMessageContaining(full);
        await(layer.groupAdd("g", full));
        await(layer.groupAdd("g", roomy));
        await(layer.groupSend("g", numbered(500)));
        assertThat(number(await(layer.receive(roomy)))).isEqualTo(500);
        for (int i = 0; i < 100; i++) {
            assertThat(number(await(layer.receive(full)))).isEqualTo(i);
        }
        await(layer.send(full, numbered(501)));
        assertThat(number(await(layer.receive(full)))).as("the group copy was dropped, not queued").isEqualTo(501);
    }

    @Test
    @DisplayName("meters count operations by outcome (a cancelled receive is neither) and group copies dropped for a full channel")
    void metersCountOperationsAndDrops() {
        assumeThat(storesMessages()).as("this layer stores no messages").isTrue();
        ChannelLayer layer = layer();
        assertThat(layer).isInstanceOf(MeterSource.class);
        MeterReadings meters = MeterReadings.of((MeterSource) layer);
        assertThat(meters.value("notify.layer.up")).isEqualTo(1);
        String full = await(layer.newChannel());
        String roomy = await(layer.newChannel());
        for (int i = 0; i < 100; i++) {
            await(layer.send(full, numbered(i)));
        }
        assertThatThrownBy(() -> await(layer.send(full, numbered(100)))).isInstanceOf(ChannelFullException.class);
        await(layer.groupAdd("g", full));
        await(layer.groupAdd("g", roomy));
        await(layer.groupSend("g", numbered(500)));
        assertThat(number(await(layer.receive(roomy)))).isEqualTo(500);
        layer.receive(roomy).toCompletableFuture().cancel(false);

        meters.awaitValue(2, "notify.layer.operations", "operation", "new_channel", "outcome", "success");
        meters.awaitValue(100, "notify.layer.operations", "operation", "send", "outcome", "success");
        meters.awaitValue(1, "notify.layer.operations", "operation", "send", "outcome", "failure");
        meters.awaitValue(2, "notify.layer.operations", "operation", "group_add", "outcome", "success");
        meters.awaitValue(1, "notify.layer.operations", "operation", "group_send", "outcome", "success");
        meters.awaitValue(1, "notify.layer.operations", "operation", "receive", "outcome", "success");
        assertThat(meters.value("notify.layer.operations", "operation", "receive", "outcome", "failure")).isZero();
        // the full channel's copy; a backend may drop it on its delivery thread, after groupSend completed
        meters.awaitSum(1, "notify.layer.dropped");
    }

    @Test
    @DisplayName("messages older than the expiry are dropped")
    void messageExpiry() {
        assumeThat(storesMessages()).as("this layer stores no messages").isTrue();
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        await(layer.send(channel, numbered(1)));
        clock.advance(Duration.ofSeconds(61));
        await(layer.send(channel, numbered(2)));
        assertThat(number(await(layer.receive(channel)))).isEqualTo(2);
    }

    @Test
    @DisplayName("group memberships older than the group expiry are dropped")
    void groupExpiry() {
        assumeThat(storesMessages()).as("this layer keeps no group membership times").isTrue();
        ChannelLayer layer = layer();
        String stale = await(layer.newChannel());
        String fresh = await(layer.newChannel());
        await(layer.groupAdd("g", stale));
        clock.advance(Duration.ofSeconds(86_401));
        await(layer.groupAdd("g", fresh));
        await(layer.groupSend("g", numbered(1)));
        await(layer.send(stale, numbered(2)));
        assertThat(number(await(layer.receive(fresh)))).isEqualTo(1);
        assertThat(number(await(layer.receive(stale)))).isEqualTo(2);
    }

    @Test
    @DisplayName("bad channel and group names are refused with the name and the rule")
    void badNames() {
        ChannelLayer layer = layer();
        assertThatThrownBy(() -> layer.send("bad name", numbered(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name'").hasMessageContaining("must match");
        assertThatThrownBy(() -> layer.groupAdd("bad/group", "ok"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad/group'");
        assertThatThrownBy(() -> layer.groupSend("x".repeat(100), numbered(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than 100");
        assertThatThrownBy(() -> layer.receive("a!b!c"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("messages from concurrent senders keep each sender's order")
    void orderingUnderConcurrentSenders() throws Exception {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        int senders = 4;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                sent.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        Message m = Message.builder("test.message").put("sender", sender).put("n", i).build();
                        while (true) {
                            try {
                                await(layer.send(channel, m));
                                break;
                            } catch (ChannelFullException full) {
                                Thread.onSpinWait(); // the receiver below drains the channel
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            Map<Integer, Integer> last = new HashMap<>();
            for (int i = 0; i < senders * each; i++) {
                Message m = await(layer.receive(channel));
                int sender = m.getNumber("sender").intValue();
                int n = number(m);
                assertThat(n).as("sender %d's order", sender).isEqualTo(last.getOrDefault(sender, -1) + 1);
                last.put(sender, n);
            }
            for (Future<?> f : sent) {
                f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("group sends from many threads reach every member exactly once")
    void concurrentGroupSends() throws Exception {
        ChannelLayer layer = layer();
        int members = 20;
        int threads = 4;
        int each = 25;
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String c = await(layer.newChannel());
            channels.add(c);
            await(layer.groupAdd("many", c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        await(layer.groupSend("many", numbered(base + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(WAIT.toMillis() * 4, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String c : channels) {
            Set<Integer> got = new HashSet<>();
            for (int i = 0; i < threads * each; i++) {
                assertThat(got.add(number(await(layer.receive(c))))).as("duplicate on %s", c).isTrue();
            }
            assertThat(got).hasSize(threads * each);
            assertNothingQueued(layer, c);
        }
    }

    @Test
    @DisplayName("flush drops queued messages and group memberships")
    void flushEmptiesEverything() {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        await(layer.groupAdd("g", channel));
        await(layer.send(channel, numbered(1)));
        await(layer.flush());
        await(layer.groupSend("g", numbered(2)));
        await(layer.send(channel, numbered(3)));
        assertThat(number(await(layer.receive(channel)))).isEqualTo(3);
    }

    @Test
    @DisplayName("a closed layer fails every operation with ChannelLayerException, and closes again at once")
    void closedLayerFails() {
        ChannelLayer layer = layer();
        String channel = await(layer.newChannel());
        await(layer.closeAsync());
        opened.remove(layer);
        assertThatThrownBy(() -> await(layer.send(channel, numbered(1)))).isInstanceOf(ChannelLayerException.class);
        assertThatThrownBy(() -> await(layer.receive(channel))).isInstanceOf(ChannelLayerException.class);
        assertThatThrownBy(() -> await(layer.receiveBatch(channel, 10))).isInstanceOf(ChannelLayerException.class);
        assertThatThrownBy(() -> await(layer.newChannel())).isInstanceOf(ChannelLayerException.class);
        assertThatThrownBy(() -> await(layer.groupAdd("g", channel))).isInstanceOf(ChannelLayerException.class);
        assertThatThrownBy(() -> await(layer.groupDiscard("g", channel))).isInstanceOf(ChannelLayerException.class);
        assertThatThrownBy(() -> await(layer.groupSend("g", numbered(1)))).isInstanceOf(ChannelLayerException.class);
        assertThatThrownBy(() -> await(layer.flush())).isInstanceOf(ChannelLayerException.class);
        assertThat(layer.health().up()).isFalse();
        await(layer.closeAsync());
    }

    @Test
    @DisplayName("a message sent by another process reaches a channel of this one")
    void crossProcessSend() {
        assumeThat(crossProcess()).as("instances of this layer do not share state").isTrue();
        ChannelLayer[] two = open(2);
        String channel = await(two[0].newChannel());
        await(two[1].send(channel, numbered(5)));
        assertThat(number(await(two[0].receive(channel)))).isEqualTo(5);
    }

    @Test
    @DisplayName("a group spanning two processes gets a group send from either")
    void crossProcessGroups() {
        assumeThat(crossProcess()).as("instances of this layer do not share state").isTrue();
        ChannelLayer[] two = open(2);
        String a = await(two[0].newChannel());
        String b = await(two[1].newChannel());
        await(two[0].groupAdd("shared", a));
        await(two[1].groupAdd("shared", b));
        await(two[1].groupSend("shared", numbered(1)));
        // later: between processes, messages are ordered by their (here shared, fake) clocks
        clock.advance(Duration.ofMillis(1));
        await(two[0].groupSend("shared", numbered(2)));
        assertThat(number(await(two[0].receive(a)))).isEqualTo(1);
        assertThat(number(await(two[0].receive(a)))).isEqualTo(2);
        assertThat(number(await(two[1].receive(b)))).isEqualTo(1);
        assertThat(number(await(two[1].receive(b)))).isEqualTo(2);
    }

    /** Sends a marker and checks that it is the next message: nothing else was queued. */
    private static void assertNothingQueued(ChannelLayer layer, String channel) {
        await(layer.send(channel, numbered(-1)));
        assertThat(number(await(layer.receive(channel)))).as("nothing else queued on %s", channel).isEqualTo(-1);
    }
}
