package dev.notify.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.notify.consumer.WorkerConsumer;
import dev.notify.consumer.WorkerContext;
import dev.notify.core.routing.ChannelNameRouter;
import dev.notify.core.runtime.NotifyWorker;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.Message;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Named-channel workers across Java and Django Channels on the same Redis: a Django
 * {@code channel_layer.send("thumbnails", ...)} reaches a Java {@link NotifyWorker}, and a Java send
 * reaches Channels' own {@code Worker} (what {@code runworker} runs). Fails (never skips) when
 * channels_redis is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChannelsRedisWorkerInteropTest {
    private static RedisServer redis;

    @BeforeAll
    static void start() {
        PythonPeer.requireChannelsRedis();
        redis = RedisServer.shared();
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    private static Map<String, String> pythonEnv(String prefix) {
        return Map.of("HOSTS", redis.uri(), "PREFIX", prefix, "LAYER", "core", "KEYS", "",
                "GROUP_EXPIRY", Long.toString(RedisLayerOptions.DEFAULT_GROUP_EXPIRY.toSeconds()));
    }

    @Test
    @DisplayName("a Django send to a named channel reaches a Java worker, every value type intact")
    void djangoSendReachesJavaWorker() throws Exception {
        String prefix = RedisServer.uniquePrefix();
        BlockingQueue<Message> handled = new LinkedBlockingQueue<>();
        WorkerConsumer thumbnails = new WorkerConsumer() {
            public void interopRichMessage(WorkerContext context, Message message) {
                handled.add(message);
            }
        };
        try (ChannelLayer layer = RedisChannelLayer.create(RedisLayerOptions.builder().uris(redis.uri()).prefix(prefix).build());
                NotifyWorker worker = NotifyWorker.builder().layer(layer)
                        .router(ChannelNameRouter.builder().channel("thumbnails", () -> thumbnails).build())
                        .build().start()) {
            for (int i = 0; i < 2; i++) {
                try (PythonPeer python = PythonPeer.start(pythonEnv(prefix), "send", "thumbnails")) {
                    python.awaitDone();
                }
            }
            assertThat(handled.poll(20, TimeUnit.SECONDS)).isEqualTo(ChannelsRedisInteropTest.RICH);
            assertThat(handled.poll(20, TimeUnit.SECONDS)).isEqualTo(ChannelsRedisInteropTest.RICH);
            layer.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("a Java send to a named channel reaches Channels' Worker running a ChannelNameRouter")
    void javaSendReachesDjangoWorker() throws Exception {
        String prefix = RedisServer.uniquePrefix();
        try (ChannelLayer layer = RedisChannelLayer.create(RedisLayerOptions.builder().uris(redis.uri()).prefix(prefix).build());
                PythonPeer python = PythonPeer.start(pythonEnv(prefix), "worker", "thumbnails", "2")) {
            assertThat(python.next().get("worker").asText()).isEqualTo("thumbnails");
            layer.blocking(Duration.ofSeconds(10)).send("thumbnails", ChannelsRedisInteropTest.RICH);
            layer.blocking(Duration.ofSeconds(10)).send("thumbnails", ChannelsRedisInteropTest.RICH);
            for (int i = 0; i < 2; i++) {
                JsonNode seen = python.next();
                assertThat(seen.get("type").asText()).isEqualTo("interop.rich.message");
                assertThat(seen.get("check").asText()).as("send from Java, seen by a Django worker").isEqualTo("ok");
            }
            python.awaitDone();
            layer.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
