package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.connection.ConnectionFactory;

/**
 * The engine's own SQL around every migration, in one place so that what the runner sends and what
 * {@code hotgigs:plan} prints cannot drift apart.
 *
 * @param reset              the session reset (and the engine's settings and limits after it), sent before the
 *                           first migration and with every history row
 * @param asynchronousCommit what lets a migration's commit skip waiting for its flush; empty when each waits
 */
public record SessionSql(String reset, String asynchronousCommit) {

    /**
     * @param flushEachMigration whether each migration's commit waits for its WAL flush; otherwise only the
     *                           run's last one does
     */
    public static SessionSql of(ConnectionFactory connections, int serverMajorVersion, StatementLimits limits,
                                boolean flushEachMigration) {
        // Each migration starts from the connection's own settings, whatever the previous one SET, and
        // the engine's own settings (no idle timeouts, its application name) come back after the reset.
        String reset = "RESET ALL; RESET ROLE; RESET SESSION AUTHORIZATION; " + connections.sessionSettings(serverMajorVersion)
                + (limits.sql().isEmpty() ? "" : " " + limits.sql() + ";");
        // A migration that a crash takes back takes its history row with it, and the next run applies it
        // again: waiting for each commit's flush buys nothing. What must be durable is what the run reports
        // as applied, and the synchronous commit of its last migration flushes every earlier commit too.
        return new SessionSql(reset, flushEachMigration ? "" : "SET LOCAL synchronous_commit = off; ");
    }

    /** What travels before the success row's insert: a script outside a transaction commits with the server's setting. */
    public String beforeRow(boolean autocommit, boolean lastOfRun) {
        return reset + " " + (autocommit || lastOfRun ? "" : asynchronousCommit);
    }

    /** What travels after it: the commit of a transactional migration. */
    public String afterRow(boolean autocommit) {
        return autocommit ? "" : "COMMIT;";
    }
}
