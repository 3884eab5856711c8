package dev.notify.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.layer.ChannelLayer;
import dev.notify.layer.ChannelLayerException;
import dev.notify.spi.ChannelLayerProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisLayerProviderTest {

    @Test
    void bothProvidersAreFoundByServiceLoader() {
        assertThat(ServiceLoader.load(ChannelLayerProvider.class).stream().map(p -> p.get().name())
                .collect(Collectors.toSet())).contains("redis", "redis-pubsub");
    }

    @Test
    void readsEveryKey() {
        RedisLayerOptions options = RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.redis.url", "redis://127.0.0.1:7001, redis://127.0.0.1:7002",
                "notify.redis.prefix", "myapp",
                "notify.redis.capacity", "50",
                "notify.redis.channel-capacity", "http.request=200,websocket.*=20",
                "notify.redis.expiry", "30s",
                "notify.redis.group-expiry", "2h",
                "notify.redis.symmetric-encryption-keys", "new-secret,old-secret")));
        assertThat(options.uris()).containsExactly("redis://127.0.0.1:7001", "redis://127.0.0.1:7002");
        assertThat(options.prefix()).isEqualTo("myapp");
        assertThat(options.capacity()).isEqualTo(50);
        assertThat(options.channelCapacity()).containsExactly(Map.entry("http.request", 200), Map.entry("websocket.*", 20));
        assertThat(options.expiry()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.groupExpiry()).isEqualTo(Duration.ofHours(2));
        assertThat(options.symmetricEncryptionKeys()).containsExactly("new-secret", "old-secret");
        assertThat(options.toString()).doesNotContain("secret");
    }

    @Test
    void aSentinelUriKeepsItsSentinelsWhileShardsAreSplitBeforeEachScheme() {
        String sentinels = "redis-sentinel://127.0.0.1:26379,127.0.0.1:26380/0#mymaster";
        assertThat(RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of("notify.redis.url", sentinels))).uris())
                .containsExactly(sentinels);
        assertThat(RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of("notify.redis.url",
                "redis://127.0.0.1:7001," + sentinels + " , rediss://127.0.0.1:7003"))).uris())
                .containsExactly("redis://127.0.0.1:7001", sentinels, "rediss://127.0.0.1:7003");
    }

    @Test
    void defaultsMatchChannelsRedis() {
        RedisLayerOptions options = RedisLayerOptions.fromConfig(NotifyConfig.EMPTY);
        assertThat(options.uris()).containsExactly("redis://127.0.0.1:6379");
        assertThat(options.prefix()).isEqualTo("asgi");
        assertThat(options.capacity()).isEqualTo(100);
        assertThat(options.expiry()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.groupExpiry()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.toBuilder().capacity(5).build().capacity()).isEqualTo(5);
    }

    @Test
    void reportsEveryBadKeyTogether() {
        assertThatThrownBy(() -> RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.redis.url", "http://nope",
                "notify.redis.capacity", "-1",
                "notify.redis.channel-capacity", "websocket.*",
                "notify.redis.expiry", "soon"))))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).startsWith("notify.redis.url=http://nope"))
                        .anySatisfy(p -> assertThat(p).startsWith("notify.redis.capacity=-1"))
                        .anySatisfy(p -> assertThat(p).contains("websocket.*"))
                        .anySatisfy(p -> assertThat(p).startsWith("notify.redis.expiry=soon")));
    }

    @Test
    void clusterTakesSeveralSeedNodes() {
        RedisLayerOptions options = RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of(
                "notify.redis.cluster", "true",
                "notify.redis.url", "redis://127.0.0.1:7000,redis://127.0.0.1:7001")));
        assertThat(options.cluster()).isTrue();
        assertThat(options.uris()).containsExactly("redis://127.0.0.1:7000", "redis://127.0.0.1:7001");
        assertThat(options.toString()).contains("cluster=true");
        assertThat(RedisLayerOptions.fromConfig(NotifyConfig.EMPTY).cluster()).isFalse();
        assertThat(RedisLayerOptions.builder().cluster(true).uris("rediss://127.0.0.1:7000").build().cluster()).isTrue();
    }

    @Test
    void clusterRefusesWhatOnlyStandaloneServersTake() {
        Map<String, String> refused = Map.of(
                "redis-sentinel://127.0.0.1:26379/0#mymaster", "Sentinel URI",
                "redis://127.0.0.1:7000/2", "only database 0",
                "redis-socket:///tmp/redis.sock", "Unix socket",
                "redis://127.0.0.1:7000,rediss://127.0.0.1:7001", "mix redis:// and rediss://");
        refused.forEach((url, reason) -> {
            assertThatThrownBy(() -> RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of(
                    "notify.redis.cluster", "true", "notify.redis.url", url))))
                    .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                            .singleElement().satisfies(p -> assertThat(p)
                                    .startsWith("notify.redis.cluster=true with notify.redis.url: ").contains(reason)));
            assertThatThrownBy(() -> RedisLayerOptions.builder().cluster(true).uris(url.split(",")).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
            // without cluster mode, the same URLs are fine
            assertThat(RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of("notify.redis.url", url))).cluster()).isFalse();
        });
        assertThatThrownBy(() -> RedisLayerOptions.fromConfig(NotifyConfig.fromMap(Map.of("notify.redis.cluster", "yes"))))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactly("notify.redis.cluster=yes must be true or false (not a boolean)"));
    }

    @Test
    void unreachableClusterFailsAtStartWithTheSeedsAndCause() throws Exception {
        int port = RedisServer.freePort();
        for (ChannelLayerProvider provider : List.of(new RedisLayerProvider(), new RedisPubSubLayerProvider())) {
            assertThatThrownBy(() -> provider.create(NotifyConfig.fromMap(Map.of(
                    "notify.redis.cluster", "true", "notify.redis.url", "redis://127.0.0.1:" + port))))
                    .isInstanceOf(ChannelLayerException.class)
                    .hasMessageContaining("Redis Cluster via 127.0.0.1:" + port);
        }
    }

    @Test
    void unreachableRedisFailsAtStartWithTheAddressAndCause() throws Exception {
        int port = RedisServer.freePort();
        for (ChannelLayerProvider provider : List.of(new RedisLayerProvider(), new RedisPubSubLayerProvider())) {
            assertThatThrownBy(() -> provider.create(NotifyConfig.fromMap(Map.of("notify.redis.url", "redis://127.0.0.1:" + port))))
                    .isInstanceOf(ChannelLayerException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("refused");
        }
    }

    @Test
    void pubSubRefusesEncryptionKeys() {
        assertThatThrownBy(() -> new RedisPubSubLayerProvider().create(NotifyConfig.fromMap(Map.of(
                "notify.redis.symmetric-encryption-keys", "k"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("does not encrypt");
    }

    @Test
    void createsAWorkingLayerFromConfig() {
        try (RedisServer redis = RedisServer.shared();
                ChannelLayer layer = new RedisLayerProvider().create(NotifyConfig.fromMap(Map.of(
                        "notify.redis.url", redis.uri(), "notify.redis.prefix", RedisServer.uniquePrefix())))) {
            var blocking = layer.blocking(Duration.ofSeconds(5));
            String channel = blocking.newChannel("specific");
            blocking.send(channel, dev.notify.layer.Message.of("a.b"));
            assertThat(blocking.receive(channel).type()).isEqualTo("a.b");
            blocking.flush();
        }
    }
}
