package com.hotgigs.migrate.lock;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.connection.ConnectionFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses a URL that leads through a transaction-pooling pooler (PgBouncer's {@code pool_mode =
 * transaction} or {@code statement}), which hands each transaction whichever server session is free:
 * a session-level lock taken through it stays on a pooled server session, and its unlock runs on
 * another. Checked before the lock is taken, so nothing is stranded. Directly, or through a
 * session-mode pool, every client connection has a server session of its own, so a second
 * connection opened while the first is idle never shares its backend; through a transaction pool it
 * gets the backend the first one just released.
 */
public final class TransactionPooler {

    private TransactionPooler() {
    }

    /**
     * @param connection the run's connection, idle and with no transaction open
     * @throws ConfigurationException the two connections share a server session
     */
    public static void refuseIfPooled(Connection connection, ConnectionFactory connections, String target) throws SQLException {
        int first = backendPid(connection);
        int second;
        try (Connection other = connections.open()) {
            second = backendPid(other);
        }
        int again = backendPid(connection);
        if (first == second || first != again) {
            throw new ConfigurationException(ErrorCode.TRANSACTION_POOLER, "Migrations cannot run through " + target
                    + ": it is a connection pooler in transaction or statement pooling mode (such as PgBouncer with "
                    + "pool_mode = transaction), since " + (first == second
                            ? "two connections of this run were served by the same server session (pid " + first + ")"
                            : "one connection of this run was served by two server sessions (pids " + first + " and " + again + ")")
                    + ". Such a pooler cannot keep the migration lock, a session-level advisory lock, on one server session, "
                    + "so two builds could apply the same migration. Nothing was written. Point hotgigs.url at PostgreSQL "
                    + "itself for migrations (the host and port the pooler connects to), or use a pool in session mode "
                    + "(pool_mode = session).");
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
