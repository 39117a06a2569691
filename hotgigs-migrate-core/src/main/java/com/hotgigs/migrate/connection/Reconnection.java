package com.hotgigs.migrate.connection;

import com.hotgigs.migrate.MigrationException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Telling a lost connection from a refused statement, and getting a new one while a server restarts. */
public final class Reconnection {

    /** Long enough for a restart with crash recovery on a busy machine; bounded, so a dead server ends the run. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final Duration PAUSE = Duration.ofMillis(500);

    private Reconnection() {
    }

    /**
     * Whether {@code e} means the connection is gone (the network, a restart, the session ended by
     * the server) rather than that the server refused a statement on a connection that still works.
     */
    public static boolean isLost(Connection connection, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
            return true;
        }
        try {
            return connection.isClosed();
        } catch (SQLException closedCheck) {
            return true;
        }
    }

    /** A new connection from {@code open}, tried again every half second for at most {@link #WAIT}; empty if none came. */
    public static Optional<Connection> reconnect(Supplier<Connection> open) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return Optional.of(open.get());
            } catch (MigrationException e) {
                if (System.nanoTime() + PAUSE.toNanos() > deadline) {
                    return Optional.empty();
                }
                try {
                    Thread.sleep(PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }
}
