package com.hotgigs.migrate.report;

import com.hotgigs.migrate.DurationSetting;
import com.hotgigs.migrate.LockHolder;
import com.hotgigs.migrate.LockRetry;
import com.hotgigs.migrate.LockWait;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.MigrationProgress;
import com.hotgigs.migrate.TransactionMode;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a run's progress with fixed verbs, one line per event, each written once the event has
 * happened: "Applying 002_x", "Applied 002_x in 184 ms". Server NOTICEs go to info, WARNINGs and
 * anything more severe to warn, each prefixed with the migration that raised it. A statement that
 * waits for another session's lock is a warning naming who holds it; a long migration's progress is
 * info. Those two come from the engine's watching thread, so every method is synchronized.
 */
public final class ProgressLog implements MigrationListener {

    private final BuildLog log;
    private final Set<String> toldWarnings = new HashSet<>();
    private boolean waited;

    public ProgressLog(BuildLog log) {
        this.log = log;
    }

    @Override
    public synchronized void waitingForLock(LockHolder holder) {
        waited = true;
        log.info("Waiting for the migration lock held by " + holder.describe());
    }

    @Override
    public synchronized void lockAcquired(long waitedMs) {
        if (waited) {
            log.info("Acquired the migration lock after " + waitedMs + " ms");
        }
    }

    @Override
    public synchronized void applying(MigrationInfo migration) {
        log.info("Applying " + migration.displayName() + modeNote(migration.transactionMode()));
    }

    /** A migration that is not atomic with its history row says so as it starts. */
    static String modeNote(TransactionMode mode) {
        if (mode == TransactionMode.AS_WRITTEN) {
            return " as written (its own transaction blocks; not atomic with its history row, written after its last statement)";
        }
        if (mode == TransactionMode.NONE) {
            return " without a transaction (each statement on its own; not atomic with its history row, written after its "
                    + "last statement)";
        }
        return "";
    }

    @Override
    public synchronized void applied(MigrationInfo migration) {
        log.info("Applied " + migration.displayName() + " in " + migration.executionTimeMs() + " ms");
    }

    @Override
    public synchronized void callbackRunning(String name, String migration) {
        log.info("Running callback " + name + (migration == null ? "" : " for " + migration));
    }

    @Override
    public synchronized void callbackRan(String name, String migration, long elapsedMs) {
        log.info("Ran callback " + name + (migration == null ? "" : " for " + migration) + " in " + elapsedMs + " ms");
    }

    @Override
    public synchronized void serverMessage(String migration, String severity, String message) {
        String line = migration + ": " + severity + ": " + message;
        switch (severity.toUpperCase(Locale.ROOT)) {
            case "DEBUG", "LOG", "INFO", "NOTICE" -> log.info(line);
            default -> log.warn(line);
        }
    }

    @Override
    public synchronized void baselined(MigrationInfo migration) {
        log.info("Baselined " + migration.displayName() + " (recorded as applied, not run)");
    }

    @Override
    public synchronized void imported(MigrationInfo migration) {
        log.info("Imported " + migration.displayName() + " from Flyway's history (its file matches Flyway's checksum)");
    }

    @Override
    public synchronized void historyUpgraded(String table, int fromFormat, int toFormat) {
        log.info("Upgraded history table " + table + " from format " + fromFormat + " to format " + toFormat
                + ": added columns kind (existing rows are migration attempts) and previous_checksum");
    }

    @Override
    public synchronized void waitingOnLock(LockWait wait) {
        log.warn(wait.migration() + " (" + wait.waiting() + ") has waited " + seconds(wait.waitedMs()) + " for a "
                + wait.lockType() + " lock held by " + wait.describeBlockers());
    }

    @Override
    public synchronized void retryingAfterLockTimeout(LockRetry retry) {
        log.warn(retry.migration() + " waited too long for a lock " + retry.waited() + ", held by "
                + (retry.blockers().isEmpty() ? "a session not seen in time" : LockWait.describe(retry.blockers())) + "; rolled back, nothing of it remains. Retry " + retry.retry()
                + " of " + retry.retries() + " in " + DurationSetting.format(retry.pause()));
    }

    @Override
    public synchronized void progress(MigrationProgress progress) {
        log.info("Applying " + progress.migration() + ": " + progress.done() + " of " + progress.total() + " statements, "
                + seconds(progress.elapsedMs()));
    }

    /** Whole seconds, but a wait under one in milliseconds: short lock timeouts would show as "0 s". */
    private static String seconds(long millis) {
        return millis < 1000 ? millis + " ms" : millis / 1000 + " s";
    }

    @Override
    public synchronized void warning(String message) {
        if (toldWarnings.add(message)) {
            log.warn(message);
        }
    }

    /** Warns about those of a result's warnings that were not told while the run went on. */
    public synchronized void warnings(List<String> warnings) {
        warnings.forEach(this::warning);
    }
}
