package com.hotgigs.benchmark.comparison;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The PostgreSQL server every tool runs against: creates and drops the benchmark's databases. */
record Server(String host, int port, String user, String password) {

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Environment for psql and pg_dump, so no password appears on a command line. */
    Map<String, String> clientEnvironment() {
        Map<String, String> environment = new HashMap<>();
        if (password != null) {
            environment.put("PGPASSWORD", password);
        }
        return environment;
    }

    List<String> clientArguments(String database) {
        return List.of("-X", "-q", "-h", host, "-p", String.valueOf(port), "-U", user, "-d", database);
    }

    void createDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name);
        execute("CREATE DATABASE " + name);
    }

    void dropDatabase(String name) {
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
        execute("DROP DATABASE IF EXISTS " + name);
    }

    String version() {
        try (Connection connection = connect(); Statement query = connection.createStatement();
             var result = query.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + host + ":" + port + " as " + user + ": " + e.getMessage(), e);
        }
    }

    /** The one number {@code sql} returns in {@code database}. */
    long queryLong(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), user, password);
             Statement query = connection.createStatement(); var result = query.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " in " + database + ": " + e.getMessage(), e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), user, password);
    }
}
