package com.hotgigs.migrate;

import com.hotgigs.migrate.flyway.FlywayChecksum;
import com.hotgigs.migrate.flyway.FlywayRow;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What of Flyway's history can be taken over, checked against the local files before anything is
 * written: every successful versioned row needs its file, unchanged since Flyway ran it (Flyway's
 * CRC-32 of it equals the recorded one), unless Flyway's repair marked it deleted (a DELETE row after
 * it): that one is imported as applied and marked deleted, file or not. Failed rows are reported, not
 * imported. Each repeatable Flyway ran successfully has its latest successful run imported as a run of ours: with our checksum
 * when the local file, placeholders replaced as Flyway checksums a repeatable, still has Flyway's
 * CRC-32 (so it is not applied again); with Flyway's checksum when it changed since or has no local
 * file, so it shows as outdated (the next migrate applies it, as Flyway would) or missing. Flyway's
 * schema creation row ({@code << Flyway Schema Creation >>}) is no migration and is left out.
 *
 * @param imported    the versioned rows to import as IMPORT rows, with their files, in Flyway's order
 * @param deleted     the versioned rows {@code flyway repair} marked deleted, to import as IMPORT rows each followed by a
 *                    DELETED row, as hotgigs:repair marks a migration whose file was removed on purpose
 * @param baselined   the local files at or below a Flyway baseline marker, which Flyway never ran: BASELINE rows
 * @param repeatables the repeatables' runs to import as REPEATABLE rows, by name
 * @param warnings    what was left out or will run again, and why
 */
record FlywayImport(List<Imported> imported, List<Deleted> deleted, List<Migration> baselined,
                    List<ImportedRepeatable> repeatables, List<String> warnings) {

    /**
     * Begins the checksum of an imported repeatable's run whose file no longer has Flyway's CRC-32 (or is gone): the
     * CRC-32 follows, so the row says what Flyway ran, and no SHA-256 of a file can equal it.
     */
    static final String FLYWAY_CHECKSUM_PREFIX = "flyway-crc32:";

    record Imported(FlywayRow row, Migration file) {
    }

    /**
     * An applied migration that {@code flyway repair} marked deleted: its file need not be there, nor be as Flyway ran it.
     *
     * @param marker   Flyway's DELETE row, whose who and when the DELETED row takes
     * @param name     the local file's name, or the one Flyway's script had
     * @param checksum the file's checksum when it still has Flyway's CRC-32, otherwise Flyway's, prefixed
     */
    record Deleted(FlywayRow row, FlywayRow marker, String name, String checksum) {
    }

    /**
     * A repeatable's latest successful Flyway run.
     *
     * @param file     the local file as sent, placeholders replaced; null when there is none
     * @param checksum what the REPEATABLE row records: the file's checksum when it still has Flyway's CRC-32,
     *                 otherwise Flyway's, prefixed, which no file's checksum equals
     */
    record ImportedRepeatable(FlywayRow row, String name, Migration file, String checksum) {

        /** Whether the file is the one Flyway ran: nothing to apply again. */
        boolean current() {
            return file != null && checksum.equals(file.checksum().hex());
        }
    }

    /**
     * @param repeatables the local repeatables as sent, placeholders replaced: Flyway checksums a repeatable after
     *                    its placeholder replacement, so with the same values the two texts are the same
     * @throws ConfigurationException an edited versioned file, a row without a file, or a row newer than every local file
     */
    static FlywayImport plan(List<Migration> local, List<Migration> repeatables, List<FlywayRow> rows, String flywayTable) {
        Map<Version, Migration> byVersion = new HashMap<>();
        local.forEach(migration -> byVersion.put(migration.version(), migration));
        Version newestLocal = local.isEmpty() ? null : local.get(local.size() - 1).version();
        List<Imported> imported = new ArrayList<>();
        List<Migration> baselined = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, List<FlywayRow>> repeatableRuns = new TreeMap<>();
        Map<Version, FlywayRow> deletions = deletionsByVersion(rows);
        List<Deleted> deleted = new ArrayList<>();
        for (FlywayRow row : rows) {
            if (row.schemaCreation()) {
                // Flyway's note that it created the schema: nothing ran, and the schema is there whoever made it.
                continue;
            }
            if (row.repeatable()) {
                repeatableRuns.computeIfAbsent(row.repeatableName(), name -> new ArrayList<>()).add(row);
                continue;
            }
            if (!Version.isValid(row.version())) {
                problems.add("Flyway row " + row.rank() + " has version '" + row.version() + "', which is not a version.");
                continue;
            }
            Version version = Version.parse(row.version());
            Migration file = byVersion.get(version);
            FlywayRow marker = deletions.get(version);
            if (row.deletion()) {
                // Judged with the row it marks, below.
                continue;
            }
            if (!row.success()) {
                warnings.add("Flyway's failed attempt at " + row.describe() + " (rank " + row.rank() + ") was not imported: "
                        + "Flyway never applied it" + (file == null ? "." : ", so " + file.displayName() + " stays pending."));
            } else if (row.baselineMarker()) {
                local.stream().filter(m -> m.version().compareTo(version) <= 0).forEach(baselined::add);
            } else if (marker != null && marker.rank() > row.rank()) {
                deleted.add(deletedRow(row, marker, file));
                deletions.remove(version);
                warnings.add("Flyway's repair marked " + row.describe() + " deleted (rank " + marker.rank() + "): it is imported "
                        + "as applied and marked deleted, as hotgigs:repair marks a migration whose file was removed on purpose"
                        + (file == null ? "." : "; its file " + file.source() + " is back, which validate and migrate refuse "
                        + "until it is removed again."));
            } else if (!row.type().equals("SQL")) {
                problems.add("Flyway row " + row.rank() + " " + row.describe() + " is of type " + row.type()
                        + ", which cannot be imported: only SQL migrations are read by hotgigs-migrate.");
            } else if (file == null && newestLocal != null && version.compareTo(newestLocal) > 0) {
                problems.add("Flyway applied " + row.describe() + ", newer than every local migration (the newest is "
                        + newestLocal.text() + "): this build is older than the database. Build from the branch that has it.");
            } else if (file == null) {
                problems.add("Flyway applied " + row.describe() + " but no local migration has version " + row.version()
                        + ". Restore the file.");
            } else if (row.checksum() == null || row.checksum() != FlywayChecksum.of(file.sql())) {
                problems.add(file.source() + " was edited after Flyway applied it: Flyway recorded checksum " + row.checksum()
                        + ", the file's is " + FlywayChecksum.of(file.sql()) + ". Restore it as it was applied (e.g. git checkout "
                        + "it) and put the change in a new migration.");
            } else {
                imported.add(new Imported(row, file));
            }
        }
        deletions.values().forEach(marker -> problems.add("Flyway row " + marker.rank() + " " + marker.describe() + " is of "
                + "type DELETE but marks no successful row of version " + marker.version() + " before it: nothing to import it "
                + "with. If it was written by hand, delete it from Flyway's table (DELETE FROM " + flywayTable
                + " WHERE installed_rank = " + marker.rank() + ";)."));
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Flyway's history (" + flywayTable + ") cannot be imported as it is; nothing "
                    + "was written, and Flyway's table is left as it was:");
            problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
            throw new ConfigurationException(ErrorCode.FLYWAY_IMPORT_REFUSED, message.toString());
        }
        List<ImportedRepeatable> importedRepeatables = planRepeatables(repeatables, repeatableRuns, warnings);
        return new FlywayImport(imported, deleted, baselined, importedRepeatables, warnings);
    }

    /** The latest DELETE row of each version: the successful row before it is the one Flyway's repair marked deleted. */
    private static Map<Version, FlywayRow> deletionsByVersion(List<FlywayRow> rows) {
        Map<Version, FlywayRow> deletions = new HashMap<>();
        rows.stream().filter(row -> row.deletion() && !row.repeatable() && Version.isValid(row.version()))
                .forEach(row -> deletions.put(Version.parse(row.version()), row));
        return deletions;
    }

    private static Deleted deletedRow(FlywayRow row, FlywayRow marker, Migration file) {
        boolean asRun = file != null && row.checksum() != null && row.checksum() == FlywayChecksum.of(file.sql());
        return new Deleted(row, marker, file == null ? row.migrationName() : file.name(),
                asRun ? file.checksum().hex() : FLYWAY_CHECKSUM_PREFIX + row.checksum());
    }

    private static List<ImportedRepeatable> planRepeatables(List<Migration> local, Map<String, List<FlywayRow>> runs,
                                                            List<String> warnings) {
        Map<String, Migration> byName = new HashMap<>();
        local.forEach(repeatable -> byName.put(repeatable.name(), repeatable));
        List<ImportedRepeatable> imported = new ArrayList<>();
        runs.forEach((name, rows) -> {
            FlywayRow success = null;
            FlywayRow deletion = null;
            for (FlywayRow row : rows) {
                if (row.deletion()) {
                    deletion = row;
                } else if (row.success()) {
                    success = row;
                }
            }
            Migration file = byName.get(name);
            if (deletion != null && (success == null || deletion.rank() > success.rank())) {
                // Ours are not marked deleted: a repeatable whose file is gone just stops running.
                warnings.add("Flyway's repair marked the repeatable " + deletion.script() + " deleted (rank " + deletion.rank()
                        + "): its runs were not imported" + (file == null ? "." : ", so " + file.displayName()
                        + " is pending and runs on the next migrate."));
                return;
            }
            if (success == null) {
                FlywayRow failed = rows.get(rows.size() - 1);
                warnings.add("Flyway's failed attempt at the repeatable " + failed.script() + " (rank " + failed.rank()
                        + ") was not imported: Flyway never applied it" + (file == null ? "." : ", so "
                        + file.displayName() + " stays pending."));
                return;
            }
            String flywayChecksum = FLYWAY_CHECKSUM_PREFIX + success.checksum();
            if (file == null) {
                imported.add(new ImportedRepeatable(success, name, null, flywayChecksum));
                warnings.add("Flyway applied the repeatable " + success.script() + " (rank " + success.rank() + ") but no local "
                        + "repeatable is named " + Migration.REPEATABLE_PREFIX + name + ": its run is imported and shows as "
                        + "MISSING. What it created stays in the database; restore the file if it should be kept up to date.");
                return;
            }
            int crc = FlywayChecksum.of(file.sql());
            if (success.checksum() != null && success.checksum() == crc) {
                imported.add(new ImportedRepeatable(success, name, file, file.checksum().hex()));
            } else {
                imported.add(new ImportedRepeatable(success, name, file, flywayChecksum));
                warnings.add(file.source() + " changed since Flyway last applied it (rank " + success.rank() + "): Flyway "
                        + "recorded checksum " + success.checksum() + ", the file's, placeholders replaced, is " + crc
                        + ". Its Flyway run is imported, and the next migrate applies it again, as Flyway would. (Same file? "
                        + "Then a placeholder has another value here than Flyway had.)");
            }
        });
        return imported;
    }
}
