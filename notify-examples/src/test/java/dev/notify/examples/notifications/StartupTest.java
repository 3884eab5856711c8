package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.redis.RedisServer;
import dev.notify.tck.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A start refused for its configuration ends with one line on standard error that says what to fix. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartupTest {
    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("NOTIFY_DB_URL", TestDatabases.url(directory));
        env.putAll(environment);
        return NotificationApp.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errorLine() {
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).as("standard error: %s", text).hasSize(1);
        return text.strip();
    }

    @Test
    void refusesABadPort() {
        assertThat(run(Map.of("NOTIFY_PORT", "80800"))).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(errorLine()).isEqualTo("notify: cannot start: NOTIFY_PORT=80800 is not a port;"
                + " use a number from 1 to 65535 (0 picks a free port)");
    }

    @Test
    void refusesAnUnknownLayer() {
        assertThat(run(Map.of("NOTIFY_LAYER", "kafka"))).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(errorLine()).contains("NOTIFY_LAYER=kafka is not a layer; use one of inmemory, redis, redis-pubsub");
    }

    @Test
    void refusesAnUnreachableRedis() throws IOException {
        int nobody = RedisServer.freePort();

        int code = run(Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_URL", "redis://127.0.0.1:" + nobody, "NOTIFY_PORT", "0"));

        assertThat(code).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(errorLine()).startsWith("notify: cannot start: NOTIFY_REDIS_URL=redis://127.0.0.1:" + nobody)
                .contains("cannot reach Redis", "start redis-server there or fix the URL");
    }

    @Test
    void refusesARedisClusterGivenASentinelUrl() {
        int code = run(Map.of("NOTIFY_LAYER", "redis", "NOTIFY_REDIS_CLUSTER", "true",
                "NOTIFY_REDIS_URL", "redis-sentinel://127.0.0.1:26379/0#mymaster", "NOTIFY_PORT", "0"));

        assertThat(code).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(errorLine()).startsWith("notify: cannot start: ")
                .contains("notify.redis.cluster=true with notify.redis.url", "is a Sentinel URI", "list cluster nodes as redis://host:port");
    }

    @Test
    void refusesAnUnreachableNats() throws IOException {
        int nobody = ServerProcess.freePort();

        int code = run(Map.of("NOTIFY_LAYER", "nats", "NOTIFY_NATS_URL", "nats://app:hunter2@127.0.0.1:" + nobody,
                "NOTIFY_PORT", "0"));

        assertThat(code).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(errorLine()).startsWith("notify: cannot start: NOTIFY_NATS_URL=nats://***@127.0.0.1:" + nobody
                        + " (NOTIFY_LAYER=nats): cannot reach NATS")
                .contains("start nats-server there or fix the URL")
                .doesNotContain("hunter2");
    }

    @Test
    void refusesADatabaseThatDoesNotOpen() throws IOException {
        int nobody = RedisServer.freePort();

        int code = run(Map.of("NOTIFY_DB_URL", "jdbc:postgresql://127.0.0.1:" + nobody + "/notify?user=u&password=secret",
                "NOTIFY_PORT", "0"));

        assertThat(code).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(errorLine()).startsWith("notify: cannot start: NOTIFY_DB_URL=jdbc:postgresql://127.0.0.1:" + nobody + "/notify:")
                .contains("cannot open the database").doesNotContain("secret");
    }

    @Test
    void refusesAJdbcUrlOfAnotherDatabase() {
        assertThat(run(Map.of("NOTIFY_DB_URL", "jdbc:sqlite:notify.db"))).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(errorLine()).contains("NOTIFY_DB_URL=jdbc:sqlite:notify.db is not a JDBC URL this app supports");
    }

    @Test
    void refusesATakenPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = run(Map.of("NOTIFY_PORT", Integer.toString(taken.getLocalPort())));

            assertThat(code).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
            assertThat(errorLine()).contains("NOTIFY_PORT=" + taken.getLocalPort() + ": cannot listen there");
        }
    }

    @Test
    void aRealProcessPrintsOneLineAndNoStackTrace() throws Exception {
        AppProcess process = AppProcess.launch(directory, Map.of("NOTIFY_LAYER", "kafka", "NOTIFY_PORT", "nope"));

        assertThat(process.awaitExit()).isEqualTo(NotificationApp.EXIT_CONFIGURATION);
        assertThat(process.stderr().lines()).singleElement().asString()
                .startsWith("notify: cannot start: NOTIFY_PORT=nope is not a port")
                .contains("NOTIFY_LAYER=kafka is not a layer");
        assertThat(process.stdout()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void printsUsage() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("createsuperuser", "runserver");
    }
}
