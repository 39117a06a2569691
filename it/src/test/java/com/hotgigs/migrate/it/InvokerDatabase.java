package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Databases for the invoker builds, made and dropped by their set-up and verify scripts.
 *
 * <p>The scripts run inside the Maven JVM that runs the invoker, possibly each in a class loader
 * of its own; the server's address is therefore handed from script to script through a system
 * property, so that one server (HOTGIGS_TEST_URL's, or an embedded one living as long as that
 * JVM) serves all of them.
 */
public final class InvokerDatabase {

    private static final String ADMIN_URL = "hotgigs.it.adminUrl";

    private InvokerDatabase() {
    }

    public static String adminUrl() {
        // The system properties are one object per JVM: a lock that holds across class loaders.
        synchronized (System.getProperties()) {
            String url = System.getProperty(ADMIN_URL);
            if (url == null) {
                url = TestPostgres.shared().adminUrl();
                System.setProperty(ADMIN_URL, url);
            }
            return url;
        }
    }

    /** Creates a uniquely named, empty database and returns its name. */
    public static String create() {
        String name = "hg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** The JDBC URL of the database, with the server's credentials when it has any. */
    public static String url(String database) {
        String admin = adminUrl();
        int queryStart = admin.indexOf('?');
        String base = queryStart < 0 ? admin : admin.substring(0, queryStart);
        String query = queryStart < 0 ? "" : admin.substring(queryStart);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + query;
    }

    public static Catalog catalog(String database) {
        return new Catalog(url(database));
    }

    public static void drop(String database) {
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                + "' AND pid <> pg_backend_pid()");
        execute("DROP DATABASE IF EXISTS " + database);
    }

    /**
     * A connection through the driver of this class's own loader, not through DriverManager: each
     * invoker execution (one per Maven of the matrix) runs the scripts in class loaders of its own,
     * and DriverManager offers a caller only drivers its loader can see, while the driver registered
     * itself once, in the loader of the first execution.
     */
    static Connection connect(String url) throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(url, new Properties());
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + url);
        }
        return connection;
    }

    private static void execute(String sql) {
        try (Connection admin = connect(adminUrl()); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
