package com.hotgigs.migrate.status;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.history.AppliedMigration;
import com.hotgigs.migrate.history.RowKind;
import com.hotgigs.migrate.migration.Migration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Local repeatables set against their runs in the history table, by name: each is applied when
 * it never ran, when its latest attempt failed, or when its checksum (over the text as sent,
 * placeholders replaced) differs from its last successful run.
 */
public final class RepeatableComparison {

    private final List<MigrationInfo> repeatables = new ArrayList<>();
    private final List<Migration> pending = new ArrayList<>();
    private final List<String> failedProblems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param local        the repeatables in the order they are applied, placeholders replaced
     * @param historyTable schema.table, for the SQL the messages suggest
     */
    public RepeatableComparison(List<Migration> local, List<AppliedMigration> history, String historyTable) {
        Map<String, List<AppliedMigration>> runs = new TreeMap<>();
        for (AppliedMigration row : history) {
            if (row.kind() == RowKind.REPEATABLE) {
                runs.computeIfAbsent(row.name(), key -> new ArrayList<>()).add(row);
            }
        }
        Map<String, Migration> byName = new LinkedHashMap<>();
        local.forEach(repeatable -> byName.put(repeatable.name(), repeatable));
        for (Migration repeatable : local) {
            judge(repeatable, runs.getOrDefault(repeatable.name(), List.of()));
        }
        runs.forEach((name, rows) -> {
            if (!byName.containsKey(name)) {
                removed(name, rows, historyTable);
            }
        });
    }

    private void judge(Migration file, List<AppliedMigration> rows) {
        AppliedMigration latest = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        AppliedMigration success = HistoryComparison.lastSuccess(rows);
        if (latest == null) {
            repeatables.add(info(file, MigrationState.PENDING, null));
            pending.add(file);
        } else if (!latest.success()) {
            repeatables.add(info(file, MigrationState.FAILED, latest));
            failedProblems.add("Migration " + file.displayName() + " failed on its last attempt (" + latest.installedOn() + "): "
                    + HistoryComparison.firstLine(latest.error()) + " Fix the script and run migrate, which retries it.");
            pending.add(file);
        } else if (success.checksum().equals(file.checksum().hex())) {
            repeatables.add(info(file, MigrationState.APPLIED, success));
        } else {
            repeatables.add(info(file, MigrationState.OUTDATED, success));
            pending.add(file);
        }
    }

    /** Its file is gone: said, and never undone by us; what it made may be in use. */
    private void removed(String name, List<AppliedMigration> rows, String historyTable) {
        AppliedMigration latest = rows.get(rows.size() - 1);
        AppliedMigration shown = HistoryComparison.lastSuccess(rows) == null ? latest : HistoryComparison.lastSuccess(rows);
        repeatables.add(new MigrationInfo(null, name, shown.script(), MigrationState.MISSING, shown.checksum(),
                shown.installedOn(), shown.installedBy(), shown.executionTimeMs()));
        warnings.add("Repeatable migration " + Migration.REPEATABLE_PREFIX + name + " (" + shown.script() + ") ran ("
                + shown.installedOn() + " by " + shown.installedBy() + ") but has no local file any more. What it created "
                + "stays in the database: hotgigs-migrate never drops it. Drop it in a versioned migration if it should go, "
                + "then forget its runs: DELETE FROM " + historyTable + " WHERE kind = 'REPEATABLE' AND name = '"
                + name.replace("'", "''") + "';");
    }

    private static MigrationInfo info(Migration file, MigrationState state, AppliedMigration row) {
        return new MigrationInfo(null, file.name(), file.script(), state, file.checksum().hex(),
                row == null ? null : row.installedOn(), row == null ? null : row.installedBy(),
                row == null ? null : row.executionTimeMs());
    }

    /** Every repeatable, local or recorded, in the order they are applied, removed ones last. */
    public List<MigrationInfo> repeatables() {
        return List.copyOf(repeatables);
    }

    /** The repeatables the next migrate applies, in order. */
    public List<Migration> pending() {
        return List.copyOf(pending);
    }

    public List<String> failedProblems() {
        return List.copyOf(failedProblems);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
