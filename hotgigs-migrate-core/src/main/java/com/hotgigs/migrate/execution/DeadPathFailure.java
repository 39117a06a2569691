package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.migration.Migration;

import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * The message of a migration whose connection the {@link StatementWatcher} ended because the server's
 * answer could not arrive: which migration, file, line and statement, why the path was judged dead,
 * and what of the migration can have reached the database.
 */
final class DeadPathFailure {

    private static final String SQLSTATE_CONNECTION_FAILURE = "08006";

    private DeadPathFailure() {
    }

    /** The watcher ended the connection while a statement of the script ran. */
    static MigrationFailedException during(PreparedMigration prepared, StatementFailure failure, StatementWatcher.DeadPath path) {
        Migration migration = prepared.migration();
        String name = migration.displayName();
        int line = failure.statement().line();
        String outcome;
        if (!prepared.autocommit()) {
            outcome = "It had not committed: " + (path.sessionEnded()
                    ? "its session on the server was ended, so its transaction was rolled back and nothing of " + name + " remains."
                    : "its transaction is rolled back when the server notices the connection is gone; nothing of " + name
                            + " is committed.");
        } else {
            String earlier = failure.completed().isEmpty() ? "No earlier statement of it had taken effect."
                    : "It runs outside a transaction: its statements at line " + failure.completed().stream()
                            .map(s -> String.valueOf(s.line())).collect(Collectors.joining(", ")) + " took effect and remain.";
            String current = path.serverState() != null && path.serverState().startsWith("idle")
                    ? " The statement at line " + line + " completed on the server and took effect."
                    : " Whether the statement at line " + line + " took effect is not known: check the database before retrying.";
            outcome = earlier + current;
        }
        return failure(migration, line, "at " + migration.source() + " line " + line, path,
                "Statement: " + PreparedMigration.firstWords(failure.statement().sql()), outcome, failure.cause());
    }

    /** The watcher ended the connection while the commit with the history row was under way. */
    static MigrationFailedException atCommit(PreparedMigration prepared, int lastLine, SQLException cause,
                                             StatementWatcher.DeadPath path) {
        Migration migration = prepared.migration();
        String name = migration.displayName();
        String outcome = (prepared.autocommit()
                ? "Its statements ran outside a transaction and took effect; whether its history row was written is not known to this run."
                : "Its commit was sent, and whether it completed is not known to this run.")
                + " Run the status goal to see whether " + name + " is recorded as applied: if it is, it is done; if not, "
                + (prepared.autocommit() ? "make the script safe to re-run before migrate runs it again."
                        : "nothing of it remains and migrate runs it again.");
        return failure(migration, lastLine, "at its commit, after " + migration.source() + " line " + lastLine, path,
                "Statement: COMMIT, with its history row", outcome, cause);
    }

    private static MigrationFailedException failure(Migration migration, int line, String where, StatementWatcher.DeadPath path,
                                                    String statement, String outcome, Throwable cause) {
        String n = System.lineSeparator();
        String message = "Migration " + migration.displayName() + " stopped " + where + ": the server stopped answering." + n
                + path.reason() + n + statement + n + outcome + n
                + "The attempt is not recorded: the connection it ran on was ended. Check the network path to the server "
                + "(firewall, proxy, VPN, load balancer), then run migrate again.";
        return new MigrationFailedException(migration.source(), line, SQLSTATE_CONNECTION_FAILURE, message, cause);
    }
}
