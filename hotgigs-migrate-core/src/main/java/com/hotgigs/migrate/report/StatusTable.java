package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.StatusReport;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The status report as a plain-text table ({@link TextTable}), one string per line. Never-applied
 * migrations leave the installed columns empty; Transaction is the local script's mode (per-migration,
 * as-written, none), empty without a readable local file. Repeatables, which have no version, say {@code repeatable} in its place.
 */
public final class StatusTable {

    static final List<String> HEADER = List.of("Version", "Name", "State", "Installed on", "Installed by", "Time", "Transaction");

    private static final DateTimeFormatter INSTALLED_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private StatusTable() {
    }

    public static List<String> lines(StatusReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        report.migrations().forEach(migration -> rows.add(cells(migration)));
        List<String> lines = new ArrayList<>(TextTable.lines(rows));
        if (report.migrations().isEmpty()) {
            lines.add("(no migrations: none in the locations, none in the history table)");
        }
        return lines;
    }

    private static List<String> cells(MigrationInfo migration) {
        return List.of(
                migration.repeatable() ? "repeatable" : migration.version(),
                migration.name(),
                migration.state().name(),
                migration.installedOn() == null ? "" : INSTALLED_ON.format(migration.installedOn()),
                migration.installedBy() == null ? "" : migration.installedBy(),
                migration.executionTimeMs() == null ? "" : migration.executionTimeMs() + " ms",
                migration.transactionMode() == null ? "" : migration.transactionMode().word());
    }
}
