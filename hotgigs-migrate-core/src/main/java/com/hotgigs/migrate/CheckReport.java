package com.hotgigs.migrate;

import com.hotgigs.migrate.lint.LintReport;

import java.util.List;

/**
 * What the offline check found, without a database.
 *
 * @param migrations how many local migrations were found
 * @param problems   what fails the check: files, splitter, placeholders, manifest (and lint findings with failOnLint)
 * @param lint       the lint of every local migration
 */
public record CheckReport(int migrations, List<String> problems, LintReport lint) {

    public CheckReport {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
