package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.ValidationReport;

/**
 * One target's numbers after a goal, whatever the goal: the fleet table's and JSON's row.
 *
 * @param applied   versions applied in the target after the goal (as the summary line counts them)
 * @param appliedNow versions this run applied (migrate only, else 0)
 * @param pending   local migrations not applied
 * @param failed    migrations whose last attempt failed
 * @param version   the highest applied version, or null when none is
 * @param known     false when a failed target's state could not be read: the numbers are then unknown
 */
record TargetCounts(long applied, long appliedNow, long pending, long failed, String version, boolean known) {



    static TargetCounts of(TargetOutcome<?> outcome) {
        if (outcome.result() instanceof MigrateResult result) {
            return new TargetCounts(result.alreadyApplied() + result.applied().size(), result.applied().size(), result.pending(),
                    result.failed(), result.currentVersion(), true);
        }
        if (outcome.result() instanceof ValidationReport report) {
            return of(report.status());
        }
        if (outcome.result() instanceof StatusReport status) {
            return of(status);
        }
        if (outcome.result() instanceof DatabaseReport report) {
            return of(report.status());
        }
        if (outcome.statusAfter() == null) {
            return new TargetCounts(0, outcome.appliedNow(), 0, 0, null, false);
        }
        TargetCounts after = of(outcome.statusAfter());
        return new TargetCounts(after.applied, outcome.appliedNow(), after.pending, after.failed, after.version, true);
    }

    private static TargetCounts of(StatusReport status) {
        long applied = status.count(MigrationState.APPLIED) + status.count(MigrationState.BASELINE)
                + status.count(MigrationState.CHECKSUM_MISMATCH) + status.count(MigrationState.MISSING);
        return new TargetCounts(applied, 0, status.count(MigrationState.PENDING), status.count(MigrationState.FAILED),
                status.currentVersion(), true);
    }

    String versionOrNone() {
        return version == null ? "none" : version;
    }
}
