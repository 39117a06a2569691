package com.hotgigs.migrate.status;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.history.AppliedMigration;
import com.hotgigs.migrate.history.RowKind;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Local migrations set against the history table: the state of each, and every disagreement as a
 * sentence that names the migration and the fix.
 */
public final class HistoryComparison {

    private final List<MigrationInfo> migrations = new ArrayList<>();
    private final List<Migration> pending = new ArrayList<>();
    private final List<String> integrityProblems = new ArrayList<>();
    private final List<String> failedProblems = new ArrayList<>();
    private final List<String> orderProblems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Edited> edited = new ArrayList<>();
    private final List<AppliedMigration> missing = new ArrayList<>();
    private Version currentVersion;
    private String currentVersionText;

    /**
     * @param locations    where the local migrations were looked for, for the warning when none was found
     * @param historyTable schema.table, for the recovery SQL the messages suggest
     */
    public HistoryComparison(List<Migration> local, List<String> locations, List<AppliedMigration> history, boolean outOfOrder,
                             String historyTable) {
        this(local, false, locations, history, outOfOrder, historyTable);
    }

    /** @param otherScripts whether the locations hold repeatables or callbacks, so that they are not empty */
    public HistoryComparison(List<Migration> local, boolean otherScripts, List<String> locations, List<AppliedMigration> history,
                             boolean outOfOrder, String historyTable) {
        if (local.isEmpty() && !otherScripts) {
            // Not an error (a new project may have none yet), but a mistyped location looks the same.
            warnings.add("No migration files were found in " + String.join(", ", locations)
                    + ". If there should be some, check hotgigs.locations (for classpath: locations, that the artifact "
                    + "holding them is a dependency of the plugin).");
        }
        // Hash maps and one sort of the versions: a history of thousands is compared in a few milliseconds.
        Map<Version, Migration> localByVersion = new HashMap<>();
        local.forEach(migration -> localByVersion.put(migration.version(), migration));
        Map<Version, List<AppliedMigration>> attempts = new HashMap<>();
        for (AppliedMigration row : history) {
            if (row.kind() == RowKind.REPEATABLE) {
                // Repeatable runs have no version; they are compared by name, not here.
                continue;
            }
            Version version = row.parsedVersion();
            if (version == null) {
                warnings.add("History row " + row.installedRank() + " of " + historyTable + " has version '" + row.version()
                        + "', which is not a version; it is ignored. Delete the row if it was written by hand.");
            } else {
                attempts.computeIfAbsent(version, key -> new ArrayList<>()).add(row);
            }
        }
        Set<Version> known = new HashSet<>(localByVersion.keySet());
        known.addAll(attempts.keySet());
        known.stream().sorted().forEach(version -> judge(version, localByVersion.get(version),
                attempts.getOrDefault(version, List.of()), historyTable));
        if (!outOfOrder) {
            findOutOfOrder();
        }
    }

    private void judge(Version version, Migration file, List<AppliedMigration> rows, String historyTable) {
        AppliedMigration success = lastSuccess(rows);
        AppliedMigration deleted = success == null ? null : latestAfter(rows, RowKind.DELETED, success);
        if (deleted != null) {
            judgeDeleted(file, success, deleted, historyTable);
            return;
        }
        if (success != null) {
            currentVersion = version;
            currentVersionText = success.version();
            AppliedMigration repair = latestAfter(rows, RowKind.REPAIR, success);
            if (repair != null) {
                // The repaired checksum is the one the file must have now; the applied row keeps the original.
                success = withChecksum(success, repair.checksum());
            }
        }
        if (success != null && file == null) {
            missing.add(success);
            migrations.add(info(success, MigrationState.MISSING, success.checksum()));
            integrityProblems.add("Migration " + success.displayName() + " was applied (" + success.installedOn() + " by "
                    + success.installedBy() + ") but no local migration has version " + version.text()
                    + " any more. Restore " + success.script() + ", or if it was removed on purpose, mark it deleted with "
                    + "hotgigs:repair (its rows stay), or delete its history rows: "
                    + "DELETE FROM " + historyTable + " WHERE version = '" + success.version() + "';");
        } else if (success != null) {
            compareApplied(file, success);
        } else if (rows.stream().anyMatch(row -> row.kind().appliesVersion())) {
            AppliedMigration lastAttempt = lastAttempt(rows);
            migrations.add(info(lastAttempt, MigrationState.FAILED, file == null ? lastAttempt.checksum() : file.checksum().hex()));
            failedProblems.add("Migration " + lastAttempt.displayName() + " failed on its last attempt (" + lastAttempt.installedOn()
                    + ") and was never applied: " + firstLine(lastAttempt.error())
                    + " Fix the script and run migrate, which retries it.");
            if (file != null) {
                pending.add(file);
            }
        } else if (file != null) {
            migrations.add(new MigrationInfo(file.version().text(), file.name(), file.script(), MigrationState.PENDING,
                    file.checksum().hex(), null, null, null));
            pending.add(file);
        }
    }

    private void compareApplied(Migration file, AppliedMigration success) {
        if (!file.checksum().hex().equals(success.checksum())) {
            edited.add(new Edited(file, success.checksum()));
            migrations.add(info(success, MigrationState.CHECKSUM_MISMATCH, file.checksum().hex()));
            integrityProblems.add("Migration " + file.displayName() + " (" + file.source() + ") was edited after it was applied: "
                    + "applied checksum " + success.checksum() + ", local checksum " + file.checksum().hex()
                    + ". Restore the file as it was applied (e.g. git checkout it) and put the change in a new migration; "
                    + "if the edit changes nothing that runs (a comment, formatting) and is meant, realign it with hotgigs:repair.");
            return;
        }
        if (!file.name().equals(success.name())) {
            warnings.add("Migration " + success.displayName() + " was renamed to " + file.displayName()
                    + " after it was applied; its content is unchanged, so it counts as applied.");
        }
        migrations.add(info(success, success.kind() == RowKind.BASELINE ? MigrationState.BASELINE : MigrationState.APPLIED,
                success.checksum()));
    }

    /** Marked deleted by repair: fine while its file stays away, a problem once it is back. */
    private void judgeDeleted(Migration file, AppliedMigration success, AppliedMigration deleted, String historyTable) {
        migrations.add(info(success, MigrationState.DELETED, success.checksum()));
        if (file != null) {
            integrityProblems.add("Migration " + file.displayName() + " (" + file.source() + ") was marked deleted ("
                    + deleted.installedOn() + " by " + deleted.installedBy() + ") but its file is back. Remove the file again, "
                    + "or, if it should count as applied, delete the marker: DELETE FROM " + historyTable + " WHERE version = '"
                    + deleted.version() + "' AND kind = 'DELETED';");
        }
    }

    /** The latest row of a kind that came after the given one, or null. */
    private static AppliedMigration latestAfter(List<AppliedMigration> rows, RowKind kind, AppliedMigration after) {
        AppliedMigration found = null;
        for (AppliedMigration row : rows) {
            if (row.kind() == kind && row.installedRank() > after.installedRank()) {
                found = row;
            }
        }
        return found;
    }

    private static AppliedMigration lastAttempt(List<AppliedMigration> rows) {
        AppliedMigration found = null;
        for (AppliedMigration row : rows) {
            if (row.kind().appliesVersion()) {
                found = row;
            }
        }
        return found;
    }

    private static AppliedMigration withChecksum(AppliedMigration row, String checksum) {
        return new AppliedMigration(row.installedRank(), row.version(), row.name(), row.script(), checksum, row.installedBy(),
                row.installedOn(), row.executionTimeMs(), row.success(), row.error(), row.kind(), row.previousChecksum());
    }

    private void findOutOfOrder() {
        if (currentVersion == null) {
            return;
        }
        for (Migration migration : pending) {
            if (migration.version().compareTo(currentVersion) < 0) {
                orderProblems.add("Migration " + migration.displayName() + " (" + migration.source() + ") is pending but older than "
                        + "the newest applied version " + currentVersionText + ". Give it a version after " + currentVersionText
                        + ", or set hotgigs.outOfOrder=true to apply it anyway.");
            }
        }
    }

    /** The latest successful row that applied its version or, for a repeatable's runs, its text. */
    static AppliedMigration lastSuccess(List<AppliedMigration> rows) {
        AppliedMigration found = null;
        for (AppliedMigration row : rows) {
            if (row.success() && (row.kind().appliesVersion() || row.kind() == RowKind.REPEATABLE)) {
                found = row;
            }
        }
        return found;
    }

    private static MigrationInfo info(AppliedMigration row, MigrationState state, String checksum) {
        return new MigrationInfo(row.version(), row.name(), row.script(), state, checksum,
                row.installedOn(), row.installedBy(), row.executionTimeMs());
    }

    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no error recorded).";
        }
        int newline = text.indexOf('\n');
        String first = (newline < 0 ? text : text.substring(0, newline)).stripTrailing();
        // It is followed by a sentence of its own.
        return first.endsWith(".") ? first : first + ".";
    }

    public List<MigrationInfo> migrations() {
        return List.copyOf(migrations);
    }

    /** Local migrations not yet applied (failed ones included, to be retried), in version order. */
    public List<Migration> pending() {
        return List.copyOf(pending);
    }

    /** Edited or missing applied migrations: a migrate must not go on. */
    public List<String> integrityProblems() {
        return List.copyOf(integrityProblems);
    }

    public List<String> failedProblems() {
        return List.copyOf(failedProblems);
    }

    /** Pending migrations older than the newest applied one, when out-of-order is not allowed. */
    public List<String> orderProblems() {
        return List.copyOf(orderProblems);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * An applied migration whose file has changed since.
     *
     * @param recordedChecksum the checksum the history holds for it now (a repair's, when it was repaired before)
     */
    public record Edited(Migration file, String recordedChecksum) {
    }

    /** Applied migrations whose file has changed since, in version order. */
    public List<Edited> edited() {
        return List.copyOf(edited);
    }

    /** The successful rows of applied migrations no local file has any more, in version order. */
    public List<AppliedMigration> missing() {
        return List.copyOf(missing);
    }

    /** The newest successfully applied version as written, or null. */
    public String currentVersion() {
        return currentVersionText;
    }
}
