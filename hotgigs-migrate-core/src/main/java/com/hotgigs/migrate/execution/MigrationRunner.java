package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.Blocker;
import com.hotgigs.migrate.CallbackFailedException;
import com.hotgigs.migrate.ConnectionLostException;
import com.hotgigs.migrate.LockLostException;
import com.hotgigs.migrate.LockRetry;
import com.hotgigs.migrate.LockWait;
import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.connection.ConnectionFactory;
import com.hotgigs.migrate.connection.DatabaseFailure;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.history.NewAttempt;
import com.hotgigs.migrate.history.RecordedAttempt;
import com.hotgigs.migrate.history.RowKind;
import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.sql.SourcePosition;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.sql.StatementKind;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Applies one migration: its statements and its history row in a single transaction, so applied
 * and recorded cannot disagree; or, for a script whose mode is none or as-written, statement by
 * statement in autocommit (its own BEGIN/COMMIT blocks sent as written) with the row written after
 * the last. A failure records a failed attempt of its own, after rolling back whatever block is open.
 */
public final class MigrationRunner {

    /** unsafe_new_enum_value_usage: a new enum value used before the transaction that added it committed. */
    private static final String UNSAFE_NEW_ENUM_VALUE = "55P04";

    /** The end of every message about a lost connection. */
    private static final String LOST_FIX = "The session was ended by the server or the network (a restart, pg_terminate_backend, "
            + "a timeout, a pooler or firewall); once the server is reachable, run migrate again.";

    private final Connection connection;
    private final HistoryTable history;
    private final MigrationLock lock;
    private final MigrationListener listener;
    private final ConnectionLoss connectionLoss;
    private final SessionSql sessionSql;
    private final String sessionReset;
    private final StatementLimits limits;
    private final StatementWatcher watcher;
    private final EachMigrationCallbacks callbacks;
    private boolean sessionPrepared;
    private final UnaryOperator<String> hideSecrets;

    /**
     * @param connection         the connection that holds {@code lock}; every migration runs and is recorded on it
     * @param flushEachMigration whether each migration's commit waits for its WAL flush; otherwise only
     *                           the last one of a run does (see {@link #apply(PreparedMigration, boolean)})
     * @param limits             the timeouts every statement runs under, and the lock-timeout retries
     * @param watcher            watches each statement from a second connection
     */
    public MigrationRunner(Connection connection, HistoryTable history, MigrationLock lock, ConnectionFactory connections,
                           MigrationListener listener, int serverMajorVersion, boolean flushEachMigration, StatementLimits limits,
                           StatementWatcher watcher) {
        this(connection, history, lock, connections, listener, serverMajorVersion, flushEachMigration, limits, watcher,
                EachMigrationCallbacks.NONE, UnaryOperator.identity());
    }

    /**
     * @param callbacks   run with every migration: beforeEachMigrate and afterEachMigrate in its transaction
     * @param hideSecrets turns a failure's text into the one recorded in the history: secret placeholder values
     *                    a statement or the server's answer quotes become their {@code ${name}}
     */
    public MigrationRunner(Connection connection, HistoryTable history, MigrationLock lock, ConnectionFactory connections,
                           MigrationListener listener, int serverMajorVersion, boolean flushEachMigration, StatementLimits limits,
                           StatementWatcher watcher, EachMigrationCallbacks callbacks, UnaryOperator<String> hideSecrets) {
        this.callbacks = callbacks;
        this.hideSecrets = hideSecrets;
        this.connection = connection;
        this.history = history;
        this.lock = lock;
        this.listener = listener;
        this.connectionLoss = new ConnectionLoss(connections, history, listener);
        this.limits = limits;
        this.watcher = watcher;
        this.sessionSql = SessionSql.of(connections, serverMajorVersion, limits, flushEachMigration);
        this.sessionReset = sessionSql.reset();
    }

    /**
     * @param lastOfRun whether this is the run's last migration; its commit waits for the WAL flush (with
     *                  the server's own {@code synchronous_commit}), which makes the run's earlier commits
     *                  durable too. A failed attempt's row is written the same way.
     * @throws MigrationFailedException  a statement or the commit failed; rolled back and recorded
     * @throws ConnectionLostException   the connection was lost; the message says what the history shows
     * @throws LockLostException         the session no longer held the lock at the commit; rolled back, not recorded
     */
    public MigrationInfo apply(PreparedMigration prepared, boolean lastOfRun) throws SQLException {
        try {
            return applyOnce(prepared, lastOfRun);
        } catch (ConnectionLostException | LockLostException e) {
            throw e;
        } catch (MigrationFailedException e) {
            throw afterError(prepared, e);
        }
    }

    /**
     * The afterEachMigrateError callbacks, after the failed attempt was rolled back and recorded; one
     * that fails too is told in the migration's failure, which stays what the run reports.
     */
    private MigrationFailedException afterError(PreparedMigration prepared, MigrationFailedException failure) {
        if (callbacks.afterError().isEmpty()) {
            return failure;
        }
        try {
            new CallbackRunner(connection, listener).run(callbacks.afterError(), "It ran after migration "
                    + prepared.migration().displayName() + " failed.", prepared.migration().displayName());
            return failure;
        } catch (MigrationFailedException | SQLException e) {
            String also = failure.getMessage() + System.lineSeparator() + "The afterEachMigrateError callback failed too: "
                    + e.getMessage().lines().findFirst().orElse("");
            return failure.withMessage(also);
        }
    }

    private MigrationInfo applyOnce(PreparedMigration prepared, boolean lastOfRun) throws SQLException {
        Migration migration = prepared.migration();
        listener.applying(pendingInfo(prepared));
        ServerMessages messages = new ServerMessages(listener, migration.displayName());
        long started = System.nanoTime();
        List<Statement> completed = new ArrayList<>();
        watcher.migrationStarting();
        try {
            prepareSession(prepared);
            Committed committed = runAndCommit(prepared, messages, completed, started, lastOfRun);
            RecordedAttempt recorded = committed.recorded();
            MigrationInfo applied = new MigrationInfo(versionText(migration), migration.name(), migration.script(),
                    MigrationState.APPLIED, migration.checksum().hex(), recorded.installedOn(), recorded.installedBy(),
                    committed.elapsedMs(), prepared.mode());
            listener.applied(applied);
            return applied;
        } catch (StatementFailed failed) {
            // A path the watcher found dead is its own failure; a connection that simply went away is resolved from the history.
            if (watcher.deadPath().isEmpty() && ConnectionLoss.isLost(connection, failed.failure.cause())) {
                throw lostDuringStatement(prepared, failed.failure, elapsedMs(started));
            }
            throw recordFailure(prepared, failed, elapsedMs(started));
        } finally {
            watcher.migrationFinished();
            endTransaction();
        }
    }

    /**
     * The first reset runs in autocommit, before the migration's transaction begins, so a script's first
     * statement is its transaction's first (PostgreSQL takes SET TRANSACTION ISOLATION LEVEL only there).
     * Later migrations start from the reset that travelled with the previous commit.
     */
    private void prepareSession(PreparedMigration prepared) throws SQLException {
        try {
            if (!sessionPrepared) {
                connection.setAutoCommit(true);
                resetSession();
                sessionPrepared = true;
            }
            connection.setAutoCommit(prepared.autocommit());
        } catch (SQLException e) {
            if (ConnectionLoss.isLost(connection, e)) {
                throw lostBefore(prepared, e);
            }
            throw e;
        }
    }

    /**
     * Writes the success row and commits, in one round trip, only while the lock is held. The reset
     * travels with it: it is what leaves the session clean for the next migration, so none needs
     * one before it starts; the commit runs only if the row was written, and makes both durable together.
     */
    private RecordedAttempt commit(PreparedMigration prepared, int elapsedMs, boolean lastOfRun, int retriesDone)
            throws HistoryRowTimedOut {
        try {
            // A script that runs outside a transaction commits each statement with the server's setting.
            RecordedAttempt recorded = history.record(connection, attempt(prepared.migration(), elapsedMs, true, null),
                    sessionSql.beforeRow(prepared.autocommit(), lastOfRun), lock.heldCondition(),
                    sessionSql.afterRow(prepared.autocommit()));
            if (!prepared.autocommit()) {
                // Does nothing when the COMMIT above ended the transaction, which the driver tracks.
                connection.commit();
            }
            return recorded;
        } catch (SQLException e) {
            if (watcher.deadPath().isEmpty() && ConnectionLoss.isLost(connection, e)) {
                throw lostDuringCommit(prepared, e, elapsedMs);
            }
            if (watcher.deadPath().isEmpty() && !lockStillHeld()) {
                throw lockLost(prepared, e);
            }
            List<Blocker> blockers = watcher.blockersSeen();
            // The row's insert waited for the history table (a session holding it locked): the transaction
            // is rolled back whole, as for a statement's lock timeout, so the migration can run again.
            if (watcher.deadPath().isEmpty() && limits.retries(prepared.autocommit(), e.getSQLState(), retriesDone)) {
                throw new HistoryRowTimedOut(e, elapsedMs, blockers);
            }
            // A deferred constraint, say, is checked only at the commit.
            throw recordCommitFailure(prepared, e, elapsedMs, retriesDone, blockers);
        }
    }

    /** Rolls back what an attempt left open; on a connection that is gone there is nothing to roll back. */
    private void endTransaction() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else if (!connection.isClosed()) {
                rollbackScriptBlock();
            }
        } catch (SQLException e) {
            // The server ends the transaction with the connection; the migration's own outcome is what is reported,
            // never "connection closed" in its place.
        }
    }

    /**
     * A script that runs as written may fail inside a block of its own: the server holds that block open
     * (aborted) until a ROLLBACK, which the driver, in autocommit, does not send.
     */
    private void rollbackScriptBlock() throws SQLException {
        if (connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
            try (java.sql.Statement rollback = connection.createStatement()) {
                rollback.execute("ROLLBACK");
            }
        }
    }

    private boolean lockStillHeld() {
        try {
            endTransaction();
            return lock.isHeld();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Runs the statements and commits them with the history row. A transactional migration whose statement,
     * or whose history row's insert, hit the lock timeout was rolled back whole, so it runs again, after a
     * growing pause, while retries are left.
     */
    private Committed runAndCommit(PreparedMigration prepared, ServerMessages messages, List<Statement> completed,
                                   long started, boolean lastOfRun) throws StatementFailed, SQLException {
        String name = prepared.migration().displayName();
        for (int retriesDone = 0; ; retriesDone++) {
            Duration pause = limits.pause(retriesDone + 1);
            try {
                runStatements(prepared, messages, completed);
                int elapsedMs = elapsedMs(started);
                try (StatementWatcher.Watch ignored = watcher.watchCommit(name, completed.size(), prepared.statements().size(),
                        lastLine(prepared), history.displayName())) {
                    return new Committed(commit(prepared, elapsedMs, lastOfRun, retriesDone), elapsedMs);
                }
            } catch (StatementFailed failed) {
                failed.retriesDone = retriesDone;
                failed.blockers = watcher.blockersSeen();
                if (!limits.retries(prepared.autocommit(), failed.failure.sqlState(), retriesDone) || watcher.deadPath().isPresent()) {
                    throw failed;
                }
                if (!startOver(new LockRetry(name, failed.failure.statement().line(), retriesDone + 1, limits.lockRetries(),
                        pause, failed.blockers), completed)) {
                    throw failed;
                }
            } catch (HistoryRowTimedOut timedOut) {
                if (!startOver(new LockRetry(name, lastLine(prepared), retriesDone + 1, limits.lockRetries(), pause,
                        timedOut.blockers, history.displayName()), completed)) {
                    throw recordCommitFailure(prepared, timedOut.cause, timedOut.elapsedMs, retriesDone, timedOut.blockers);
                }
            }
        }
    }

    /**
     * Rolls back the attempt that hit the lock timeout, tells the retry, and waits its pause.
     *
     * @return false when the pause was interrupted: the run stops with the failure instead
     */
    private boolean startOver(LockRetry retry, List<Statement> completed) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        completed.clear();
        listener.retryingAfterLockTimeout(retry);
        if (!slept(retry.pause())) {
            return false;
        }
        // Outside the transaction, as before the first attempt: the retried script's first statement must
        // again be its transaction's first.
        connection.setAutoCommit(true);
        resetSession();
        connection.setAutoCommit(false);
        return true;
    }

    /** One run of the statements, the each-migration callbacks' among them, in the migration's transaction. */
    private void runStatements(PreparedMigration prepared, ServerMessages messages, List<Statement> completed)
            throws StatementFailed {
        String name = prepared.migration().displayName();
        List<Step> steps = steps(prepared);
        int total = steps.size();
        for (Step step : steps) {
            if (step.first()) {
                listener.callbackRunning(step.callback().callback().loggedName(), name);
            }
            try (StatementWatcher.Watch ignored = watcher.watch(name, completed.size(), total, step.statement().line(),
                    StatementWatcher.Call.STATEMENT)) {
                execute(step, messages, completed);
            }
            completed.add(step.statement());
            if (step.last()) {
                listener.callbackRan(step.callback().callback().loggedName(), name, elapsedMs(step.callbackStarted()));
            }
        }
    }

    /** @return false when interrupted, the interrupt kept for the caller */
    private static boolean slept(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int lastLine(PreparedMigration prepared) {
        List<Statement> statements = prepared.statements();
        return statements.isEmpty() ? 1 : statements.get(statements.size() - 1).line();
    }

    /**
     * One statement to run in a migration's transaction: the migration's own, or a beforeEachMigrate or
     * afterEachMigrate callback's, which failures then name.
     *
     * @param callback null for the migration's own statements
     * @param first    the callback's first statement, when its start is told
     * @param last     the callback's last statement, when its end is told
     */
    private record Step(Statement statement, PreparedCallback callback, boolean first, boolean last, long[] started) {

        long callbackStarted() {
            return started[0];
        }
    }

    /** How many of the migration's own statements had run, each-migration callbacks' left out. */
    private static int ownCompleted(PreparedMigration prepared, StatementFailure failure) {
        return (int) failure.completed().stream().filter(prepared.statements()::contains).count();
    }

    private List<Step> steps(PreparedMigration prepared) {
        if (callbacks.before().isEmpty() && callbacks.after().isEmpty()) {
            return prepared.statements().stream().map(s -> new Step(s, null, false, false, null)).toList();
        }
        List<Step> steps = new ArrayList<>();
        List<Statement> own = prepared.statements();
        // A wrapped script's BEGIN modes became SET TRANSACTION, which must stay its transaction's first statement.
        if (prepared.startsWithSetTransaction()) {
            steps.add(new Step(own.get(0), null, false, false, null));
            own = own.subList(1, own.size());
        }
        callbacks.before().forEach(callback -> addSteps(steps, callback));
        own.forEach(s -> steps.add(new Step(s, null, false, false, null)));
        callbacks.after().forEach(callback -> addSteps(steps, callback));
        return steps;
    }

    private static void addSteps(List<Step> steps, PreparedCallback callback) {
        List<Statement> statements = callback.statements();
        long[] started = new long[1];
        for (int i = 0; i < statements.size(); i++) {
            steps.add(new Step(statements.get(i), callback, i == 0, i == statements.size() - 1, started));
        }
    }

    private void execute(Step step, ServerMessages messages, List<Statement> completed) throws StatementFailed {
        if (step.first()) {
            step.started()[0] = System.nanoTime();
        }
        try {
            execute(step.statement(), messages, completed);
        } catch (StatementFailed failed) {
            failed.callback = step.callback();
            throw failed;
        }
    }

    private void execute(Statement statement, ServerMessages messages, List<Statement> completed) throws StatementFailed {
        try {
            if (statement.kind() == StatementKind.COPY_FROM_STDIN) {
                new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(statement.sql(), new StringReader(statement.copyData()));
                messages.forward(connection);
            } else {
                try (java.sql.Statement jdbc = AsWritten.statement(connection)) {
                    jdbc.execute(statement.sql());
                    messages.forward(jdbc);
                }
                // CREATE INDEX CONCURRENTLY is of this kind; other statements are not read a second time.
                if (statement.kind() == StatementKind.NON_TRANSACTIONAL) {
                    InvalidIndexSkipped.check(connection, statement.sql());
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
        SourcePosition position = migration.sql().asWritten(failure.position());
        String where = migration.source() + " line " + position.line() + ", column " + position.column();
        if (watcher.deadPath().isPresent()) {
            return DeadPathFailure.during(prepared, failure, watcher.deadPath().get());
        }
        if (failed.callback != null) {
            return recordCallbackFailure(prepared, failed.callback, failure, elapsedMs);
        }
        String limit = limits.explain(prepared.autocommit(), failure, failed.retriesDone, failed.blockers);
        // A limit's failure is not the script's: its explanation says what to do about the lock or the timeout.
        String outcome = recordFailedAttempt(migration, elapsedMs, where + ": " + failure.serverText()
                + (limit.isEmpty() ? "" : System.lineSeparator() + limit), nextStep(failure, limit));
        String message = "Migration " + migration.displayName() + " failed at " + where + ":" + System.lineSeparator()
                + failure.serverText() + System.lineSeparator()
                + "Statement: " + PreparedMigration.firstWords(failure.statement().sql()) + System.lineSeparator()
                + (limit.isEmpty() ? "" : limit + System.lineSeparator())
                // A limit's own explanation (lock or statement timeout) already says what to do.
                + consequences(prepared, failure) + " " + outcome + (limit.isEmpty() ? advice(failure.cause()) : "")
                + newEnumValueHint(prepared, failure);
        return new MigrationFailedException(migration.source(), position.line(), failure.sqlState(), message, failure.cause());
    }

    /**
     * A beforeEachMigrate or afterEachMigrate statement failed: the migration's transaction is rolled back
     * with it, and its failed attempt names the callback's file and line.
     */
    private MigrationFailedException recordCallbackFailure(PreparedMigration prepared, PreparedCallback callback,
                                                          StatementFailure failure, int elapsedMs) {
        Migration migration = prepared.migration();
        SourcePosition position = callback.sent().asWritten(failure.position());
        String where = CallbackRunner.where(callback.callback(), position);
        String outcome = recordFailedAttempt(migration, elapsedMs, "callback " + callback.callback().displayName() + " at " + where
                + ": " + failure.serverText());
        String message = "Migration " + migration.displayName() + " failed: its callback " + callback.callback().displayName()
                + " failed at " + where + ":" + System.lineSeparator()
                + failure.serverText() + System.lineSeparator()
                + "Statement: " + PreparedMigration.firstWords(failure.statement().sql()) + System.lineSeparator()
                + consequences(prepared, failure) + " " + outcome.replace("fix the script", "fix the callback");
        return new CallbackFailedException(callback.callback().source(), position.line(), failure.sqlState(), message,
                failure.cause());
    }

    /**
     * Every statement ran, but writing the history row, or the commit that goes with it, failed.
     *
     * @param retriesDone how often the migration ran again after a lock timeout
     * @param blockers    who held the lock the row's insert waited for, as the watcher last saw them
     */
    private MigrationFailedException recordCommitFailure(PreparedMigration prepared, SQLException cause, int elapsedMs,
                                                         int retriesDone, List<Blocker> blockers) {
        Migration migration = prepared.migration();
        int lastLine = lastLine(prepared);
        String serverText = StatementFailure.serverText(cause);
        String where = migration.source() + " after its last statement (line " + lastLine + ")";
        if (watcher.deadPath().isPresent()) {
            return DeadPathFailure.atCommit(prepared, lastLine, cause, watcher.deadPath().get());
        }
        String limit = StatementLimits.LOCK_NOT_AVAILABLE.equals(cause.getSQLState())
                ? limits.explainHistoryRow(prepared.autocommit(), history.displayName(), retriesDone, blockers) : "";
        String outcome = limit.isEmpty()
                ? recordFailedAttempt(migration, elapsedMs, where + ": " + serverText)
                : recordFailedAttempt(migration, elapsedMs, where + ": " + serverText + System.lineSeparator() + limit,
                        "the next migrate retries it.", blockers);
        String consequences = prepared.autocommit()
                ? "It runs outside a transaction, so its statements took effect and remain in the database, but it is not recorded as applied."
                : "Its transaction was rolled back: nothing of " + migration.displayName() + " remains.";
        String message = "Migration " + migration.displayName() + " failed when it was committed with its history row, " + where
                + ":" + System.lineSeparator() + serverText + System.lineSeparator()
                + (limit.isEmpty() ? "" : limit + System.lineSeparator())
                // The lock timeout's explanation already says whom to wait for and what to do.
                + consequences + " " + outcome + (limit.isEmpty() ? advice(cause) : "");
        return new MigrationFailedException(migration.source(), lastLine, cause.getSQLState(), message, cause);
    }

    private ConnectionLostException lostBefore(PreparedMigration prepared, SQLException cause) {
        Migration migration = prepared.migration();
        return new ConnectionLostException(migration.source(), 1, cause.getSQLState(), "Migration " + migration.displayName()
                + " (" + migration.source() + ") did not start: the connection to the server was lost (connection lost): "
                + StatementFailure.serverText(cause) + System.lineSeparator() + "Nothing of it ran. " + LOST_FIX, cause);
    }

    /** The connection died while a statement ran: say what that statement's fate means, then what the history shows. */
    private ConnectionLostException lostDuringStatement(PreparedMigration prepared, StatementFailure failure, int elapsedMs) {
        Migration migration = prepared.migration();
        SourcePosition position = migration.sql().asWritten(failure.position());
        String where = migration.source() + " line " + position.line() + ", column " + position.column();
        String happened = prepared.autocommit()
                ? lostOutsideTransaction(prepared, failure)
                : "Its transaction had not been committed, so the server rolled it back: nothing of " + migration.displayName() + " remains.";
        ConnectionLoss.Finding finding = connectionLoss.find(migration,
                attempt(migration, elapsedMs, false, where + ": connection lost: " + failure.serverText()));
        String message = "Migration " + migration.displayName() + " failed at " + where + ": the connection to the server was "
                + "lost (connection lost) while this statement ran:" + System.lineSeparator()
                + failure.serverText() + System.lineSeparator()
                + "Statement: " + PreparedMigration.firstWords(failure.statement().sql()) + System.lineSeparator()
                + happened + " " + (finding instanceof ConnectionLoss.Applied applied
                        ? "On reconnecting, " + history.displayName() + " shows " + migration.displayName() + " applied by another "
                                + "run since (rank " + applied.row().installedRank() + ", " + applied.row().installedOn() + " by "
                                + applied.row().installedBy() + ")."
                        : describe(finding, migration)) + " " + LOST_FIX;
        return new ConnectionLostException(migration.source(), position.line(), failure.sqlState(), message, failure.cause());
    }

    private static String lostOutsideTransaction(PreparedMigration prepared, StatementFailure failure) {
        return AutocommitEffects.describe(prepared, ownCompleted(prepared, failure)) + " Whether the statement that was running "
                + "took effect is unknown (a CREATE INDEX CONCURRENTLY may leave an INVALID index): make the script safe to "
                + "re-run (IF NOT EXISTS) before retrying.";
    }

    /**
     * The connection died in the round trip that commits: only the history can tell whether the
     * commit went through, so the engine reconnects and reads it rather than guess.
     */
    private RuntimeException lostDuringCommit(PreparedMigration prepared, SQLException cause, int elapsedMs) {
        Migration migration = prepared.migration();
        List<Statement> statements = prepared.statements();
        int lastLine = statements.isEmpty() ? 1 : statements.get(statements.size() - 1).line();
        String where = migration.source() + " after its last statement (line " + lastLine + ")";
        ConnectionLoss.Finding finding = connectionLoss.find(migration,
                attempt(migration, elapsedMs, false, where + ": connection lost during the commit: " + StatementFailure.serverText(cause)));
        String lost = "The connection to the server was lost while migration " + migration.displayName() + " was being committed "
                + "with its history row (" + where + "; connection lost): " + StatementFailure.serverText(cause) + System.lineSeparator();
        if (finding instanceof ConnectionLoss.Applied applied) {
            MigrationInfo info = new MigrationInfo(versionText(migration), migration.name(), migration.script(),
                    MigrationState.APPLIED, migration.checksum().hex(), applied.row().installedOn(), applied.row().installedBy(),
                    applied.row().executionTimeMs());
            return new CommittedThenLost(info, lost + describe(finding, migration), cause);
        }
        String happened = finding instanceof ConnectionLoss.NotApplied
                ? (prepared.autocommit()
                        ? "It runs outside a transaction, so its statements took effect and remain in the database, but it is not recorded as applied."
                        : "Its transaction was rolled back by the server: nothing of " + migration.displayName() + " remains.")
                : "Whether the commit went through is unknown.";
        return new ConnectionLostException(migration.source(), lastLine, cause.getSQLState(),
                lost + happened + " " + describe(finding, migration) + " " + LOST_FIX, cause);
    }

    private String describe(ConnectionLoss.Finding finding, Migration migration) {
        if (finding instanceof ConnectionLoss.Applied applied) {
            return "On reconnecting, " + history.displayName() + " shows " + migration.displayName() + " applied (rank "
                    + applied.row().installedRank() + ", " + applied.row().installedOn() + " by " + applied.row().installedBy()
                    + "): its commit went through.";
        }
        if (finding instanceof ConnectionLoss.NotApplied notApplied) {
            return "On reconnecting, " + history.displayName() + " shows it not applied. " + notApplied.recorded();
        }
        ConnectionLoss.Unknown unknown = (ConnectionLoss.Unknown) finding;
        String row = migration.repeatable()
                ? "kind = 'REPEATABLE' AND name = '" + migration.name().replace("'", "''") + "' AND checksum = '" + migration.checksum().hex() + "'"
                : "version = '" + migration.version().text() + "'";
        return "The engine could not read the history again (" + unknown.reason() + "): check with SELECT success, installed_on FROM "
                + history.qualifiedName() + " WHERE " + row + "; a row with success true means it was applied.";
    }

    /** At the commit the session no longer held the lock: stop before anything could be applied twice. */
    private LockLostException lockLost(PreparedMigration prepared, SQLException cause) {
        Migration migration = prepared.migration();
        List<Statement> statements = prepared.statements();
        int lastLine = statements.isEmpty() ? 1 : statements.get(statements.size() - 1).line();
        String effect = prepared.autocommit()
                ? "It runs outside a transaction, so its statements took effect and remain in the database, but it was not recorded as applied."
                : "Its transaction was rolled back: nothing of " + migration.displayName() + " remains, and it was not recorded.";
        return new LockLostException(migration.source(), lastLine, "Migration " + migration.displayName() + " (" + migration.source()
                + ") was not committed: this run no longer held the migration lock on " + history.displayName()
                + " when it came to commit. Something in the session released it (pg_advisory_unlock_all() or DISCARD ALL in a "
                + "script), or a connection pooler moved the session to another server connection. " + effect
                + " The run stopped so that nothing is applied twice: another run may be migrating now. Remove whatever "
                + "releases advisory locks from the script (or connect directly to PostgreSQL) and run migrate again.", cause);
    }

    /** What to do after a failed attempt, for its message: a limit's or a skipped INVALID index's failure is not the script's. */
    private static String nextStep(StatementFailure failure, String limit) {
        if (failure.cause() instanceof InvalidIndexSkipped) {
            return "once the INVALID index is dropped, the next migrate retries it.";
        }
        return limit.isEmpty() ? "fix the script and run migrate again to retry it." : "the next migrate retries it.";
    }

    /** Rolls back what is left of the attempt and records it, in a transaction of its own; says how that went. */
    private String recordFailedAttempt(Migration migration, int elapsedMs, String recorded) {
        return recordFailedAttempt(migration, elapsedMs, recorded, "fix the script and run migrate again to retry it.");
    }

    /** @param then what to do next, after "The attempt was recorded in ...; " */
    private String recordFailedAttempt(Migration migration, int elapsedMs, String recorded, String then) {
        return recordFailedAttempt(migration, elapsedMs, recorded, then, List.of());
    }

    /**
     * @param historyHolders who was seen holding the history table locked, when the attempt's own row waited
     *                       for it; empty when not known
     */
    private String recordFailedAttempt(Migration migration, int elapsedMs, String recorded, String then,
                                       List<Blocker> historyHolders) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                rollbackScriptBlock();
            }
            resetSession();
            history.record(connection, attempt(migration, elapsedMs, false, recorded), "", lock.heldCondition(), "");
            return "The attempt was recorded in " + history.displayName() + "; " + then;
        } catch (SQLException e) {
            if (StatementLimits.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return notRecordedHistoryLocked(historyHolders);
            }
            return "Recording the failed attempt failed too (" + StatementFailure.serverText(e) + "); check the connection "
                    + "to the server.";
        }
    }

    /** The failed attempt's own row waited longer than the lock timeout: the history table is still held. */
    private String notRecordedHistoryLocked(List<Blocker> holders) {
        String holder = holders.isEmpty()
                ? "another session (SELECT pid, mode FROM pg_catalog.pg_locks WHERE relation = '" + history.qualifiedName()
                        .replace("'", "''") + "'::pg_catalog.regclass shows which)"
                : LockWait.describe(holders);
        return "The failed attempt could not be recorded: history table " + history.displayName() + " is locked by "
                + holder + ", and its row waited longer than the lock timeout too. Nothing of the attempt is recorded; "
                + "once that session has let go, run migrate again.";
    }

    /**
     * What the failure's kind means and how to fix it (a missing GRANT, a standby, a timeout), on a line
     * of its own; nothing for an error the server's own message explains. Asked after the failed attempt
     * was recorded, when the connection (if it still lives) is out of the failed transaction.
     */
    private String advice(SQLException cause) {
        String fix = DatabaseFailure.classify(cause, DatabaseFailure.Situation.working(null, null, connection)).fix();
        return fix.isEmpty() ? "" : System.lineSeparator() + fix;
    }

    /**
     * PostgreSQL 12+ runs ALTER TYPE ... ADD VALUE in a transaction but refuses a use of the new value
     * before it commits: the script then needs the mode its own tool ran it in.
     */
    private static String newEnumValueHint(PreparedMigration prepared, StatementFailure failure) {
        if (!UNSAFE_NEW_ENUM_VALUE.equals(failure.sqlState()) || prepared.autocommit()) {
            return "";
        }
        return System.lineSeparator() + "The script adds an enum value (ALTER TYPE ... ADD VALUE) and uses it in the same "
                + "transaction, which PostgreSQL refuses. Put '-- hotgigs:transaction none' above its first statement to run "
                + "it statement by statement (not atomic with its history row), or move the use into a later migration.";
    }

    private String consequences(PreparedMigration prepared, StatementFailure failure) {
        String name = prepared.migration().displayName();
        if (!prepared.autocommit()) {
            return "Its transaction was rolled back: nothing of " + name + " remains.";
        }
        String done = AutocommitEffects.describe(prepared, ownCompleted(prepared, failure));
        // A skipped INVALID index is the failure itself, whose message already says how to drop it.
        if (!(failure.cause() instanceof InvalidIndexSkipped)) {
            done += ConcurrentIndexHint.describe(connection, failure.statement().sql());
        }
        return done;
    }

    private void resetSession() throws SQLException {
        try (java.sql.Statement reset = connection.createStatement()) {
            reset.execute(sessionReset);
        }
    }

    /** A repeatable's row has no version; its checksum is of the text as sent, so its next change is seen. */
    private NewAttempt attempt(Migration migration, int elapsedMs, boolean success, String error) {
        return new NewAttempt(migration.repeatable() ? RowKind.REPEATABLE : RowKind.MIGRATION, versionText(migration),
                migration.name(), migration.script(), migration.checksum().hex(), elapsedMs, success,
                error == null ? null : hideSecrets.apply(error), null);
    }

    private static String versionText(Migration migration) {
        return migration.repeatable() ? null : migration.version().text();
    }

    private static MigrationInfo pendingInfo(PreparedMigration prepared) {
        Migration migration = prepared.migration();
        return new MigrationInfo(versionText(migration), migration.name(), migration.script(),
                MigrationState.PENDING, migration.checksum().hex(), null, null, null, prepared.mode());
    }

    private static int elapsedMs(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /**
     * The connection was lost in the round trip that commits a migration, and the history, read
     * again, shows that the commit went through. The caller decides whether the run is done.
     */
    public static final class CommittedThenLost extends RuntimeException {
        private final transient MigrationInfo applied;

        CommittedThenLost(MigrationInfo applied, String message, SQLException cause) {
            super(message, cause);
            this.applied = applied;
        }

        public MigrationInfo applied() {
            return applied;
        }
    }

    /** A migration's history row, written with its commit, and the execution time it records. */
    private record Committed(RecordedAttempt recorded, int elapsedMs) {
    }

    /**
     * The history row's insert hit the lock timeout, the transaction rolled back whole, with retries left;
     * never escapes this class.
     */
    private static final class HistoryRowTimedOut extends Exception {
        private final transient SQLException cause;
        private final int elapsedMs;
        private final transient List<Blocker> blockers;

        HistoryRowTimedOut(SQLException cause, int elapsedMs, List<Blocker> blockers) {
            super(null, null, false, false);
            this.cause = cause;
            this.elapsedMs = elapsedMs;
            this.blockers = blockers;
        }
    }

    /** Carries a located failure out of the statement loop; never escapes this class. */
    private static final class StatementFailed extends Exception {
        private final transient StatementFailure failure;
        private int retriesDone;
        private transient List<Blocker> blockers = List.of();
        /** The each-migration callback whose statement failed; null for the migration's own. */
        private transient PreparedCallback callback;

        StatementFailed(StatementFailure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
