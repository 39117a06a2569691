package com.hotgigs.migrate.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh, uniquely named database for one test, dropped on close, so tests run in any order and
 * side by side.
 */
public final class TestDatabase implements AutoCloseable {

    private final TestPostgres server;
    private final String name;

    private TestDatabase(TestPostgres server, String name) {
        this.server = server;
        this.name = name;
    }

    public static TestDatabase create() {
        return create(TestPostgres.shared());
    }

    public static TestDatabase create(TestPostgres server) {
        String name = "hg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    /** JDBC URL of this database, with the server's credentials as URL parameters when it has any. */
    public String url() {
        return server.urlOf(name);
    }

    public String adminUrl() {
        return server.adminUrl();
    }

    /** The user name the URL connects as, for callers that pass credentials separately. */
    public String user() {
        return urlParameter("user");
    }

    public String password() {
        return urlParameter("password");
    }

    private String urlParameter(String key) {
        int queryStart = url().indexOf('?');
        if (queryStart < 0) {
            return null;
        }
        for (String pair : url().substring(queryStart + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(key)) {
                return pair.substring(equals + 1);
            }
        }
        return null;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), new Properties());
    }

    @Override
    public void close() {
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            // Builds and listeners under test may still hold connections; end them so the drop succeeds.
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
            statement.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }
}
