package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.Blocker;
import com.hotgigs.migrate.LockRetry;
import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.history.NewAttempt;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.sql.SourcePosition;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.sql.StatementKind;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Applies one migration: its statements and its history row in a single transaction, so applied
 * and recorded cannot disagree; or, for a script that cannot run in a transaction, statement by
 * statement with the row written after the last. A failure records a failed attempt of its own.
 */
public final class MigrationRunner {

    private static final Pattern CONCURRENT_INDEX_NAME = Pattern.compile(
            "(?is)CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"[^\"]+\"|[\\w$.]+)");

    private final Connection connection;
    private final HistoryTable history;
    private final MigrationListener listener;
    private final String sessionReset;
    private final String asynchronousCommit;
    private final StatementLimits limits;
    private final StatementWatcher watcher;
    private boolean sessionPrepared;

    /**
     * @param flushEachMigration whether each migration's commit waits for its WAL flush; otherwise only
     *                           the last one of a run does (see {@link #apply(PreparedMigration, boolean)})
     * @param limits             the timeouts every statement runs under, and the lock-timeout retries
     * @param watcher            watches each statement from a second connection
     */
    public MigrationRunner(Connection connection, HistoryTable history, MigrationListener listener, int serverMajorVersion,
                           boolean flushEachMigration, StatementLimits limits, StatementWatcher watcher) {
        this.connection = connection;
        this.history = history;
        this.listener = listener;
        this.limits = limits;
        this.watcher = watcher;
        // A migration that a crash takes back takes its history row with it, and the next run applies it
        // again: waiting for each commit's flush buys nothing. What must be durable is what the run reports
        // as applied, and the synchronous commit of its last migration flushes every earlier commit too.
        this.asynchronousCommit = flushEachMigration ? "" : "SET LOCAL synchronous_commit = off; ";
        // Each migration starts from the connection's own settings, whatever the previous one SET;
        // on 14+ the server also checks, during long statements, that a killed build is gone.
        this.sessionReset = "RESET ALL; RESET ROLE; RESET SESSION AUTHORIZATION"
                + (serverMajorVersion >= 14 ? "; SET client_connection_check_interval = 2000" : "")
                + (limits.sql().isEmpty() ? "" : "; " + limits.sql());
    }

    /**
     * @param lastOfRun whether this is the run's last migration; its commit waits for the WAL flush (with
     *                  the server's own {@code synchronous_commit}), which makes the run's earlier commits
     *                  durable too. A failed attempt's row is written the same way.
     */
    public MigrationInfo apply(PreparedMigration prepared, boolean lastOfRun) throws SQLException {
        Migration migration = prepared.migration();
        listener.applying(pendingInfo(migration));
        ServerMessages messages = new ServerMessages(listener, migration.displayName());
        long started = System.nanoTime();
        List<Statement> completed = new ArrayList<>();
        watcher.migrationStarting();
        connection.setAutoCommit(prepared.autocommit());
        try {
            if (!sessionPrepared) {
                resetSession();
                sessionPrepared = true;
            }
            runStatements(prepared, messages, completed);
            int elapsedMs = elapsedMs(started);
            try (StatementWatcher.Watch ignored = watcher.watch(migration.displayName(), completed.size(),
                    prepared.statements().size(), lastLine(prepared), StatementWatcher.Call.COMMIT)) {
                // The reset and the commit travel with the history row, in one round trip. The reset is
                // what leaves the session clean for the next migration, so none needs one before it
                // starts; the commit runs only if the row was written, and makes both durable together.
                // A script that runs outside a transaction commits each statement with the server's setting.
                history.record(connection, attempt(migration, elapsedMs, true, null),
                        sessionReset + "; " + (prepared.autocommit() || lastOfRun ? "" : asynchronousCommit),
                        prepared.autocommit() ? "" : "COMMIT;");
                if (!prepared.autocommit()) {
                    // Does nothing when the COMMIT above ended the transaction, which the driver tracks.
                    connection.commit();
                }
            } catch (SQLException e) {
                // A deferred constraint, say, is checked only at the commit.
                throw recordCommitFailure(prepared, e, elapsedMs);
            }
            MigrationInfo applied = new MigrationInfo(migration.version().text(), migration.name(), migration.script(),
                    MigrationState.APPLIED, migration.checksum().hex(), OffsetDateTime.now(), null, elapsedMs);
            listener.applied(applied);
            return applied;
        } catch (StatementFailed failed) {
            throw recordFailure(prepared, failed, elapsedMs(started));
        } finally {
            watcher.migrationFinished();
            // A connection the watcher ended (or the network broke) has nothing left to roll back, and asking
            // it would replace the migration's own error with "connection closed".
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Runs the statements; a transactional migration that hit the lock timeout was rolled back whole, so it
     * runs again, after a growing pause, while retries are left.
     */
    private void runStatements(PreparedMigration prepared, ServerMessages messages, List<Statement> completed)
            throws StatementFailed, SQLException {
        String name = prepared.migration().displayName();
        int total = prepared.statements().size();
        for (int retriesDone = 0; ; retriesDone++) {
            try {
                for (Statement statement : prepared.statements()) {
                    try (StatementWatcher.Watch ignored = watcher.watch(name, completed.size(), total, statement.line(),
                            StatementWatcher.Call.STATEMENT)) {
                        execute(statement, messages, completed);
                    }
                    completed.add(statement);
                }
                return;
            } catch (StatementFailed failed) {
                failed.retriesDone = retriesDone;
                failed.blockers = watcher.blockersSeen();
                if (!limits.retries(prepared.autocommit(), failed.failure, retriesDone) || watcher.deadPath().isPresent()) {
                    throw failed;
                }
                connection.rollback();
                completed.clear();
                Duration pause = limits.pause(retriesDone + 1);
                listener.retryingAfterLockTimeout(new LockRetry(name, failed.failure.statement().line(), retriesDone + 1,
                        limits.lockRetries(), pause, failed.blockers));
                sleep(pause, failed);
                // The rollback undid this transaction's session settings too when it was the first to set them.
                resetSession();
            }
        }
    }

    private static void sleep(Duration pause, StatementFailed failed) throws StatementFailed {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed;
        }
    }

    private static int lastLine(PreparedMigration prepared) {
        List<Statement> statements = prepared.statements();
        return statements.isEmpty() ? 1 : statements.get(statements.size() - 1).line();
    }

    private void execute(Statement statement, ServerMessages messages, List<Statement> completed) throws StatementFailed {
        try {
            if (statement.kind() == StatementKind.COPY_FROM_STDIN) {
                new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(statement.sql(), new StringReader(statement.copyData()));
                messages.forward(connection);
            } else {
                try (java.sql.Statement jdbc = connection.createStatement()) {
                    jdbc.execute(statement.sql());
                    messages.forward(jdbc);
                }
            }
        } catch (SQLException e) {
            throw new StatementFailed(new StatementFailure(statement, e, List.copyOf(completed)));
        } catch (IOException e) {
            throw new StatementFailed(new StatementFailure(statement, new SQLException(e.getMessage(), null, e), List.copyOf(completed)));
        }
    }

    private MigrationFailedException recordFailure(PreparedMigration prepared, StatementFailed failed, int elapsedMs) {
        StatementFailure failure = failed.failure;
        Migration migration = prepared.migration();
        SourcePosition position = failure.position();
        String where = migration.source() + " line " + position.line() + ", column " + position.column();
        if (watcher.deadPath().isPresent()) {
            return DeadPathFailure.during(prepared, failure, watcher.deadPath().get());
        }
        String limit = limits.explain(prepared.autocommit(), failure, failed.retriesDone, failed.blockers);
        String outcome = recordFailedAttempt(migration, elapsedMs, where + ": " + failure.serverText()
                + (limit.isEmpty() ? "" : System.lineSeparator() + limit));
        String message = "Migration " + migration.displayName() + " failed at " + where + ":" + System.lineSeparator()
                + failure.serverText() + System.lineSeparator()
                + "Statement: " + PreparedMigration.firstWords(failure.statement().sql()) + System.lineSeparator()
                + (limit.isEmpty() ? "" : limit + System.lineSeparator())
                + consequences(prepared, failure) + " " + outcome;
        return new MigrationFailedException(migration.source(), position.line(), failure.sqlState(), message, failure.cause());
    }

    /** Every statement ran, but writing the history row, or the commit that goes with it, failed. */
    private MigrationFailedException recordCommitFailure(PreparedMigration prepared, SQLException cause, int elapsedMs) {
        Migration migration = prepared.migration();
        List<Statement> statements = prepared.statements();
        int lastLine = statements.isEmpty() ? 1 : statements.get(statements.size() - 1).line();
        String serverText = StatementFailure.serverText(cause);
        String where = migration.source() + " after its last statement (line " + lastLine + ")";
        if (watcher.deadPath().isPresent()) {
            return DeadPathFailure.atCommit(prepared, lastLine, cause, watcher.deadPath().get());
        }
        String outcome = recordFailedAttempt(migration, elapsedMs, where + ": " + serverText);
        String consequences = prepared.autocommit()
                ? "It runs outside a transaction, so its statements took effect and remain, but it is not recorded as applied."
                : "Its transaction was rolled back: nothing of " + migration.displayName() + " remains.";
        String message = "Migration " + migration.displayName() + " failed when it was committed with its history row, " + where
                + ":" + System.lineSeparator() + serverText + System.lineSeparator() + consequences + " " + outcome;
        return new MigrationFailedException(migration.source(), lastLine, cause.getSQLState(), message, cause);
    }

    /** Rolls back what is left of the attempt and records it, in a transaction of its own; says how that went. */
    private String recordFailedAttempt(Migration migration, int elapsedMs, String recorded) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            resetSession();
            history.record(connection, attempt(migration, elapsedMs, false, recorded));
            return "The attempt was recorded in " + history.displayName() + "; fix the script and run migrate again to retry it.";
        } catch (SQLException e) {
            return "Recording the failed attempt failed too (" + e.getMessage() + "); check the connection to the server.";
        }
    }

    private static String consequences(PreparedMigration prepared, StatementFailure failure) {
        String name = prepared.migration().displayName();
        if (!prepared.autocommit()) {
            return "Its transaction was rolled back: nothing of " + name + " remains.";
        }
        String done = failure.completed().isEmpty()
                ? "No earlier statement of it had taken effect."
                : "It runs outside a transaction, so its statements at line "
                        + failure.completed().stream().map(s -> String.valueOf(s.line())).collect(Collectors.joining(", "))
                        + " took effect and remain; make the script safe to re-run (IF NOT EXISTS) or undo them before retrying.";
        Matcher index = CONCURRENT_INDEX_NAME.matcher(failure.statement().sql());
        if (index.lookingAt()) {
            done += " A failed CREATE INDEX CONCURRENTLY can leave an INVALID index behind: drop it with DROP INDEX CONCURRENTLY IF EXISTS "
                    + index.group(1) + "; before retrying.";
        }
        return done;
    }

    private void resetSession() throws SQLException {
        try (java.sql.Statement reset = connection.createStatement()) {
            reset.execute(sessionReset);
        }
    }

    private static NewAttempt attempt(Migration migration, int elapsedMs, boolean success, String error) {
        return new NewAttempt(migration.version().text(), migration.name(), migration.script(),
                migration.checksum().hex(), elapsedMs, success, error);
    }

    private static MigrationInfo pendingInfo(Migration migration) {
        return new MigrationInfo(migration.version().text(), migration.name(), migration.script(),
                MigrationState.PENDING, migration.checksum().hex(), null, null, null);
    }

    private static int elapsedMs(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** Carries a located failure out of the statement loop; never escapes this class. */
    private static final class StatementFailed extends Exception {
        private final transient StatementFailure failure;
        private int retriesDone;
        private transient List<Blocker> blockers = List.of();

        StatementFailed(StatementFailure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
