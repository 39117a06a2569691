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
        List<String> warnings) {

    public MigrateResult {
        applied = List.copyOf(applied);
        warnings = List.copyOf(warnings);
    }
}
