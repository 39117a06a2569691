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
 */
final class ScriptCache {

    /** Everything a run's lint depends on; the local migrations as sent stand for what it learns from earlier ones. */
    record LintKey(List<Migration> localAsSent, List<PreparedMigration> pending, int serverMajor, boolean standardStrings,
                   TransactionMode mode, Duration lockTimeout, LintSettings settings) {
    }

    private record PrepareKey(Migration sent, int serverMajor, boolean standardStrings, TransactionMode mode) {
    }

    private static final ScriptCache NONE = new ScriptCache(false);

    private final boolean sharing;
    private final Object resolving = new Object();
    private LocalScripts scripts;
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
            }
            return scripts;
        }
    }

    /** A script whose placeholders are replaced, split as it is sent to a server of this version and string syntax. */
    PreparedMigration prepare(Migration sent, int serverMajor, boolean standardStrings, TransactionMode mode) {
        if (!sharing) {
            return PreparedMigration.prepare(sent, serverMajor, standardStrings, mode);
        }
        return prepared.computeIfAbsent(new PrepareKey(sent, serverMajor, standardStrings, mode),
                key -> PreparedMigration.prepare(sent, serverMajor, standardStrings, mode));
    }

    /** @param key null when not {@link #sharing()} */
    LintReport lint(LintKey key, Supplier<LintReport> run) {
        return sharing ? lint.computeIfAbsent(key, k -> run.get()) : run.get();
    }
}
