package com.hotgigs.benchmark.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A database of its own for one trial, created on the server named by {@code hotgigs.bench.url}
 * (the maintenance database to connect to) and dropped afterwards, so a run never reads or leaves
 * tables in a database someone else uses.
 */
final class BenchmarkDatabase implements AutoCloseable {

    static final String URL = System.getProperty("hotgigs.bench.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getProperty("hotgigs.bench.user", "postgres");
    static final String PASSWORD = System.getProperty("hotgigs.bench.password");

    private final String name;

    private BenchmarkDatabase(String name) {
        this.name = name;
    }

    static BenchmarkDatabase create() throws SQLException {
        // Unique per trial: two runs, or a run killed before its teardown, never collide.
        String name = "hotgigs_engine_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection maintenance = open(URL); Statement ddl = maintenance.createStatement()) {
            ddl.execute("CREATE DATABASE " + name);
        }
        return new BenchmarkDatabase(name);
    }

    /** The JDBC URL of this database, for an engine that connects itself (user and password as {@link #USER}, {@link #PASSWORD}). */
    String url() {
        return withDatabase(URL, name);
    }

    Connection connect() throws SQLException {
        return open(withDatabase(URL, name));
    }

    /** FORCE (PostgreSQL 13+) ends sessions a failed trial may have left open. */
    @Override
    public void close() throws SQLException {
        try (Connection maintenance = open(URL); Statement ddl = maintenance.createStatement()) {
            ddl.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Connection open(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        if (PASSWORD != null) {
            properties.setProperty("password", PASSWORD);
        }
        properties.setProperty("ApplicationName", "hotgigs-engine-benchmark");
        return DriverManager.getConnection(url, properties);
    }

    /** jdbc:postgresql://host:port/maintenance?params with the database name replaced. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("hotgigs.bench.url must name a database, e.g. jdbc:postgresql://127.0.0.1:5432/postgres: " + url);
        }
        return base.substring(0, slash + 1) + database + parameters;
    }
}
