package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the PostgreSQL of the machine (127.0.0.1:5432, user postgres), dropped on
 * close: a server the builds did not start, as a developer's or CI's own database is. Where the
 * machine runs none, a database on the tests' shared server stands in for it.
 */
final class MachineDatabase implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = "postgres";

    private final String name;
    private final TestDatabase standIn;

    private MachineDatabase(String name, TestDatabase standIn) {
        this.name = name;
        this.standIn = standIn;
    }

    static MachineDatabase create() {
        String name = "hg_it_machine_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return new MachineDatabase(name, null);
        } catch (SQLException noServerHere) {
            TestDatabase database = TestDatabase.create();
            return new MachineDatabase(database.name(), database);
        }
    }

    /** JDBC URL without credentials; the user is {@link #user()}, no password. */
    String url() {
        return standIn != null ? ServerAddress.of(standIn.url()).url() : "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    /** The URL with the user, for the test's own checks. */
    String urlWithUser() {
        return standIn != null ? standIn.url() : url() + "?user=" + USER;
    }

    String user() {
        return standIn != null ? standIn.user() : USER;
    }

    @Override
    public void close() {
        if (standIn != null) {
            standIn.close();
            return;
        }
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + name + ": " + e.getMessage(), e);
        }
    }
}
