package dev.notify.redis;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelFullException;
import dev.notify.layer.ChannelLayerException;
import dev.notify.layer.LayerTimeoutException;
import dev.notify.layer.Message;
import dev.notify.redis.internal.ConsistentHash;
import dev.notify.redis.internal.MsgPack;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the Redis queue layer does beyond the compatibility kit, against real redis-server processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisChannelLayerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String prefix = RedisServer.uniquePrefix();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private RedisServer server() {
        return track(RedisServer.spawn());
    }

    private RedisChannelLayer layer(RedisLayerOptions.Builder<RedisChannelLayer> builder) {
        return track(builder.prefix(prefix).build());
    }

    private RedisCommands<byte[], byte[]> raw(RedisServer server) {
        RedisClient client = RedisClient.create(server.uri());
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        track(client::shutdown);
        return connection.sync();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("two shards: groups, queues and direct sends go to channels_redis' shard for each name")
    void shardsOverTwoServers() {
        RedisServer a = server();
        RedisServer b = server();
        List<RedisCommands<byte[], byte[]>> raw = List.of(raw(a), raw(b));
        BlockingChannelLayer one = layer(RedisChannelLayer.builder().uris(a.uri(), b.uri())).blocking(WAIT);
        BlockingChannelLayer two = layer(RedisChannelLayer.builder().uris(a.uri(), b.uri())).blocking(WAIT);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String channel = (i % 2 == 0 ? one : two).newChannel("c" + i);
            channels.add(channel);
            one.groupAdd("group" + i, channel);
        }
        for (int i = 0; i < 6; i++) {
            String group = "group" + i;
            int groupShard = ConsistentHash.shard(group, 2);
            assertThat(raw.get(groupShard).exists(bytes(prefix + ":group:" + group))).as("group key on its shard").isEqualTo(1);
            assertThat(raw.get(1 - groupShard).exists(bytes(prefix + ":group:" + group))).isZero();
        }
        // a direct send from the other process lands on the shard its receiver reads
        String target = channels.get(0);
        two.send(target, Message.of("direct.one"));
        assertThat(one.receive(target).type()).isEqualTo("direct.one");
        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? two : one).groupSend("group" + i, Message.of("group.message", "i", i));
        }
        for (int i = 0; i < 6; i++) {
            Message got = (i % 2 == 0 ? one : two).receive(channels.get(i));
            assertThat(got.get("i")).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("encryption: stored entries are Fernet tokens; keys rotate (encrypt with the first, decrypt with any)")
    void encryptionAndKeyRotation() {
        RedisServer redis = server();
        RedisCommands<byte[], byte[]> raw = raw(redis);
        BlockingChannelLayer oldOnly = layer(RedisChannelLayer.builder().uris(redis.uri()).symmetricEncryptionKeys("old")).blocking(WAIT);
        BlockingChannelLayer rotated = layer(RedisChannelLayer.builder().uris(redis.uri()).symmetricEncryptionKeys("new", "old")).blocking(WAIT);
        BlockingChannelLayer plain = layer(RedisChannelLayer.builder().uris(redis.uri())).blocking(WAIT);

        // what an old-key process writes, a rotated process reads
        String rotatedChannel = rotated.newChannel("specific");
        rotated.groupAdd("secret.room", rotatedChannel);
        oldOnly.groupSend("secret.room", Message.of("secret.message", "text", "classified"));
        assertThat(rotated.receive(rotatedChannel).get("text")).isEqualTo("classified");

        // what the rotated process writes (with "new") an old-key process cannot read: skipped, and it goes on
        String oldChannel = oldOnly.newChannel("specific");
        rotated.send(oldChannel, Message.of("secret.message", "text", "unreadable for old"));
        plain.send(oldChannel, Message.of("plain.message"));
        oldOnly.send(oldChannel, Message.of("secret.message", "text", "readable"));
        assertThat(oldOnly.receive(oldChannel).get("text")).as("the undecryptable and plain entries were skipped").isEqualTo("readable");

        // entries at rest are tokens, not msgpack with the text (a normal channel's entry waits in Redis for a reader)
        BlockingChannelLayer newOnly = layer(RedisChannelLayer.builder().uris(redis.uri()).symmetricEncryptionKeys("new")).blocking(WAIT);
        newOnly.send("worker.queue", Message.of("job", "text", "classified"));
        List<byte[]> stored = raw.zrange(bytes(prefix + "worker.queue"), 0, -1);
        assertThat(stored).hasSize(1);
        String token = new String(stored.get(0), 12, stored.get(0).length - 12, StandardCharsets.US_ASCII);
        assertThat(token).startsWith("gAAAAA").doesNotContain("classified");
        assertThat(rotated.receive("worker.queue").get("text")).isEqualTo("classified");
    }

    @Test
    @DisplayName("a Redis restart: sends fail fast during the outage, and a live consumer gets group messages again afterwards")
    void redisRestart() throws Exception {
        RedisServer redis = server();
        RedisChannelLayer receiverLayer = layer(RedisChannelLayer.builder().uris(redis.uri()));
        BlockingChannelLayer receiver = receiverLayer.blocking(WAIT);
        BlockingChannelLayer sender = layer(RedisChannelLayer.builder().uris(redis.uri())).blocking(WAIT);
        String channel = receiver.newChannel("specific");
        receiver.groupAdd("room", channel);
        CompletableFuture<Message> pending = receiverLayer.receive(channel).toCompletableFuture();

        redis.kill();
        // failing fast: the outage itself, naming the server, not the blocking view's timeout
        assertThatThrownBy(() -> sender.groupSend("room", Message.of("during.outage")))
                .isInstanceOf(ChannelLayerException.class)
                .isNotInstanceOf(LayerTimeoutException.class)
                .hasMessageContaining("127.0.0.1:" + redis.port());

        redis.start(); // empty: the restart lost every group and queue
        awaitCondition("the group membership is re-asserted", () -> {
            try {
                return raw(redis).zscore(bytes(prefix + ":group:room"), bytes(channel)) != null;
            } catch (RuntimeException e) {
                return false;
            }
        });
        awaitCondition("the sender is connected again", () -> {
            try {
                sender.groupSend("room", Message.of("after.restart"));
                return true;
            } catch (ChannelLayerException e) {
                return false;
            }
        });
        assertThat(pending.get(10, TimeUnit.SECONDS).type()).isEqualTo("after.restart");
    }

    @Test
    @DisplayName("a message popped by a reader that died before handing it over is delivered when the reader starts again")
    void inflightMessageRedelivered() {
        RedisServer redis = server();
        RedisCommands<byte[], byte[]> raw = raw(redis);
        String process = UUID.randomUUID().toString().replace("-", "");
        String channel = "specific." + process + "!consumer1";
        byte[] queue = bytes(prefix + "specific." + process + "!");
        byte[] inflight = bytes(prefix + "specific." + process + "!$inflight");
        BlockingChannelLayer sender = layer(RedisChannelLayer.builder().uris(redis.uri())).blocking(WAIT);
        sender.send(channel, Message.of("first.message"));
        sender.send(channel, Message.of("second.message"));
        // what a reader leaves when it dies between popping and handing over: the entry only in the backup
        ScoredValue<byte[]> popped = raw.zpopmin(queue);
        raw.zadd(inflight, popped.getScore(), popped.getValue());
        assertThat(raw.zcard(queue)).isEqualTo(1);

        RedisChannelLayer restarted = track(new RedisChannelLayer(RedisLayerOptions.builder().uris(redis.uri()).prefix(prefix).build(), process));
        BlockingChannelLayer receiver = restarted.blocking(WAIT);
        assertThat(receiver.receive(channel).type()).isEqualTo("first.message");
        assertThat(receiver.receive(channel).type()).isEqualTo("second.message");
        awaitCondition("the backup is acknowledged", () -> raw.exists(inflight) == 0);
    }

    @Test
    @DisplayName("a process that does not keep up: its queue fills, send fails with ChannelFullException, group send skips it")
    void slowProcessHitsCapacity() {
        RedisServer redis = server();
        RedisCommands<byte[], byte[]> raw = raw(redis);
        BlockingChannelLayer slow = layer(RedisChannelLayer.builder().uris(redis.uri()).capacity(3)).blocking(WAIT);
        BlockingChannelLayer fast = layer(RedisChannelLayer.builder().uris(redis.uri()).capacity(3)).blocking(WAIT);
        String stuck = slow.newChannel("specific");
        String other = fast.newChannel("specific");
        slow.groupAdd("busy", stuck);
        slow.groupAdd("busy", other);
        byte[] queue = bytes(prefix + stuck.substring(0, stuck.indexOf('!') + 1));
        List<Integer> accepted = new ArrayList<>();
        ChannelFullException[] full = new ChannelFullException[1];
        int[] next = {0};
        // the steady state: the slow process holds `capacity` locally and stopped reading, and its
        // Redis queue is at capacity (before that, refusals are transient: its reader takes a few)
        awaitCondition("sends to the slow process are refused with its queue at capacity", () -> {
            try {
                fast.send(stuck, Message.of("work", "n", next[0]));
                accepted.add(next[0]);
            } catch (ChannelFullException e) {
                full[0] = e;
                return accepted.size() == 6 && raw.zcard(queue) == 3;
            } finally {
                next[0]++;
            }
            return false;
        });
        assertThat(full[0].channel()).isEqualTo(stuck);
        assertThat(accepted).as("its local prefetch (capacity) plus its Redis queue (capacity)").hasSize(6);
        assertThat(raw.zcard(queue)).isEqualTo(3);

        fast.groupSend("busy", Message.of("broadcast"));
        assertThat(raw.zcard(queue)).as("group send skipped the full process").isEqualTo(3);
        assertThat(fast.receive(other).type()).as("and reached the others").isEqualTo("broadcast");
        for (int n : accepted) {
            assertThat(slow.receive(stuck).get("n")).isEqualTo(n);
        }
    }

    @Test
    @DisplayName("undecodable entries (garbage, foreign routing) are logged and skipped; the reader goes on")
    void garbageEntriesAreSkipped() {
        RedisServer redis = server();
        RedisCommands<byte[], byte[]> raw = raw(redis);
        BlockingChannelLayer layer = layer(RedisChannelLayer.builder().uris(redis.uri())).blocking(WAIT);
        String channel = layer.newChannel("specific");
        byte[] queue = bytes(prefix + channel.substring(0, channel.indexOf('!') + 1));
        byte[] twelve = new byte[12];
        raw.zadd(queue, 1e9 * 2, bytes("short"));
        raw.zadd(queue, 1e9 * 2 + 1, concat(twelve, new byte[] {(byte) 0xc1, 1, 2}));
        raw.zadd(queue, 1e9 * 2 + 2, concat(twelve, MsgPack.encode(List.of(1, 2))));
        raw.zadd(queue, 1e9 * 2 + 3, concat(twelve, MsgPack.encode(Map.of("no", "type", "__asgi_channel__", channel))));
        raw.zadd(queue, 1e9 * 2 + 4, concat(twelve, MsgPack.encode(Map.of("type", "x", "__asgi_channel__", "specific.other!x"))));
        layer.send(channel, Message.of("good.message"));
        assertThat(layer.receive(channel).type()).isEqualTo("good.message");
    }

    @Test
    @DisplayName("normal channels (no '!') are worker queues any process can read")
    void normalChannels() {
        RedisServer redis = server();
        BlockingChannelLayer producer = layer(RedisChannelLayer.builder().uris(redis.uri())).blocking(WAIT);
        BlockingChannelLayer worker = layer(RedisChannelLayer.builder().uris(redis.uri())).blocking(WAIT);
        producer.send("thumbnails.generate", Message.of("job", "id", 1));
        producer.send("thumbnails.generate", Message.of("job", "id", 2));
        assertThat(worker.receive("thumbnails.generate").get("id")).isEqualTo(1);
        assertThat(worker.receive("thumbnails.generate").get("id")).isEqualTo(2);
    }

    @Test
    @DisplayName("memberships of live channels are renewed before the group expiry; stale foreign ones expire")
    void membershipsOfLiveChannelsAreRenewed() {
        RedisServer redis = server();
        RedisCommands<byte[], byte[]> raw = raw(redis);
        RedisChannelLayer layer = layer(RedisChannelLayer.builder().uris(redis.uri()).groupExpiry(Duration.ofSeconds(2)));
        BlockingChannelLayer blocking = layer.blocking(WAIT);
        String live = blocking.newChannel("specific");
        blocking.groupAdd("lasting", live);
        blocking.groupAdd("lasting", "specific.elsewhere!gone");
        layer.receive(live); // a consumer waiting for its next message
        // a group send drops the memberships older than the group expiry, as channels_redis' does
        awaitCondition("the foreign membership expired", Duration.ofSeconds(10), () -> {
            blocking.groupSend("lasting", Message.of("still.here"));
            return raw.zscore(bytes(prefix + ":group:lasting"), bytes("specific.elsewhere!gone")) == null;
        });
        assertThat(raw.zscore(bytes(prefix + ":group:lasting"), bytes(live))).as("renewed").isNotNull();
    }

    @Test
    @DisplayName("Sentinel: a redis-sentinel:// URI finds the master and the layer works through it")
    void sentinel() {
        RedisServer master = server();
        RedisServer sentinel = track(RedisServer.spawnSentinel(master));
        BlockingChannelLayer layer = layer(RedisChannelLayer.builder()
                .uris("redis-sentinel://127.0.0.1:" + sentinel.port() + "#mymaster")).blocking(WAIT);
        String channel = layer.newChannel("specific");
        layer.groupAdd("via.sentinel", channel);
        layer.groupSend("via.sentinel", Message.of("hello.sentinel"));
        assertThat(layer.receive(channel).type()).isEqualTo("hello.sentinel");
        assertThat(raw(master).exists(bytes(prefix + ":group:via.sentinel"))).as("stored on the master").isEqualTo(1);
    }

    @Test
    @DisplayName("a layer uses two connections per shard, whatever the number of channels and calling threads")
    void boundedConnections() throws Exception {
        RedisServer redis = server();
        RedisCommands<byte[], byte[]> raw = raw(redis);
        RedisChannelLayer layer = layer(RedisChannelLayer.builder().uris(redis.uri()));
        BlockingChannelLayer blocking = layer.blocking(WAIT);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            channels.add(blocking.newChannel("specific"));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String channel : channels) {
                done.add(pool.submit(() -> {
                    blocking.groupAdd("crowd", channel);
                    blocking.send(channel, Message.of("hello"));
                    return blocking.receive(channel);
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        blocking.groupSend("crowd", Message.of("everyone"));
        for (String channel : channels) {
            assertThat(blocking.receive(channel).type()).isEqualTo("everyone");
        }
        long clients = raw.clientList().lines().count() - 1; // less this test's own
        assertThat(clients).as("one command and one reader connection").isEqualTo(2);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
