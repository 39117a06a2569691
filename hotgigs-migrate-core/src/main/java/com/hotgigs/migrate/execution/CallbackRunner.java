package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.CallbackFailedException;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.migration.Callback;
import com.hotgigs.migrate.sql.SourcePosition;
import com.hotgigs.migrate.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the callbacks of a whole run (beforeMigrate, afterMigrate, beforeValidate, ...), each in a
 * transaction of its own, or statement by statement when it must run outside one. The read-only
 * events' callbacks run in a read-only transaction that is rolled back, so validate and status
 * still change nothing. Nothing is recorded in the history.
 */
public final class CallbackRunner {

    private final Connection connection;
    private final MigrationListener listener;

    public CallbackRunner(Connection connection, MigrationListener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /**
     * Runs each callback in order; the first that fails stops the rest.
     *
     * @param consequence what a failure means for the run, for the message (e.g. "No migration ran.")
     * @throws CallbackFailedException naming the callback's file and line; its transaction was rolled back
     */
    public void run(List<PreparedCallback> callbacks, String consequence) throws SQLException {
        run(callbacks, consequence, null);
    }

    /** @param migration the migration the callbacks run for (afterEachMigrateError's), told with them; null for the run's */
    public void run(List<PreparedCallback> callbacks, String consequence, String migration) throws SQLException {
        for (PreparedCallback callback : callbacks) {
            run(callback, consequence, migration);
        }
    }

    private void run(PreparedCallback prepared, String consequence, String migration) throws SQLException {
        Callback callback = prepared.callback();
        boolean readOnly = callback.event().readOnly();
        listener.callbackRunning(callback.loggedName(), migration);
        long started = System.nanoTime();
        ServerMessages messages = new ServerMessages(listener, callback.loggedName());
        List<Statement> completed = new ArrayList<>();
        connection.setAutoCommit(prepared.autocommit());
        try {
            if (readOnly) {
                try (java.sql.Statement jdbc = connection.createStatement()) {
                    jdbc.execute("SET TRANSACTION READ ONLY");
                }
            }
            for (Statement statement : prepared.statements()) {
                try (java.sql.Statement jdbc = AsWritten.statement(connection)) {
                    jdbc.execute(statement.sql());
                    messages.forward(jdbc);
                } catch (SQLException e) {
                    throw failed(prepared, new StatementFailure(statement, e, List.copyOf(completed)), consequence);
                }
                completed.add(statement);
            }
            if (!prepared.autocommit()) {
                if (readOnly) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
            }
        } finally {
            if (!connection.getAutoCommit()) {
                rollbackQuietly();
            }
        }
        listener.callbackRan(callback.loggedName(), migration, (System.nanoTime() - started) / 1_000_000);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection is gone; the callback's own failure is what is reported.
        }
    }

    /** The message for a callback statement the server refused: where, what PostgreSQL said, what it means. */
    static CallbackFailedException failed(PreparedCallback prepared, StatementFailure failure, String consequence) {
        Callback callback = prepared.callback();
        SourcePosition position = prepared.sent().asWritten(failure.position());
        String effect = prepared.autocommit()
                ? "It runs outside a transaction: its statements before this one took effect."
                : callback.event().readOnly() ? "It ran in a read-only transaction, which was rolled back."
                : "Its transaction was rolled back.";
        return new CallbackFailedException(callback.source(), position.line(), failure.sqlState(), "Callback "
                + callback.displayName() + " failed at " + where(callback, position) + ":" + System.lineSeparator()
                + failure.serverText() + System.lineSeparator()
                + "Statement: " + PreparedMigration.firstWords(failure.statement().sql()) + System.lineSeparator()
                + effect + " " + consequence + " Callbacks are never recorded in the history; fix the callback and run the goal again.",
                failure.cause());
    }

    static String where(Callback callback, SourcePosition position) {
        return callback.source() + " line " + position.line() + ", column " + position.column();
    }
}
