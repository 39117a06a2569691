package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.StatusReport;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The status report as a plain-text table, one string per line, columns padded to their widest
 * cell, so it reads the same in a terminal and in a CI log. Never-applied migrations leave the
 * installed columns empty; Transaction is the local script's mode (per-migration, as-written, none),
 * empty without a readable local file.
 */
public final class StatusTable {

    static final List<String> HEADER = List.of("Version", "Name", "State", "Installed on", "Installed by", "Time", "Transaction");

    private static final DateTimeFormatter INSTALLED_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final String GAP = "  ";

    private StatusTable() {
    }

    public static List<String> lines(StatusReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        report.migrations().forEach(migration -> rows.add(cells(migration)));
        int[] widths = widths(rows);
        List<String> lines = new ArrayList<>();
        lines.add(line(HEADER, widths));
        lines.add(rule(widths));
        rows.subList(1, rows.size()).forEach(row -> lines.add(line(row, widths)));
        if (report.migrations().isEmpty()) {
            lines.add("(no migrations: none in the locations, none in the history table)");
        }
        return lines;
    }

    private static List<String> cells(MigrationInfo migration) {
        return List.of(
                migration.version(),
                migration.name(),
                migration.state().name(),
                migration.installedOn() == null ? "" : INSTALLED_ON.format(migration.installedOn()),
                migration.installedBy() == null ? "" : migration.installedBy(),
                migration.executionTimeMs() == null ? "" : migration.executionTimeMs() + " ms",
                migration.transactionMode() == null ? "" : migration.transactionMode().word());
    }

    private static int[] widths(List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        return widths;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < widths.length; column++) {
            if (column > 0) {
                line.append(GAP);
            }
            line.append(cells.get(column)).append(" ".repeat(widths[column] - cells.get(column).length()));
        }
        return line.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        List<String> dashes = new ArrayList<>();
        for (int width : widths) {
            dashes.add("-".repeat(width));
        }
        return String.join(GAP, dashes);
    }
}
