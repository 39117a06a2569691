package com.hotgigs.migrate;

import java.util.List;

/**
 * What one migrate run did.
 *
 * @param applied        the migrations applied by this run, in order
 * @param pending        local migrations still not applied after the run (beyond the target), failed ones excluded
 * @param failed         migrations whose last attempt failed and that this run did not apply (beyond the target)
 * @param currentVersion the highest applied version after the run, or null when none is
 * @param applyTimeMs    time spent applying migrations, history rows included
 * @param warnings       things worth telling that did not stop the run (a renamed migration, ...)
 * @param migrations     every known migration after the run, in version order, with its state then (as status
 *                       would report it), so a caller can report on each without reading the database again
 */
public record MigrateResult(
        String database,
        String schema,
        List<MigrationInfo> applied,
        int alreadyApplied,
        int pending,
        int failed,
        String currentVersion,
        long applyTimeMs,
        List<String> warnings,
        List<MigrationInfo> migrations) {

    public MigrateResult {
        applied = List.copyOf(applied);
        warnings = List.copyOf(warnings);
        migrations = List.copyOf(migrations);
    }
}
