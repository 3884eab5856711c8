package dev.notify.examples.notifications;

import dev.notify.auth.UserLoader;
import dev.notify.core.auth.JdbcSessionStore;
import dev.notify.core.bridge.Bridge;
import dev.notify.examples.notifications.admin.AdminSite;
import dev.notify.examples.notifications.admin.PasswordHasher;
import dev.notify.examples.notifications.store.Database;
import dev.notify.examples.notifications.store.NotificationStore;
import dev.notify.examples.notifications.store.UserStore;
import dev.notify.layer.ChannelLayer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the app over one database: the stores, the sessions (the framework's
 * {@link JdbcSessionStore}, in the same database, so that {@code changepassword} can end them), the
 * admin, the live page and {@code /home}. A {@link Role#WS} process has none of it.
 */
final class Site implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Site.class);

    final Database database;
    final Clock clock;
    final NotificationStore store;
    final UserStore users;
    final JdbcSessionStore sessions;
    final PasswordHasher hasher;
    final AdminSite admin;
    final HomeHandler home;
    final LivePage live;

    private Site(Database database, ChannelLayer layer, Optional<String> wsUrl, Duration homeMaxDuration, Clock clock,
            PasswordHasher hasher) throws SQLException {
        this.database = database;
        this.clock = clock;
        this.store = new NotificationStore(database, clock);
        this.users = new UserStore(database, clock);
        this.sessions = sessionStore(database);
        this.hasher = hasher;
        NotificationGroup group = new NotificationGroup(layer);
        this.admin = new AdminSite(new Notifications(store, group), users, hasher);
        this.home = new HomeHandler(group, homeMaxDuration);
        this.live = new LivePage(store, wsUrl);
    }

    /**
     * @param database the app's database
     * @return the framework's session store in it, its table created if missing
     * @throws SQLException if the table cannot be created
     */
    static JdbcSessionStore sessionStore(Database database) throws SQLException {
        JdbcSessionStore sessions = JdbcSessionStore.builder(database.dataSource()).build();
        sessions.createTableIfMissing();
        return sessions;
    }

    /** @return finds the admin user a session or a token names (by user name), off the I/O threads */
    UserLoader userLoader() {
        return username -> Bridge.offload(() -> users.find(username));
    }

    /**
     * Opens the database (creating the schema on first start) and the admin user the configuration
     * names, if there is none yet.
     *
     * @param config the settings
     * @param layer where changes are announced
     * @param clock the time of new rows
     * @param hasher hashes the admin password
     * @return the site
     * @throws SQLException if the database cannot be opened
     */
    static Site open(AppConfig config, ChannelLayer layer, Clock clock, PasswordHasher hasher) throws SQLException {
        Database database = Database.open(config.dbUrl());
        try {
            Site site = new Site(database, layer, config.wsUrl(), config.homeMaxDuration(), clock, hasher);
            site.createAdminUser(config);
            return site;
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private void createAdminUser(AppConfig config) throws SQLException {
        if (config.adminUser().isPresent() && config.adminPassword().isPresent()) {
            String username = config.adminUser().get();
            if (users.find(username).isPresent()) {
                log.info("admin user '{}' exists; NOTIFY_ADMIN_PASSWORD is only used to create it"
                        + " (run 'changepassword {}' to change it)", username, username);
            } else {
                users.create(username, hasher.hash(config.adminPassword().get()));
                log.info("created admin user '{}'", username);
            }
        } else if (users.count() == 0) {
            log.warn("there is no admin user yet: set NOTIFY_ADMIN_USER and NOTIFY_ADMIN_PASSWORD,"
                    + " or run: java -jar notify-examples.jar createsuperuser");
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
