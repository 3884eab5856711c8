package dev.notify.redis;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notify.layer.BlockingChannelLayer;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * notify's Redis layers and Django Channels' channels_redis 4.0 on the same Redis, both ways, with
 * the real Python packages. Fails (never skips) when they are not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChannelsRedisInteropTest {
    /** The same message as RICH in interop/channels_redis_peer.py. */
    static final Message RICH = Message.builder("interop.rich.message")
            .put("text", "h\u00e9llo \u2713")
            .put("int", 42)
            .put("big", 1L << 40)
            .put("neg", -7)
            .put("float", 1.5)
            .put("true", true)
            .put("false", false)
            .put("none", null)
            .put("bytes", new byte[] {0, 1, (byte) 0xff})
            .put("list", List.of(1, "a", List.of(), 2.25))
            .put("map", Map.of("inner", Map.of("deep", List.of(1, 2)), "s", "x"))
            .build();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RedisServer first;
    private static RedisServer second;

    @BeforeAll
    static void start() {
        PythonPeer.requireChannelsRedis();
        first = RedisServer.shared();
        second = RedisServer.spawn();
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static ChannelLayer javaLayer(String kind, List<String> uris, String prefix, String... keys) {
        RedisLayerOptions.Builder<RedisLayerOptions> options = RedisLayerOptions.builder()
                .uris(uris.toArray(new String[0])).prefix(prefix).symmetricEncryptionKeys(keys);
        return "pubsub".equals(kind) ? RedisPubSubChannelLayer.create(options.build()) : RedisChannelLayer.create(options.build());
    }

    /** @return the subscribers of a pub/sub channel, over every shard */
    private static long subscribers(List<String> uris, String channel) {
        long total = 0;
        for (String uri : uris) {
            RedisClient client = RedisClient.create(uri);
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                total += connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
            } finally {
                client.shutdown();
            }
        }
        return total;
    }

    private static Map<String, String> pythonEnv(String kind, List<String> uris, String prefix, String... keys) {
        Map<String, String> env = new HashMap<>();
        env.put("HOSTS", String.join(",", uris));
        env.put("PREFIX", prefix);
        env.put("LAYER", kind);
        env.put("KEYS", String.join(",", keys));
        return env;
    }

    /** Java group_send and send reach a Python consumer in the group; then Python reaches Java. */
    private static void bothWays(String kind, List<String> uris, String... keys) {
        String prefix = RedisServer.uniquePrefix();
        try (ChannelLayer layer = javaLayer(kind, uris, prefix, keys)) {
            BlockingChannelLayer java = layer.blocking(WAIT);

            // Java -> Python: group_send, then a direct send to the Python process's channel
            try (PythonPeer python = PythonPeer.start(pythonEnv(kind, uris, prefix, keys), "receive", "interop.group", "2")) {
                String pythonChannel = python.next().get("channel").asText();
                if ("pubsub".equals(kind)) {
                    // at most once: a message published before Redis has the peer's SUBSCRIBE is lost
                    awaitCondition("the Python peer subscribed to the group",
                            () -> subscribers(uris, prefix + "__group__interop.group") > 0);
                }
                java.groupSend("interop.group", RICH);
                JsonNode viaGroup = python.next();
                assertThat(viaGroup.get("type").asText()).isEqualTo("interop.rich.message");
                assertThat(viaGroup.get("check").asText()).as("group_send from Java, seen by Python").isEqualTo("ok");
                java.send(pythonChannel, RICH);
                assertThat(python.next().get("check").asText()).as("send from Java, seen by Python").isEqualTo("ok");
                python.awaitDone();
            }

            // Python -> Java: group_send to a group with a Java channel, then a direct send to it
            String javaChannel = java.newChannel("specific");
            java.groupAdd("interop.back", javaChannel);
            try (PythonPeer python = PythonPeer.start(pythonEnv(kind, uris, prefix, keys), "group_send", "interop.back")) {
                python.awaitDone();
            }
            assertThat(java.receive(javaChannel)).as("group_send from Python, seen by Java").isEqualTo(RICH);
            if (uris.size() == 1) {
                // channels_redis 4.0 writes a direct send to the shard of the full channel name,
                // which with several shards is not the one its receiver reads (see RedisChannelLayer)
                try (PythonPeer python = PythonPeer.start(pythonEnv(kind, uris, prefix, keys), "send", javaChannel)) {
                    python.awaitDone();
                }
                assertThat(java.receive(javaChannel)).as("send from Python, seen by Java").isEqualTo(RICH);
            }
            java.flush();
        }
    }

    @ParameterizedTest(name = "{0} layer")
    @ValueSource(strings = {"core", "pubsub"})
    @DisplayName("group_send and send cross between Java and Python with every value type intact")
    void groupsAndDirectSendsBothWays(String kind) {
        bothWays(kind, List.of(first.uri()));
    }

    @ParameterizedTest(name = "{0} layer")
    @ValueSource(strings = {"core", "pubsub"})
    @DisplayName("group traffic crosses both ways over two sharded Redis servers")
    void shardedGroupsBothWays(String kind) {
        bothWays(kind, List.of(first.uri(), second.uri()));
    }

    @Test
    @DisplayName("encrypted messages cross both ways with shared symmetric keys")
    void encryptedBothWays() {
        bothWays("core", List.of(first.uri()), "interop-secret-new", "interop-secret-old");
    }
}
