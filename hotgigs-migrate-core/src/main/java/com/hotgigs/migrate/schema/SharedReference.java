package com.hotgigs.migrate.schema;

import com.hotgigs.migrate.connection.JdbcUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One reference server per major version for many comparisons, such as a fleet's targets: each
 * server is started on the first comparison of its major version, and every comparison gets an
 * empty database of its own on it, dropped afterwards. Starting an embedded server (initdb, then
 * the server) is most of what one comparison costs; a database per comparison keeps one target's
 * replay from seeing another's. Closing it stops every server it started. Thread-safe: a fleet's
 * workers compare side by side.
 */
public final class SharedReference implements ReferenceServer, AutoCloseable {

    private final ReferenceServer servers;
    private final Map<Integer, Database> started = new HashMap<>();
    private final AtomicInteger databases = new AtomicInteger();
    private boolean closed;

    /** @param servers starts the servers shared, one per major version */
    public SharedReference(ReferenceServer servers) {
        this.servers = servers;
    }

    @Override
    public Database start(int major) {
        String server = server(major).url();
        String name = "hotgigs_reference_" + databases.incrementAndGet();
        try {
            execute(server, "CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + name + " on the shared PostgreSQL " + major
                    + ": " + e.getMessage(), e);
        }
        String url = JdbcUrl.withDatabase(server, name);
        return new Database() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void close() {
                try {
                    execute(server, "DROP DATABASE IF EXISTS " + name);
                } catch (SQLException e) {
                    // A backend of the comparison may still be leaving; the whole server is deleted when the fleet ends.
                }
            }
        };
    }

    /** Started once per major; the other workers wait for it rather than start one each. */
    private synchronized Database server(int major) {
        if (closed) {
            throw new IllegalStateException("the shared reference servers were stopped");
        }
        return started.computeIfAbsent(major, servers::start);
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** How many comparisons were given a database; for tests and measurements. */
    public int comparisons() {
        return databases.get();
    }

    /** How many servers were started, one per major version compared. */
    public synchronized int serversStarted() {
        return started.size();
    }

    @Override
    public void close() {
        List<Database> running;
        synchronized (this) {
            closed = true;
            running = new ArrayList<>(started.values());
            started.clear();
        }
        RuntimeException first = null;
        for (Database server : running) {
            try {
                server.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
