package dev.notify.netty;

import static dev.notify.tck.Await.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.redis.RedisChannelLayer;
import dev.notify.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@DisplayName("NotifyServer on the Redis layer: however a connection ends, its groups are left in Redis")
class NotifyServerRedisTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static RedisServer redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> commands;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.spawn();
        client = RedisClient.create(redis.uri());
        commands = client.connect();
    }

    @AfterAll
    static void stopRedis() {
        if (client != null) {
            commands.close();
            client.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @DisplayName("corrupt permessage-deflate data: close 1007, one disconnect, and the membership is gone from Redis")
    void corruptCompressedData() throws Exception {
        String prefix = "asgi-netty-" + UUID.randomUUID().toString().substring(0, 8);
        String groupKey = prefix + ":group:zombies";
        MembershipLayer layer = new MembershipLayer(RedisChannelLayer.builder().uris(redis.uri()).prefix(prefix).build());
        try (TestApp app = new TestApp(UnaryOperator.identity(), layer)) {
            try (RawWebSocket raw = RawWebSocket.connect(app.port, "/ws/group/zombies/",
                    Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
                assertThat(raw.handshake.status()).isEqualTo(101);
                assertThat(commands.sync().zcard(groupKey)).isEqualTo(1);
                raw.send(true, true, RawWebSocket.TEXT, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 1, 2});
                RawWebSocket.Frame close = raw.readData(WAIT);
                assertThat(close.closeCode()).isEqualTo(1007);
            }
            assertThat(app.awaitDisconnect().status().code()).isEqualTo(1007);
            awaitCondition("the membership is gone from Redis", () -> commands.sync().zcard(groupKey) == 0);
            app.server.close();
            assertThat(app.disconnects).isEmpty();
        }
    }
}
