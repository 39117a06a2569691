package com.hotgigs.migrate.report;

import com.hotgigs.migrate.BaselineResult;
import com.hotgigs.migrate.DriftReport;
import com.hotgigs.migrate.FleetResult;
import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.RepairResult;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.Target;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.ValidationReport;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.plan.Plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A fleet's report for people: one progress line per finished target
 * ({@code tenant_042: applied 3 in 120 ms, at 002 (12/50)}), the table of every target at the end
 * (target, state, applied, new, pending, failed, version, time), and the one line CI greps:
 * {@code hotgigs: 50 targets, 49 done, 1 failed, 0 not started; 98 migrations applied in 5400 ms}.
 * These formats are public: scripts parse them.
 */
public final class FleetReport {

    static final List<String> HEADER = List.of("Target", "State", "Applied", "New", "Pending", "Failed", "Version", "Time");

    private FleetReport() {
    }

    /**
     * Whether the goal failed on this target: it threw, its validation found problems, its schema drifted,
     * or its lint met a directive that is an error.
     */
    public static boolean failed(TargetOutcome<?> outcome) {
        return outcome.failed() || (outcome.result() instanceof ValidationReport report && !report.valid())
                || (outcome.result() instanceof DriftReport drift && !drift.clean())
                || (outcome.result() instanceof LintReport lint && !lint.problems().isEmpty());
    }

    public static String progressLine(TargetOutcome<?> outcome, int done, int total) {
        return outcome.target().name() + ": " + what(outcome) + " (" + done + "/" + total + ")";
    }

    private static String what(TargetOutcome<?> outcome) {
        if (outcome.failed()) {
            return "FAILED after " + outcome.elapsedMs() + " ms: " + firstLine(outcome.failure().getMessage());
        }
        TargetCounts counts = TargetCounts.of(outcome);
        if (outcome.result() instanceof MigrateResult) {
            return "applied " + counts.appliedNow() + " in " + outcome.elapsedMs() + " ms, at " + counts.versionOrNone();
        }
        String state = counts.known() ? "at " + counts.versionOrNone() + ", " + counts.pending() + " pending, " + counts.failed()
                + " failed" : "in " + outcome.elapsedMs() + " ms";
        Object result = outcome.result();
        if (result instanceof ValidationReport report) {
            return (report.valid() ? "valid, " : "INVALID (" + count(report.problems().size(), "problem", "problems") + "), ") + state;
        }
        if (result instanceof StatusReport status) {
            return state + Summary.integrity(status);
        }
        if (result instanceof DriftReport drift) {
            return (drift.clean() ? "no drift" : "DRIFT in " + count(drift.drift().size(), "place", "places")) + " ("
                    + count(drift.compared(), "object", "objects") + " compared), " + state;
        }
        if (result instanceof BaselineResult baseline) {
            return (baseline.fromFlyway() ? "imported " : "baselined ") + count(baseline.baselined().size(), "migration", "migrations")
                    + " up to " + baseline.version() + (baseline.verified() ? ", schema matches" : "") + ", " + state;
        }
        if (result instanceof RepairResult repair) {
            return (repair.changes().isEmpty() ? "nothing to repair" : "repaired " + count(repair.changes().size(), "row", "rows"))
                    + ", " + state;
        }
        if (result instanceof Plan plan) {
            return "plan of " + count(plan.migrations(), "migration", "migrations") + ", " + count(plan.statements(), "statement",
                    "statements") + ", " + state;
        }
        if (result instanceof LintReport lint) {
            return count(lint.findings().size(), "lint finding", "lint findings") + " in " + count(lint.migrations(),
                    "pending migration", "pending migrations") + (lint.problems().isEmpty() ? "" : ", "
                    + count(lint.problems().size(), "PROBLEM", "PROBLEMS")) + ", " + state;
        }
        return state;
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    public static List<String> table(FleetResult<?> result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TargetOutcome<?> outcome : result.outcomes()) {
            TargetCounts counts = TargetCounts.of(outcome);
            String state = failed(outcome) ? "FAILED" : "OK";
            rows.add(counts.known()
                    ? List.of(outcome.target().name(), state, "" + counts.applied(), "" + counts.appliedNow(), "" + counts.pending(),
                            "" + counts.failed(), counts.versionOrNone(), outcome.elapsedMs() + " ms")
                    : List.of(outcome.target().name(), state, "?", "" + counts.appliedNow(), "?", "?", "?", outcome.elapsedMs() + " ms"));
        }
        for (Target target : result.notStarted()) {
            rows.add(List.of(target.name(), "NOT_STARTED", "", "", "", "", "", ""));
        }
        return TextTable.lines(rows);
    }

    public static String summary(FleetResult<?> result) {
        long failed = result.outcomes().stream().filter(FleetReport::failed).count();
        long appliedNow = result.outcomes().stream().mapToLong(TargetOutcome::appliedNow).sum();
        int total = result.outcomes().size() + result.notStarted().size();
        return "hotgigs: " + total + (total == 1 ? " target, " : " targets, ") + (result.outcomes().size() - failed) + " done, "
                + failed + " failed, " + result.notStarted().size() + " not started; " + appliedNow
                + (appliedNow == 1 ? " migration" : " migrations") + " applied in " + result.elapsedMs() + " ms";
    }

    /** The message's first line, with the next when the first ends in a colon (as "failed at X line 2:" does). */
    private static String firstLine(String message) {
        String[] lines = message.split("\\R", 3);
        String first = lines[0].stripTrailing();
        return first.endsWith(":") && lines.length > 1 ? first + " " + lines[1].strip() : first;
    }
}
