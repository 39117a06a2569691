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
 *
 * <p>Other sessions' transactions through the same pool can take that backend in between, and a
 * probe then sees what a session pool would show; a fleet's own workers are such sessions. So a
 * process runs one probe at a time, and each probe looks several times: a transaction pool has to
 * hand out the same backends by luck in every round to pass. A fleet worker probes each URL once:
 * where it leads does not change during a build.
 */
public final class TransactionPooler {

    /** Rounds of a probe; each is three short queries. */
    private static final int ROUNDS = 3;
    /** Held while a probe runs, so that the probes of one process's parallel runs never interleave. */
    private static final Object PROBING = new Object();

    private TransactionPooler() {
    }

    /**
     * @param connection the run's connection, idle and with no transaction open
     * @throws ConfigurationException the two connections share a server session
     */
    public static void refuseIfPooled(Connection connection, ConnectionFactory connections, String target) throws SQLException {
        if (connections.provenUnpooled()) {
            return;
        }
        synchronized (PROBING) {
            try (Connection other = connections.open()) {
                for (int round = 0; round < ROUNDS; round++) {
                    probe(connection, other, target);
                }
            }
            connections.rememberUnpooled();
        }
    }

    private static void probe(Connection connection, Connection other, String target) throws SQLException {
        int first = backendPid(connection);
        int second = backendPid(other);
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
