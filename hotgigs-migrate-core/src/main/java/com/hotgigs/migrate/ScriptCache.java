package com.hotgigs.migrate;

import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.lint.LintSettings;
import com.hotgigs.migrate.migration.LocalScripts;
import com.hotgigs.migrate.migration.Migration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the targets of one fleet run share, so that a thousand tenants cost one reading of the
 * scripts rather than a thousand: the local scripts, read and checksummed once (every target has the
 * same locations); each script as split, once for each text as sent and each server it is sent to;
 * and the lint of each distinct run. Everything is keyed by what the result depends on, so a target
 * whose placeholders give a script another text gets its own preparation and its own lint: sharing
 * never changes what a target runs or is told. A single run shares nothing and keeps nothing.
 *
 * <p>What is kept is bounded by the scripts themselves: twice as many preparations as there are local
 * scripts, and {@value #LINT_RUNS} lints. Scripts that differ per tenant (a {@code ${hotgigs:schema}}
 * in them) fill it and are then prepared per target as in a single run, so a fleet of a thousand
 * such tenants does not keep a thousand copies of each script.
 */
final class ScriptCache {

    /** Everything a run's lint depends on; the local migrations as sent stand for what it learns from earlier ones. */
    record LintKey(List<Migration> localAsSent, List<PreparedMigration> pending, int serverMajor, boolean standardStrings,
                   TransactionMode mode, Duration lockTimeout, LintSettings settings) {
    }

    private record PrepareKey(Migration sent, int serverMajor, boolean standardStrings, TransactionMode mode) {
    }

    private static final ScriptCache NONE = new ScriptCache(false);
    private static final int LINT_RUNS = 64;

    private final boolean sharing;
    private final Object resolving = new Object();
    private LocalScripts scripts;
    private volatile int preparedLimit;
    private final Map<PrepareKey, PreparedMigration> prepared = new ConcurrentHashMap<>();
    private final Map<LintKey, LintReport> lint = new ConcurrentHashMap<>();

    private ScriptCache(boolean sharing) {
        this.sharing = sharing;
    }

    /** For one run: every call does the work. */
    static ScriptCache none() {
        return NONE;
    }

    /** For the targets of one fleet run; dropped with the run. */
    static ScriptCache shared() {
        return new ScriptCache(true);
    }

    boolean sharing() {
        return sharing;
    }

    /** The local scripts; a resolution that fails is not kept, so each target reports the failure itself. */
    LocalScripts scripts(Supplier<LocalScripts> resolve) {
        if (!sharing) {
            return resolve.get();
        }
        synchronized (resolving) {
            if (scripts == null) {
                scripts = resolve.get();
                preparedLimit = 2 * (scripts.versioned().size() + scripts.repeatables().size());
            }
            return scripts;
        }
    }

    /** A script whose placeholders are replaced, split as it is sent to a server of this version and string syntax. */
    PreparedMigration prepare(Migration sent, int serverMajor, boolean standardStrings, TransactionMode mode) {
        PrepareKey key = new PrepareKey(sent, serverMajor, standardStrings, mode);
        PreparedMigration known = sharing ? prepared.get(key) : null;
        if (known != null) {
            return known;
        }
        PreparedMigration fresh = PreparedMigration.prepare(sent, serverMajor, standardStrings, mode);
        if (sharing && prepared.size() < preparedLimit) {
            PreparedMigration raced = prepared.putIfAbsent(key, fresh);
            return raced == null ? fresh : raced;
        }
        return fresh;
    }

    /** @param key null when not {@link #sharing()} */
    LintReport lint(LintKey key, Supplier<LintReport> run) {
        LintReport known = sharing ? lint.get(key) : null;
        if (known != null) {
            return known;
        }
        LintReport fresh = run.get();
        if (sharing && lint.size() < LINT_RUNS) {
            LintReport raced = lint.putIfAbsent(key, fresh);
            return raced == null ? fresh : raced;
        }
        return fresh;
    }
}
