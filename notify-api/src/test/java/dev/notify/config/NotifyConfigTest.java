package dev.notify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NotifyConfigTest {

    @Test
    void environmentNamesMapToKeys() {
        NotifyConfig env = NotifyConfig.fromEnvironment(Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_GROUP_EXPIRY", "2h", "PATH", "/bin"));
        assertThat(env.lookup("notify.layer")).isEqualTo("redis");
        assertThat(env.lookup("notify.redis.group-expiry")).isEqualTo("2h");
        assertThat(env.keys()).containsExactlyInAnyOrder("notify.layer", "notify.redis.group.expiry");
        assertThat(NotifyConfig.environmentName("notify.redis.group-expiry")).isEqualTo("NOTIFY_REDIS_GROUP_EXPIRY");
    }

    @Test
    void overridingPrefersTheHigherSource() {
        NotifyConfig file = NotifyConfig.fromMap(Map.of("notify.layer", "inmemory", "notify.server.port", "8000"));
        NotifyConfig env = NotifyConfig.fromMap(Map.of("notify.layer", "redis"));
        NotifyConfig config = file.overriding(env);
        assertThat(config.get("notify.layer")).isEqualTo("redis");
        assertThat(config.get("notify.server.port")).isEqualTo("8000");
        assertThat(config.get("notify.missing", "fallback")).isEqualTo("fallback");
        assertThat(config.keys()).containsExactlyInAnyOrder("notify.layer", "notify.server.port");
    }

    @Test
    void propertiesFilesTakeEitherSpelling(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notify.properties");
        Files.writeString(file, "NOTIFY_LAYER=redis\nnotify.redis.url=redis://127.0.0.1:6380\nother=ignored\n");
        NotifyConfig config = NotifyConfig.fromFile(file);
        assertThat(config.get("notify.layer")).isEqualTo("redis");
        assertThat(config.get("notify.redis.url")).isEqualTo("redis://127.0.0.1:6380");
        assertThat(config.keys()).containsExactlyInAnyOrder("notify.layer", "notify.redis.url");
    }

    @Test
    void parsesDurationsInEveryForm() {
        assertThat(NotifyConfig.parseDuration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(NotifyConfig.parseDuration("k", "60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(NotifyConfig.parseDuration("k", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(NotifyConfig.parseDuration("k", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(NotifyConfig.parseDuration("k", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(NotifyConfig.parseDuration("k", "PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(NotifyConfig.parseDuration("k", "86400")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> NotifyConfig.parseDuration("notify.x.expiry", "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notify.x.expiry=soon")
                .hasMessageContaining("60s");
    }

    @Test
    void invalidConfigurationListsEveryProblem() {
        InvalidConfigurationException e = new InvalidConfigurationException(java.util.List.of("a is bad", "b is bad"));
        assertThat(e.getMessage()).contains("a is bad").contains("b is bad");
        assertThat(e.problems()).hasSize(2);
    }
}
