package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.notify.config.InvalidConfigurationException;
import dev.notify.config.NotifyConfig;
import dev.notify.examples.notifications.store.Database;
import dev.notify.redis.RedisLayerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AppConfigTest {
    @TempDir
    Path directory;

    private static AppConfig fromEnvironment(Map<String, String> environment) {
        return AppConfig.from(NotifyConfig.fromEnvironment(environment));
    }

    @Test
    void defaultsToOneLocalProcessOnPort8000WithTheInMemoryLayerAndAnH2File() {
        AppConfig config = fromEnvironment(Map.of());

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.layer()).isEqualTo("inmemory");
        assertThat(config.role()).isEqualTo(Role.ALL);
        assertThat(config.dbUrl()).isEqualTo(Database.DEFAULT_URL).startsWith("jdbc:h2:file:./data/notify;");
        assertThat(config.adminUser()).isEmpty();
        assertThat(config.workersInProcess()).isTrue();
        assertThat(AppRoutes.allowedOrigins(config)).containsExactly("localhost", "127.0.0.1", "[::1]");
        assertThat(AppRoutes.allowedHosts(config)).containsExactly(".localhost", "127.0.0.1", "[::1]");
        assertThat(config.jwtSecret()).as("token login is off").isEmpty();
    }

    @Test
    void allowsTheConfiguredHostOrTheListedHostsAndTakesATokenSecretOfAtLeast32Bytes() {
        assertThat(AppRoutes.allowedHosts(fromEnvironment(Map.of("NOTIFY_HOST", "192.168.1.5")))).endsWith("192.168.1.5");
        assertThat(AppRoutes.allowedHosts(fromEnvironment(Map.of("NOTIFY_HOST", "0.0.0.0")))).doesNotContain("0.0.0.0");
        AppConfig listed = fromEnvironment(Map.of("NOTIFY_ALLOWED_HOSTS", "notify.example.com, .corp.example",
                "NOTIFY_JWT_SECRET", "x".repeat(32)));
        assertThat(AppRoutes.allowedHosts(listed)).containsExactly("notify.example.com", ".corp.example");
        assertThat(listed.jwtSecret()).contains("x".repeat(32));
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_JWT_SECRET", "s3cr3t")))
                .hasMessageContaining("NOTIFY_JWT_SECRET is too short for HS256; use at least 32 bytes")
                .as("the secret is not repeated").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void readsEveryEnvironmentVariableOfTheIssue() {
        AppConfig config = fromEnvironment(Map.of(
                "NOTIFY_HOST", "0.0.0.0",
                "NOTIFY_PORT", "9000",
                "NOTIFY_LAYER", "redis-pubsub",
                "NOTIFY_REDIS_URL", "redis://10.0.0.5:6380",
                "NOTIFY_DB_URL", "jdbc:postgresql://db:5432/notify",
                "NOTIFY_ROLE", "ws",
                "NOTIFY_ALLOWED_ORIGINS", "https://a.example, .b.example",
                "NOTIFY_ADMIN_USER", "root",
                "NOTIFY_ADMIN_PASSWORD", "long enough",
                "NOTIFY_WS_URL", "ws://127.0.0.1:8001/ws/test/"));

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.layer()).isEqualTo("redis-pubsub");
        assertThat(config.redisUrl()).isEqualTo("redis://10.0.0.5:6380");
        assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://db:5432/notify");
        assertThat(config.role()).isEqualTo(Role.WS);
        assertThat(config.allowedOrigins()).containsExactly("https://a.example", ".b.example");
        assertThat(config.adminUser()).contains("root");
        assertThat(config.adminPassword()).contains("long enough");
        assertThat(config.wsUrl()).contains("ws://127.0.0.1:8001/ws/test/");
    }

    @Test
    void takesTheNatsLayerWithOneOrSeveralServers() {
        AppConfig config = fromEnvironment(Map.of("NOTIFY_LAYER", "nats", "NOTIFY_ROLE", "ws",
                "NOTIFY_NATS_URL", "nats://10.0.0.5:4222,tls://u:secret@10.0.0.6:4222"));

        assertThat(config.layer()).isEqualTo("nats");
        assertThat(config.natsUrl()).isEqualTo("nats://10.0.0.5:4222,tls://u:secret@10.0.0.6:4222");
        assertThat(fromEnvironment(Map.of("NOTIFY_LAYER", "nats")).natsUrl()).isEqualTo("nats://127.0.0.1:4222");
        assertThat(fromEnvironment(Map.of("NOTIFY_LAYER", "nats", "NOTIFY_REDIS_URL", "not checked for nats")).layer())
                .isEqualTo("nats");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "redis://127.0.0.1:6379",
            "redis://:secret@127.0.0.1:6379/2",
            "rediss://127.0.0.1:6380",
            "redis://127.0.0.1:7000,redis://127.0.0.1:7001",
            "redis://127.0.0.1:7000, rediss://10.0.0.6:7001",
            "redis-sentinel://127.0.0.1:26379/0#mymaster",
            "redis-sentinel://127.0.0.1:26379,127.0.0.1:26380/0#mymaster",
            "redis-sentinel://:secret@127.0.0.1:26379#mymaster"})
    void takesEveryRedisUrlTheRedisLayersTake(String url) {
        for (String layer : List.of("redis", "redis-pubsub")) {
            AppConfig config = fromEnvironment(Map.of("NOTIFY_LAYER", layer, "NOTIFY_REDIS_URL", url, "NOTIFY_ROLE", "ws"));

            assertThat(config.redisUrl()).isEqualTo(url.strip());
            assertThat(RedisLayerOptions.fromConfig(config.source().overriding(
                    NotifyConfig.fromMap(Map.of(AppConfig.REDIS_URL, config.redisUrl())))).uris()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"localhost:6379", "http://127.0.0.1:6379", "redis://127.0.0.1:6379,localhost:6380",
            "redis-sentinel://127.0.0.1:26379", "http://:secret@127.0.0.1:6379"})
    void refusesWhatTheRedisLayersRefuseWithTheFixAndWithoutThePassword(String url) {
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_URL", url)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("NOTIFY_REDIS_URL=" + AppConfig.redact(url) + " is not a Redis URL; write redis://HOST:PORT"
                        + " (rediss:// for TLS, several comma-separated to shard, redis-sentinel://HOST:PORT/0#MASTER for Sentinel)")
                .hasMessageNotContaining("secret");
    }

    @Test
    void readsAPropertiesFileInEitherSpellingWithTheEnvironmentWinning() throws IOException {
        Path file = directory.resolve("notify.properties");
        Files.writeString(file, "notify.port=8100\nNOTIFY_LAYER=redis\nnotify.allowed-origins=https://x.example\n");

        NotifyConfig merged = AppConfig.load(Map.of("NOTIFY_PORT", "8200"), Optional.of(file.toString()));
        AppConfig config = AppConfig.from(merged);

        assertThat(config.port()).isEqualTo(8200);
        assertThat(config.layer()).isEqualTo("redis");
        assertThat(config.allowedOrigins()).containsExactly("https://x.example");
    }

    @Test
    void namesAnUnreadableConfigurationFile() {
        assertThatThrownBy(() -> AppConfig.load(Map.of(), Optional.of(directory.resolve("missing.properties").toString())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("missing.properties cannot be read");
    }

    @Test
    void reportsEveryBadKeyAtOnceWithItsFix() {
        InvalidConfigurationException e = (InvalidConfigurationException) catchThrowable(() ->
                fromEnvironment(Map.of(
                        "NOTIFY_PORT", "eighty",
                        "NOTIFY_LAYER", "kafka",
                        "NOTIFY_DB_URL", "jdbc:mysql://db/notify",
                        "NOTIFY_ROLE", "both",
                        "NOTIFY_ADMIN_USER", "admin")));

        assertThat(e.problems()).containsExactly(
                "NOTIFY_PORT=eighty is not a port; use a number from 1 to 65535 (0 picks a free port)",
                "NOTIFY_LAYER=kafka is not a layer; use one of inmemory, redis, redis-pubsub, nats",
                "NOTIFY_DB_URL=jdbc:mysql://db/notify is not a JDBC URL this app supports; use jdbc:h2:file:./data/notify"
                        + " or jdbc:postgresql://HOST:5432/DATABASE?user=USER&password=PASSWORD",
                "NOTIFY_ROLE=both is not a role; use all, http or ws",
                "set both NOTIFY_ADMIN_USER and NOTIFY_ADMIN_PASSWORD to create the admin user, or neither");
    }

    @Test
    void capsHomeAtThirtySecondsOfCountTimesDelayUnlessConfigured() {
        assertThat(fromEnvironment(Map.of()).homeMaxDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fromEnvironment(Map.of("NOTIFY_HOME_MAX_DURATION", "2m")).homeMaxDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_HOME_MAX_DURATION", "forever")))
                .hasMessageContaining("NOTIFY_HOME_MAX_DURATION=forever is not a duration; write one such as 30s or 2m");
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_HOME_MAX_DURATION", "0")))
                .hasMessageContaining("NOTIFY_HOME_MAX_DURATION=0 is not a duration");
    }

    @Test
    void takesTheWorkersOffOrRefusesAnUnknownChoice() {
        assertThat(fromEnvironment(Map.of("NOTIFY_WORKERS", "off")).workersInProcess()).isFalse();
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_WORKERS", "elsewhere")))
                .hasMessageContaining("NOTIFY_WORKERS=elsewhere is not a choice; use in-process (the default) or off");
    }

    @Test
    void refusesTwoProcessModeWithoutASharedLayer() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_ROLE", "http")))
                .hasMessageContaining("NOTIFY_ROLE=http needs a layer that crosses processes; set NOTIFY_LAYER=redis");
    }

    @Test
    void refusesOutOfRangePortsBadRedisUrlsAndWeakPasswords() {
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_PORT", "70000"))).hasMessageContaining("NOTIFY_PORT=70000 is not a port");
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_URL", "localhost:6379")))
                .hasMessageContaining("NOTIFY_REDIS_URL=localhost:6379 is not a Redis URL");
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_LAYER", "nats", "NOTIFY_NATS_URL", "nats://a:4222,b:4222")))
                .hasMessageContaining("NOTIFY_NATS_URL=nats://a:4222,b:4222 is not a list of NATS URLs; write nats://HOST:PORT");
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_LAYER", "nats", "NOTIFY_NATS_URL", "redis://:pw@a:6379")))
                .hasMessageContaining("NOTIFY_NATS_URL=redis://***@a:6379 is not a list of NATS URLs")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> fromEnvironment(Map.of("NOTIFY_ADMIN_USER", "admin", "NOTIFY_ADMIN_PASSWORD", "short")))
                .hasMessageContaining("NOTIFY_ADMIN_PASSWORD is too weak");
    }

    @Test
    void keepsPasswordsOutOfUrlsInMessages() {
        assertThat(AppConfig.redact("jdbc:postgresql://db/notify?user=u&password=secret")).isEqualTo("jdbc:postgresql://db/notify");
        assertThat(AppConfig.redact("redis://:secret@127.0.0.1:6379")).isEqualTo("redis://***@127.0.0.1:6379");
    }

    @Test
    void addsAConfiguredHostToTheLocalOrigins() {
        AppConfig config = fromEnvironment(Map.of("NOTIFY_HOST", "notify.lan"));

        assertThat(AppRoutes.allowedOrigins(config)).containsExactly("localhost", "127.0.0.1", "[::1]", "notify.lan");
    }
}
