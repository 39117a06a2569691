package com.hotgigs.migrate.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A uniquely named login role for one test, with only the privileges the test grants it: not a
 * superuser, owner of nothing, no CREATE on the database. Dropped on close, with whatever it owns in
 * its database.
 */
public final class TestRole implements AutoCloseable {

    private final TestDatabase database;
    private final String name;

    private TestRole(TestDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    public static TestRole create(TestDatabase database) {
        String name = "hg_role_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(database.adminUrl()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            // PostgreSQL before 15 lets every role create in public; the role gets only what a test grants.
            statement.execute("REVOKE ALL ON DATABASE " + database.name() + " FROM PUBLIC");
            statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database.name() + " TO " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test role " + name + ": " + e.getMessage(), e);
        }
        try (Connection owner = database.connect(); Statement statement = owner.createStatement()) {
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("could not restrict schema public: " + e.getMessage(), e);
        }
        return new TestRole(database, name);
    }

    public String name() {
        return name;
    }

    /** Runs SQL in the role's database as the superuser, e.g. a GRANT to this role. */
    public TestRole asSuperuser(String sql) {
        try (Connection owner = database.connect(); Statement statement = owner.createStatement()) {
            statement.execute(sql);
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The database's URL connecting as this role. */
    public String url() {
        String base = database.url();
        int query = base.indexOf('?');
        return (query < 0 ? base : base.substring(0, query)) + "?user=" + name;
    }

    @Override
    public void close() {
        try (Connection owner = database.connect(); Statement statement = owner.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + name + "'");
            statement.execute("DROP OWNED BY " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop what " + name + " owns: " + e.getMessage(), e);
        }
        try (Connection admin = DriverManager.getConnection(database.adminUrl()); Statement statement = admin.createStatement()) {
            statement.execute("DROP ROLE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test role " + name + ": " + e.getMessage(), e);
        }
    }
}
