package dev.notify.examples.notifications.store;

import java.nio.file.Path;
import java.sql.SQLException;

/** Real H2 file databases in a test's temporary directory. */
public final class TestDatabases {
    private TestDatabases() {
    }

    /**
     * @param directory a temporary directory
     * @return the JDBC URL of a file database in it
     */
    public static String url(Path directory) {
        return Database.h2FileUrl(directory.resolve("notify").toAbsolutePath().toString());
    }

    /**
     * @param directory a temporary directory
     * @return an open database there, schema created
     * @throws SQLException if H2 fails
     */
    public static Database open(Path directory) throws SQLException {
        return Database.open(url(directory));
    }
}
