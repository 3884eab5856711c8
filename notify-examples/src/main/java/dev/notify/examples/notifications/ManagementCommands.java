package dev.notify.examples.notifications;

import dev.notify.examples.notifications.admin.PasswordHasher;
import dev.notify.examples.notifications.store.Database;
import dev.notify.examples.notifications.store.UserStore;
import dev.notify.layer.Stages;
import java.io.Console;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Django's {@code createsuperuser} and {@code changepassword}, run as
 * {@code java -jar notify-examples.jar createsuperuser [--username NAME] [--noinput]} and
 * {@code java -jar notify-examples.jar changepassword [NAME]}. They only touch the database;
 * {@code changepassword} also ends every session of that user (the sessions live there too).
 */
final class ManagementCommands {
    /** Asks the person at the terminal. */
    interface Prompter {
        /**
         * @param prompt what to ask
         * @return the answer, or {@code null} at end of input
         */
        String line(String prompt);

        /**
         * @param prompt what to ask
         * @return the answer, not echoed, or {@code null} at end of input
         */
        String password(String prompt);

        /**
         * @param console the terminal
         * @return a prompter on it
         */
        static Prompter of(Console console) {
            return new Prompter() {
                @Override
                public String line(String prompt) {
                    return console.readLine("%s", prompt);
                }

                @Override
                public String password(String prompt) {
                    char[] chars = console.readPassword("%s", prompt);
                    return chars == null ? null : new String(chars);
                }
            };
        }
    }

    private static final int TRIES = 3;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

    private final AppConfig config;
    private final Optional<Prompter> prompter;
    private final PrintStream out;
    private final PasswordHasher hasher;

    /**
     * @param config the settings (database URL, NOTIFY_ADMIN_USER and NOTIFY_ADMIN_PASSWORD)
     * @param prompter the terminal, if there is one
     * @param out where to report
     * @param hasher hashes the new password
     */
    ManagementCommands(AppConfig config, Optional<Prompter> prompter, PrintStream out, PasswordHasher hasher) {
        this.config = config;
        this.prompter = prompter;
        this.out = out;
        this.hasher = hasher;
    }

    /**
     * @param args the options after {@code createsuperuser}
     * @return the exit code: 0 when created
     * @throws SQLException if the database fails
     */
    int createSuperuser(List<String> args) throws SQLException {
        boolean noInput = args.contains("--noinput") || args.contains("--no-input");
        Optional<String> username = option(args, "--username");
        try (Database database = Database.open(config.dbUrl())) {
            UserStore users = new UserStore(database, Clock.systemUTC());
            if (noInput) {
                username = username.or(config::adminUser);
                if (username.isEmpty() || config.adminPassword().isEmpty()) {
                    return fail("with --noinput, give --username or NOTIFY_ADMIN_USER, and NOTIFY_ADMIN_PASSWORD");
                }
            } else if (prompter.isEmpty()) {
                return fail("no terminal to ask for a password; run with --noinput and set NOTIFY_ADMIN_USER and NOTIFY_ADMIN_PASSWORD");
            } else if (username.isEmpty()) {
                String answer = prompter.get().line("Username (leave blank to use 'admin'): ");
                if (answer == null) {
                    return fail("no user name given");
                }
                username = Optional.of(answer.isBlank() ? "admin" : answer.strip());
            }
            String problem = UserStore.problemWithUsername(username.get());
            if (problem != null) {
                return fail("'" + username.get() + "' is not a user name: " + problem);
            }
            if (users.find(username.get()).isPresent()) {
                return fail("That username is already taken.");
            }
            String password;
            if (noInput) {
                password = config.adminPassword().get();
                String weak = PasswordHasher.problemWithPassword(password);
                if (weak != null) {
                    return fail("This password is too weak: " + weak + ".");
                }
            } else {
                Optional<String> asked = askNewPassword();
                if (asked.isEmpty()) {
                    return 1;
                }
                password = asked.get();
            }
            users.create(username.get(), hasher.hash(password));
            out.println("Superuser created successfully.");
            return 0;
        }
    }

    /**
     * @param args the optional user name after {@code changepassword}
     * @return the exit code: 0 when changed
     * @throws SQLException if the database fails
     */
    int changePassword(List<String> args) throws SQLException {
        String username = args.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("admin");
        if (prompter.isEmpty()) {
            return fail("no terminal to ask for the new password; run changepassword in a terminal");
        }
        try (Database database = Database.open(config.dbUrl())) {
            UserStore users = new UserStore(database, Clock.systemUTC());
            if (users.find(username).isEmpty()) {
                return fail("user '" + username + "' does not exist");
            }
            out.println("Changing password for user '" + username + "'");
            Optional<String> password = askNewPassword();
            if (password.isEmpty()) {
                return 1;
            }
            users.setPasswordHash(username, hasher.hash(password.get()));
            // as Django's update_session_auth_hash does for the other sessions: whoever had the old password is out
            Stages.join(Site.sessionStore(database).deleteUser(username), SESSION_TIMEOUT, "ending the sessions of " + username);
            out.println("Password changed successfully for user '" + username + "'; every session of that user has ended");
            return 0;
        }
    }

    private Optional<String> askNewPassword() {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            String first = prompter.get().password("Password: ");
            String second = first == null ? null : prompter.get().password("Password (again): ");
            if (first == null || second == null) {
                fail("no password given");
                return Optional.empty();
            }
            if (!first.equals(second)) {
                out.println("Error: Your passwords didn't match.");
                continue;
            }
            String weak = PasswordHasher.problemWithPassword(first);
            if (weak != null) {
                out.println("Error: This password is too weak: " + weak + ".");
                continue;
            }
            return Optional.of(first);
        }
        fail("no acceptable password after " + TRIES + " tries");
        return Optional.empty();
    }

    private int fail(String message) {
        out.println("Error: " + message);
        return 1;
    }

    private static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i >= 0 && i + 1 < args.size()) {
            return Optional.of(args.get(i + 1));
        }
        return args.stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1)).findFirst();
    }

    /** @return the usage text of the jar */
    static String usage() {
        return String.join("\n", Arrays.asList(
                "usage: java -jar notify-examples.jar [--config FILE] [COMMAND]",
                "",
                "commands:",
                "  runserver                                  start the app (the default)",
                "  runworker CHANNEL...                       consume worker channels (" + DigestWorker.CHANNEL + ");",
                "                                             needs NOTIFY_LAYER=redis or nats and the app's database",
                "  createsuperuser [--username NAME] [--noinput]  create an admin user",
                "  changepassword [NAME]                      change an admin user's password",
                "",
                "configuration: NOTIFY_* environment variables, notify.* keys in a properties file",
                "(--config FILE or ./notify.properties), or -Dnotify.* system properties."));
    }
}
