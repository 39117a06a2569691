package com.hotgigs.migrate;

import com.hotgigs.migrate.lint.LintFinding;

import java.util.List;

/** Lint found hazards in migrations that were about to run, and hotgigs.failOnLint is on; nothing ran. */
public class LintFailedException extends ValidationException {

    public LintFailedException(List<LintFinding> findings) {
        super(ErrorCode.LINT_FAILED, "Lint found " + findings.size() + (findings.size() == 1 ? " hazard" : " hazards")
                + " and hotgigs.failOnLint is true; nothing was applied. Use the safe way, or exempt a statement with "
                + "-- hotgigs:lint-ignore <rule> on the line before it:", findings.stream().map(LintFinding::message).toList());
    }
}
