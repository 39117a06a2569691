package com.hotgigs.migrate.report;

import com.hotgigs.migrate.LockHolder;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationListener;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a run's progress with fixed verbs, one line per event, each written once the event has
 * happened: "Applying 002_x", "Applied 002_x in 184 ms". Server NOTICEs go to info, WARNINGs and
 * anything more severe to warn, each prefixed with the migration that raised it.
 */
public final class ProgressLog implements MigrationListener {

    private final BuildLog log;
    private final Set<String> toldWarnings = new HashSet<>();
    private boolean waited;

    public ProgressLog(BuildLog log) {
        this.log = log;
    }

    @Override
    public void waitingForLock(LockHolder holder) {
        waited = true;
        log.info("Waiting for the migration lock held by " + holder.describe());
    }

    @Override
    public void lockAcquired(long waitedMs) {
        if (waited) {
            log.info("Acquired the migration lock after " + waitedMs + " ms");
        }
    }

    @Override
    public void applying(MigrationInfo migration) {
        log.info("Applying " + migration.displayName());
    }

    @Override
    public void applied(MigrationInfo migration) {
        log.info("Applied " + migration.displayName() + " in " + migration.executionTimeMs() + " ms");
    }

    @Override
    public void serverMessage(String migration, String severity, String message) {
        String line = migration + ": " + severity + ": " + message;
        switch (severity.toUpperCase(Locale.ROOT)) {
            case "DEBUG", "LOG", "INFO", "NOTICE" -> log.info(line);
            default -> log.warn(line);
        }
    }

    @Override
    public void historyUpgraded(String table, int fromFormat, int toFormat) {
        log.info("Upgraded history table " + table + " from format " + fromFormat + " to format " + toFormat
                + ": added columns kind (existing rows are migration attempts) and previous_checksum");
    }

    @Override
    public void warning(String message) {
        if (toldWarnings.add(message)) {
            log.warn(message);
        }
    }

    /** Warns about those of a result's warnings that were not told while the run went on. */
    public void warnings(List<String> warnings) {
        warnings.forEach(this::warning);
    }
}
