package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.netty.WsClient;
import dev.notify.redis.RedisServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a client sends reaches the app's log escaped and cut short: it cannot forge log lines or flood the log. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClientTextLogTest {
    @TempDir
    Path directory;

    @Test
    void theConsumerLogsClientTextEscapedAndCut() throws Exception {
        String forged = "hello\n12:00:00.000 [main] WARN Site - admin password reset\r\u001b[2J";
        String flood = "x".repeat(100_000);
        try (AppProcess app = AppProcess.launch(directory, Map.of("NOTIFY_LAYER", "inmemory", "NOTIFY_DB_URL", TestDatabases.url(directory),
                "NOTIFY_PORT", Integer.toString(RedisServer.freePort()))).awaitReady();
             WsClient client = WsClient.connect(app.ws())) {
            client.send(forged + flood);
            assertThat(client.receive()).isEqualTo("{\"status\": \"Data received!\"}"); // logged before it answered

            String log = app.stdout();
            assertThat(log).contains("hello\\n12:00:00.000 [main] WARN Site - admin password reset\\r\\u001b[2J");
            assertThat(log.lines()).noneMatch(line -> line.startsWith("12:00:00.000 [main] WARN"));
            assertThat(log).doesNotContain("\u001b").doesNotContain("x".repeat(1000));
        }
    }
}
