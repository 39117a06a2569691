package com.hotgigs.migrate.lint;

import java.util.List;

/**
 * What lint found in a set of migrations.
 *
 * @param migrations how many migrations were linted
 * @param findings   the warnings, in migration and statement order
 * @param problems   directives that name no rule or an unknown one: always errors
 */
public record LintReport(int migrations, List<LintFinding> findings, List<String> problems) {

    public LintReport {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return findings.isEmpty() && problems.isEmpty();
    }
}
