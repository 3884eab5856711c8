package dev.notify.examples.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.config.NotifyConfig;
import dev.notify.examples.notifications.admin.PasswordHasher;
import dev.notify.examples.notifications.store.Database;
import dev.notify.examples.notifications.store.TestDatabases;
import dev.notify.examples.notifications.store.UserStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManagementCommandsTest {
    @TempDir
    Path directory;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PasswordHasher hasher = new PasswordHasher(1000);

    private ManagementCommands commands(Map<String, String> environment, String... answers) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("NOTIFY_DB_URL", TestDatabases.url(directory));
        AppConfig config = AppConfig.from(NotifyConfig.fromEnvironment(env));
        Deque<String> script = new ArrayDeque<>(List.of(answers));
        ManagementCommands.Prompter prompter = new ManagementCommands.Prompter() {
            @Override
            public String line(String prompt) {
                return script.poll();
            }

            @Override
            public String password(String prompt) {
                return script.poll();
            }
        };
        return new ManagementCommands(config, Optional.of(prompter), new PrintStream(output, true, StandardCharsets.UTF_8), hasher);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private boolean canLogIn(String username, String password) throws SQLException {
        try (Database database = TestDatabases.open(directory)) {
            return new UserStore(database, Clock.systemUTC()).find(username)
                    .map(u -> hasher.verify(password, u.passwordHash())).orElse(false);
        }
    }

    @Test
    void createsASuperuserInteractively() throws SQLException {
        int code = commands(Map.of(), "ops", "a long password", "a long password").createSuperuser(List.of());

        assertThat(code).isZero();
        assertThat(output()).contains("Superuser created successfully.");
        assertThat(canLogIn("ops", "a long password")).isTrue();
    }

    @Test
    void asksAgainWhenThePasswordsDoNotMatch() throws SQLException {
        int code = commands(Map.of(), "", "a long password", "a long passwort", "another password", "another password")
                .createSuperuser(List.of());

        assertThat(code).isZero();
        assertThat(output()).contains("Error: Your passwords didn't match.");
        assertThat(canLogIn("admin", "another password")).isTrue();
    }

    @Test
    void createsASuperuserFromTheEnvironmentWithNoInput() throws SQLException {
        int code = commands(Map.of("NOTIFY_ADMIN_USER", "admin", "NOTIFY_ADMIN_PASSWORD", "from the env"))
                .createSuperuser(List.of("--noinput"));

        assertThat(code).isZero();
        assertThat(canLogIn("admin", "from the env")).isTrue();
    }

    @Test
    void refusesATakenNameAndAMissingPassword() throws SQLException {
        commands(Map.of(), "admin", "a long password", "a long password").createSuperuser(List.of());

        assertThat(commands(Map.of()).createSuperuser(List.of("--username", "admin"))).isEqualTo(1);
        assertThat(output()).contains("Error: That username is already taken.");
        assertThat(commands(Map.of()).createSuperuser(List.of("--noinput"))).isEqualTo(1);
    }

    @Test
    void changesAPassword() throws SQLException {
        commands(Map.of(), "admin", "a long password", "a long password").createSuperuser(List.of());

        int code = commands(Map.of(), "a new password", "a new password").changePassword(List.of("admin"));

        assertThat(code).isZero();
        assertThat(canLogIn("admin", "a new password")).isTrue();
        assertThat(canLogIn("admin", "a long password")).isFalse();
    }
}
