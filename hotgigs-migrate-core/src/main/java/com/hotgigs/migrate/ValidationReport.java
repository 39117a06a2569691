package com.hotgigs.migrate;

import java.util.List;

/**
 * The outcome of validate: the status it was judged on and every problem found, each a sentence
 * that names the migration and the fix.
 */
public record ValidationReport(StatusReport status, List<String> problems, List<String> warnings) {

    public ValidationReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
