package com.hotgigs.migrate;

import com.hotgigs.migrate.flyway.FlywayChecksum;
import com.hotgigs.migrate.flyway.FlywayRow;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Version;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What of Flyway's history can be taken over, checked against the local files before anything is
 * written: every successful versioned row needs its file, unchanged since Flyway ran it (Flyway's
 * CRC-32 of it equals the recorded one). Failed rows and repeatable runs are reported, not imported:
 * a local repeatable is applied again by the next migrate.
 *
 * @param imported  the rows to import as IMPORT rows, with their files, in Flyway's order
 * @param baselined the local files at or below a Flyway baseline marker, which Flyway never ran: BASELINE rows
 * @param warnings  what was left out, and why
 */
record FlywayImport(List<Imported> imported, List<Migration> baselined, List<String> warnings) {

    record Imported(FlywayRow row, Migration file) {
    }

    /** @throws ConfigurationException an edited file, a row without a file, or a row newer than every local file */
    static FlywayImport plan(List<Migration> local, List<FlywayRow> rows, String flywayTable) {
        Map<Version, Migration> byVersion = new HashMap<>();
        local.forEach(migration -> byVersion.put(migration.version(), migration));
        Version newestLocal = local.isEmpty() ? null : local.get(local.size() - 1).version();
        List<Imported> imported = new ArrayList<>();
        List<Migration> baselined = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (FlywayRow row : rows) {
            if (row.repeatable()) {
                warnings.add("Flyway's run of the repeatable " + row.script() + " (rank " + row.rank() + ") was not imported: "
                        + "its effects stay in the database, and a local " + row.script() + " is applied once more by the next "
                        + "migrate, which records it from then on (Flyway's checksum of a repeatable is not ours).");
                continue;
            }
            if (!Version.isValid(row.version())) {
                problems.add("Flyway row " + row.rank() + " has version '" + row.version() + "', which is not a version.");
                continue;
            }
            Version version = Version.parse(row.version());
            Migration file = byVersion.get(version);
            if (!row.success()) {
                warnings.add("Flyway's failed attempt at " + row.describe() + " (rank " + row.rank() + ") was not imported: "
                        + "Flyway never applied it" + (file == null ? "." : ", so " + file.displayName() + " stays pending."));
            } else if (row.baselineMarker()) {
                local.stream().filter(m -> m.version().compareTo(version) <= 0).forEach(baselined::add);
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
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Flyway's history (" + flywayTable + ") cannot be imported as it is; nothing "
                    + "was written, and Flyway's table is left as it was:");
            problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
            throw new ConfigurationException(ErrorCode.FLYWAY_IMPORT_REFUSED, message.toString());
        }
        return new FlywayImport(imported, baselined, warnings);
    }
}
