package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.connection.ConnectionFactory;
import com.hotgigs.migrate.connection.Reconnection;
import com.hotgigs.migrate.history.AppliedMigration;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.history.RowKind;
import com.hotgigs.migrate.history.NewAttempt;
import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.migration.Migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a run does when it loses its connection in the middle of a migration: it reconnects (waiting
 * for a restarting server a while), reads the history to learn what the server actually kept, and
 * records a failed attempt when the migration did not commit and no other run holds the lock.
 */
final class ConnectionLoss {

    private final ConnectionFactory connections;
    private final HistoryTable history;
    private final MigrationListener listener;

    ConnectionLoss(ConnectionFactory connections, HistoryTable history, MigrationListener listener) {
        this.connections = connections;
        this.history = history;
        this.listener = listener;
    }

    static boolean isLost(Connection connection, SQLException e) {
        return Reconnection.isLost(connection, e);
    }

    /** What the history shows after the loss. */
    sealed interface Finding permits Applied, NotApplied, Unknown {
    }

    /** The migration is recorded as applied: its commit went through. */
    record Applied(AppliedMigration row) implements Finding {
    }

    /** The migration is not recorded as applied; {@code recorded} says what became of its failed attempt. */
    record NotApplied(String recorded) implements Finding {
    }

    /** The engine could not reconnect to look; {@code reason} says why. */
    record Unknown(String reason) implements Finding {
    }

    /**
     * Reconnects and reads the history for {@code migration}; when it is not applied, records
     * {@code failedAttempt} under the lock if the lock is free.
     */
    Finding find(Migration migration, NewAttempt failedAttempt) {
        Optional<Connection> reconnected = Reconnection.reconnect(connections::openBounded);
        if (reconnected.isEmpty()) {
            return new Unknown("the server could not be reached again within " + Reconnection.WAIT.toSeconds() + " s");
        }
        try (Connection connection = reconnected.get()) {
            Optional<AppliedMigration> success = successOf(connection, migration);
            if (success.isPresent()) {
                return new Applied(success.get());
            }
            return new NotApplied(recordUnderLock(connection, failedAttempt));
        } catch (SQLException | MigrationException e) {
            return new Unknown("reading " + history.displayName() + " again failed: " + e.getMessage());
        }
    }

    private Optional<AppliedMigration> successOf(Connection connection, Migration migration) throws SQLException {
        int format = history.format(connection);
        if (format == 0) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = history.readAll(connection, format);
        if (migration.repeatable()) {
            // The run that lost its connection held the lock, so a later successful run of this text is its own.
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1))
                    .filter(row -> row.success() && row.kind() == RowKind.REPEATABLE && row.name().equals(migration.name())
                            && row.checksum().equals(migration.checksum().hex()));
        }
        return rows.stream()
                .filter(row -> row.success() && row.kind().appliesVersion() && migration.version().equals(row.parsedVersion()))
                .reduce((first, second) -> second);
    }

    private String recordUnderLock(Connection connection, NewAttempt failedAttempt) throws SQLException {
        Optional<MigrationLock> lock = MigrationLock.tryAcquire(connection, history.displayName(), listener);
        if (lock.isEmpty()) {
            return "Another run holds the migration lock now, so this attempt was not recorded in " + history.displayName() + ".";
        }
        try (MigrationLock held = lock.get()) {
            if (!history.existsAsHistory(connection)) {
                return "The attempt was not recorded: " + history.displayName() + " does not exist.";
            }
            history.record(connection, failedAttempt, "", held.heldCondition(), "");
            return "The attempt was recorded in " + history.displayName() + ".";
        }
    }
}
