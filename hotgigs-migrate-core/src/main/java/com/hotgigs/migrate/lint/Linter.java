package com.hotgigs.migrate.lint;

import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.sql.Statement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Lints migrations in version order, over the text that is sent (placeholders replaced) and split
 * as the runner splits it. One instance per run: what an earlier migration validated counts for the
 * later ones.
 */
public final class Linter {

    private final Duration lockTimeout;
    private final LintSettings settings;
    private final boolean standardStrings;
    private boolean oneRun;
    private final SchemaFacts facts = new SchemaFacts();
    private final List<LintFinding> findings = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int linted;
    private UnaryOperator<String> hide = UnaryOperator.identity();

    /**
     * @param lockTimeout     the lock_timeout the engine sets for every statement; zero when it sets none
     * @param standardStrings the server's standard_conforming_strings, as the splitter read the scripts with
     */
    public Linter(Duration lockTimeout, LintSettings settings, boolean standardStrings) {
        this.lockTimeout = lockTimeout;
        this.settings = settings;
        this.standardStrings = standardStrings;
    }

    /**
     * The migrations linted are applied together, in one run: a table an earlier one creates is new to the
     * later ones, with no rows and no readers. Without it, each script is judged as if run on its own,
     * against tables that exist and are in use.
     */
    public Linter oneRun() {
        this.oneRun = true;
        return this;
    }

    /**
     * Passes each finding's statement through {@code hide} before it is shortened: a secret placeholder's value
     * becomes its {@code ${name}} whole, never a cut piece of it.
     */
    public Linter hiding(UnaryOperator<String> hide) {
        this.hide = hide;
        return this;
    }

    /**
     * Lints one migration and keeps what it found.
     *
     * @param inTransaction whether the runner runs it in one transaction
     * @param report        false only learns from it (an applied migration's validated checks), reporting nothing
     */
    public List<LintFinding> lint(Migration migration, List<Statement> statements, boolean inTransaction, boolean report) {
        ScriptLint script = new ScriptLint(facts, inTransaction);
        for (Statement statement : statements) {
            script.check(statement, new Words(Tokenizer.tokens(statement.sql(), standardStrings)));
        }
        facts.scriptFinished();
        if (!report) {
            return List.of();
        }
        if (oneRun) {
            facts.tablesCreatedThisRun(script.createdTables());
        }
        linted++;
        String text = migration.sql().text();
        int firstLine = statements.isEmpty() ? Integer.MAX_VALUE : statements.get(0).line();
        LintDirectives directives = LintDirectives.read(text, firstLine, migration.source());
        directives.problems().forEach(problem -> problems.add(hide.apply(problem)));
        List<LintFinding> found = new ArrayList<>();
        if (lockTimeout.isZero() && !statements.isEmpty() && !script.setsLockTimeout()) {
            found.add(finding(migration, statements.get(0), LintRule.MISSING_LOCK_TIMEOUT,
                    migration.displayName() + " runs with no lock_timeout"));
        }
        for (ScriptLint.Found each : script.found()) {
            found.add(finding(migration, each.statement(), each.rule(), each.detail()));
        }
        List<LintFinding> kept = found.stream()
                .filter(f -> !settings.ignored().contains(f.rule()) && !directives.exempts(f.rule(), f.line())).toList();
        findings.addAll(kept);
        return kept;
    }

    private LintFinding finding(Migration migration, Statement statement, LintRule rule, String detail) {
        return new LintFinding(rule, migration.displayName(), migration.source(), migration.script(), statement.line(),
                PreparedMigration.firstWords(hide.apply(statement.sql())), hide.apply(detail));
    }

    public LintReport report() {
        return new LintReport(linted, findings, problems);
    }
}
