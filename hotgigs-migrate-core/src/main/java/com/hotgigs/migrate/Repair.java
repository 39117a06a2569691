package com.hotgigs.migrate;

import com.hotgigs.migrate.history.AppliedMigration;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.history.NewAttempt;
import com.hotgigs.migrate.history.RecordedAttempt;
import com.hotgigs.migrate.history.RowKind;
import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.status.HistoryComparison;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Realigns the history with decisions a person made: an applied migration edited on purpose gets a
 * REPAIR row with the file's checksum (the old one in {@code previous_checksum}); one whose file was
 * removed on purpose gets a DELETED row. Rows are only added, never changed or removed, so the audit
 * trail stays whole. Under the caller's lock, in one transaction.
 */
final class Repair {

    private final HistoryTable history;

    Repair(HistoryTable history) {
        this.history = history;
    }

    List<RepairResult.Change> run(Connection connection, HistoryComparison comparison, MigrationLock lock) throws SQLException {
        List<RepairResult.Change> changes = new ArrayList<>();
        if (comparison.edited().isEmpty() && comparison.missing().isEmpty()) {
            return changes;
        }
        return OneTransaction.run(connection, () -> {
            for (HistoryComparison.Edited edited : comparison.edited()) {
                Migration file = edited.file();
                RecordedAttempt row = history.record(connection, new NewAttempt(RowKind.REPAIR, file.version().text(), file.name(),
                        file.script(), file.checksum().hex(), 0, true, null, edited.recordedChecksum()), "", lock.heldCondition(), "");
                changes.add(new RepairResult.Change(file.displayName(), true, edited.recordedChecksum(), file.checksum().hex(),
                        row.installedBy()));
            }
            for (AppliedMigration gone : comparison.missing()) {
                RecordedAttempt row = history.record(connection, new NewAttempt(RowKind.DELETED, gone.version(), gone.name(),
                        gone.script(), gone.checksum(), 0, true, null, null), "", lock.heldCondition(), "");
                changes.add(new RepairResult.Change(gone.displayName(), false, gone.checksum(), gone.checksum(), row.installedBy()));
            }
            return changes;
        });
    }
}
