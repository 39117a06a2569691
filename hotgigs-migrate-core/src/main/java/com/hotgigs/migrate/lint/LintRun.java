package com.hotgigs.migrate.lint;

import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Version;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Lint of the migrations a run would apply, knowing what the local migrations before them validated. */
public final class LintRun {

    private LintRun() {
    }

    /**
     * @param local        every local versioned migration, in version order
     * @param pending      the migrations to lint, prepared as the runner runs them: versioned ones in version
     *                     order, then repeatables, which run after every versioned migration
     * @param prepare      prepares an earlier migration as it was sent (placeholders replaced, split)
     * @param oneRun       the pending migrations run together (see {@link Linter#oneRun()}); false judges each alone
     * @param hide         hides secret placeholder values in what the findings quote (see {@link Linter#hiding})
     */
    public static LintReport of(List<Migration> local, List<PreparedMigration> pending, Function<Migration, PreparedMigration> prepare,
                                boolean standardStrings, Duration lockTimeout, LintSettings settings, boolean oneRun,
                                UnaryOperator<String> hide) {
        Linter linter = new Linter(lockTimeout, settings, standardStrings).hiding(hide);
        if (oneRun) {
            linter.oneRun();
        }
        List<PreparedMigration> versioned = pending.stream().filter(p -> !p.migration().repeatable()).toList();
        List<PreparedMigration> repeatables = pending.stream().filter(p -> p.migration().repeatable()).toList();
        if (versioned.isEmpty() && repeatables.isEmpty()) {
            return linter.report();
        }
        Set<Version> linted = new HashSet<>();
        versioned.forEach(p -> linted.add(p.migration().version()));
        // A repeatable runs after every versioned migration, so all of them come before it.
        Version last = repeatables.isEmpty() ? versioned.get(versioned.size() - 1).migration().version() : null;
        int next = 0;
        for (Migration migration : local) {
            if (last != null && migration.version().compareTo(last) > 0) {
                break;
            }
            if (linted.contains(migration.version())) {
                PreparedMigration prepared = versioned.get(next++);
                linter.lint(prepared.migration(), prepared.statements(), !prepared.autocommit(), true);
            } else {
                learn(linter, migration, prepare);
            }
        }
        repeatables.forEach(prepared -> linter.lint(prepared.migration(), prepared.statements(), !prepared.autocommit(), true));
        return linter.report();
    }

    /** An earlier migration only teaches what it validated; one that no longer prepares (a placeholder gone) teaches nothing. */
    private static void learn(Linter linter, Migration migration, Function<Migration, PreparedMigration> prepare) {
        try {
            PreparedMigration prepared = prepare.apply(migration);
            linter.lint(prepared.migration(), prepared.statements(), !prepared.autocommit(), false);
        } catch (MigrationException e) {
            // It was applied as it is; what it validated is unknown, and SET NOT NULL after it is warned about.
        }
    }
}
