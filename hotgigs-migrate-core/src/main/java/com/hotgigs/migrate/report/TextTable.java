package com.hotgigs.migrate.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of cells as plain-text lines: the first row a header, then a rule, columns padded to their
 * widest cell, so a table reads the same in a terminal and in a CI log.
 */
final class TextTable {

    private static final String GAP = "  ";

    private TextTable() {
    }

    /** @param rows the header first; every row as many cells as it */
    static List<String> lines(List<List<String>> rows) {
        int[] widths = widths(rows);
        List<String> lines = new ArrayList<>();
        lines.add(line(rows.get(0), widths));
        lines.add(rule(widths));
        rows.subList(1, rows.size()).forEach(row -> lines.add(line(row, widths)));
        return lines;
    }

    private static int[] widths(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
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
