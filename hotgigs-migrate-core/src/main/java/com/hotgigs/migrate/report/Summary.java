package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.ValidationReport;

import java.util.List;

/**
 * The one line every goal ends with, for CI logs to grep:
 * {@code hotgigs: 2 applied, 0 pending, 0 failed; schema at 002}. The counts describe the
 * database after the goal: "applied" counts every version with a successful history row (edited
 * and locally missing ones included, which status adds as "; 1 checksum mismatch, 1 missing"),
 * "schema at" names the highest applied version, or {@code none}. Repeatables are not versions: when
 * the locations hold any, the line ends with their own counts, {@code ; repeatables: 3 applied, 1 pending,
 * 0 failed}, pending counting the outdated ones (changed since they last ran), and {@code , 1 missing} added when
 * one that ran has no file any more. This format is public:
 * scripts parse it.
 */
public final class Summary {

    private Summary() {
    }

    public static String of(MigrateResult result) {
        long appliedVersions = result.applied().stream().filter(info -> !info.repeatable()).count();
        return line(result.alreadyApplied() + appliedVersions, result.pending(), result.failed(), result.currentVersion())
                + repeatables(result.migrations());
    }

    public static String of(StatusReport status) {
        long mismatched = status.count(MigrationState.CHECKSUM_MISMATCH);
        long missing = versioned(status.migrations(), MigrationState.MISSING);
        String line = line(status.count(MigrationState.APPLIED) - repeatable(status.migrations(), MigrationState.APPLIED)
                        + status.count(MigrationState.BASELINE) + mismatched + missing,
                versioned(status.migrations(), MigrationState.PENDING), versioned(status.migrations(), MigrationState.FAILED),
                status.currentVersion());
        return line + integrity(status) + repeatables(status.migrations());
    }

    /**
     * What status found wrong with the applied versions, {@code ; 1 checksum mismatch, 0 missing}, or nothing
     * when every one matches its file; a fleet's progress line for status ends with it too.
     */
    static String integrity(StatusReport status) {
        long mismatched = status.count(MigrationState.CHECKSUM_MISMATCH);
        long missing = versioned(status.migrations(), MigrationState.MISSING);
        if (mismatched + missing == 0) {
            return "";
        }
        return "; " + mismatched + " checksum mismatch" + (mismatched == 1 ? "" : "es") + ", " + missing + " missing";
    }

    /** The repeatables' own counts, or nothing when there are none. */
    private static String repeatables(List<MigrationInfo> migrations) {
        if (migrations.stream().noneMatch(MigrationInfo::repeatable)) {
            return "";
        }
        long missing = repeatable(migrations, MigrationState.MISSING);
        return "; repeatables: " + repeatable(migrations, MigrationState.APPLIED) + " applied, "
                + (repeatable(migrations, MigrationState.PENDING) + repeatable(migrations, MigrationState.OUTDATED)) + " pending, "
                + repeatable(migrations, MigrationState.FAILED) + " failed" + (missing == 0 ? "" : ", " + missing + " missing");
    }

    private static long repeatable(List<MigrationInfo> migrations, MigrationState state) {
        return migrations.stream().filter(m -> m.repeatable() && m.state() == state).count();
    }

    private static long versioned(List<MigrationInfo> migrations, MigrationState state) {
        return migrations.stream().filter(m -> !m.repeatable() && m.state() == state).count();
    }

    public static String of(ValidationReport report) {
        return of(report.status()) + (report.valid()
                ? "; validation passed"
                : "; validation failed with " + report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems"));
    }

    /**
     * What migrate did: "Applied N migrations in X ms" when it applied any (benchmarks parse this
     * line), else why there was nothing to do and how long the engine took to find out.
     */
    public static String outcome(MigrateResult result, String target, long engineMs) {
        int count = result.applied().size();
        if (count > 0) {
            return "Applied " + migrations(count) + " in " + result.applyTimeMs() + " ms";
        }
        if (result.pending() + result.failed() > 0 && target != null) {
            return "Nothing to apply up to target " + target + "; " + (result.pending() + result.failed()) + " pending beyond it";
        }
        // Counted as status counts them: the unchanged repeatables were checked too.
        int checked = result.alreadyApplied() + (int) repeatable(result.migrations(), MigrationState.APPLIED);
        return "Schema is up to date, nothing to apply (checked " + migrations(checked) + " in " + engineMs + " ms)";
    }

    /** How long status or validate took in the engine, for users who wonder where build time goes. */
    public static String checked(int migrationCount, long engineMs) {
        return "Checked " + migrations(migrationCount) + " in " + engineMs + " ms";
    }

    private static String migrations(int count) {
        return count + (count == 1 ? " migration" : " migrations");
    }

    private static String line(long applied, long pending, long failed, String currentVersion) {
        return "hotgigs: " + applied + " applied, " + pending + " pending, " + failed + " failed; schema at "
                + (currentVersion == null ? "none" : currentVersion);
    }
}
