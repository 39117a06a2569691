package com.hotgigs.migrate;

import com.hotgigs.migrate.lint.LintReport;

import java.util.List;

/**
 * What the offline check found, without a database.
 *
 * @param migrations how many local migrations were found; {@link #UNKNOWN} when the locations could not be read
 *                   as migrations (two files of one version, a bad file name)
 * @param problems   what fails the check: files, splitter, placeholders, manifest (and lint findings with failOnLint)
 * @param lint       the lint of every local migration
 */
public record CheckReport(int migrations, List<String> problems, LintReport lint) {

    public static final int UNKNOWN = -1;

    public CheckReport {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
