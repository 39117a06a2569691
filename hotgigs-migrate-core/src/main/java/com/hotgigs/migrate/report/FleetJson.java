package com.hotgigs.migrate.report;

import com.hotgigs.migrate.DriftReport;
import com.hotgigs.migrate.FleetResult;
import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.Target;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.ValidationReport;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.schema.SchemaDifference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet's report as JSON, for CI: {@code formatVersion}, the goal, totals, and one entry per
 * target with its name, kind, state ({@code OK}, {@code FAILED}, {@code NOT_STARTED}), applied,
 * appliedNow, pending, failed, currentVersion, elapsedMs, problems (validate's problems, drift's differences,
 * lint's findings), and for a failed one
 * an error with its code, message, script and line. Fields without a value are {@code null}, never
 * left out. Field names are a contract, as the history table is.
 */
public final class FleetJson {

    public static final int FORMAT_VERSION = 1;

    private FleetJson() {
    }

    public static String render(String goal, FleetResult<?> result) {
        long failed = result.outcomes().stream().filter(FleetReport::failed).count();
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"formatVersion\": ").append(FORMAT_VERSION).append(",\n");
        json.append("  \"goal\": ").append(JsonString.quote(goal)).append(",\n");
        json.append("  \"targetCount\": ").append(result.outcomes().size() + result.notStarted().size()).append(",\n");
        json.append("  \"failedCount\": ").append(failed).append(",\n");
        json.append("  \"notStartedCount\": ").append(result.notStarted().size()).append(",\n");
        json.append("  \"elapsedMs\": ").append(result.elapsedMs()).append(",\n");
        json.append("  \"targets\": [");
        String separator = "\n";
        for (TargetOutcome<?> outcome : result.outcomes()) {
            json.append(separator);
            outcome(json, outcome);
            separator = ",\n";
        }
        for (Target target : result.notStarted()) {
            json.append(separator).append("    {").append(identity(target)).append(", \"state\": \"NOT_STARTED\"")
                    .append(", \"applied\": null, \"appliedNow\": 0, \"pending\": null, \"failed\": null, \"currentVersion\": null")
                    .append(", \"elapsedMs\": null, \"problems\": null, \"error\": null}");
            separator = ",\n";
        }
        json.append(separator.equals("\n") ? "]\n" : "\n  ]\n");
        return json.append("}\n").toString();
    }

    /** Writes the report to a file, creating its directory; the file is replaced whole. */
    public static void write(String goal, FleetResult<?> result, Path file) throws IOException {
        ReportFile.write(file, render(goal, result));
    }

    private static void outcome(StringBuilder json, TargetOutcome<?> outcome) {
        TargetCounts counts = TargetCounts.of(outcome);
        json.append("    {").append(identity(outcome.target()))
                .append(", \"state\": ").append(JsonString.quote(FleetReport.failed(outcome) ? "FAILED" : "OK"))
                .append(", \"applied\": ").append(counts.known() ? counts.applied() : null)
                .append(", \"appliedNow\": ").append(counts.appliedNow())
                .append(", \"pending\": ").append(counts.known() ? counts.pending() : null)
                .append(", \"failed\": ").append(counts.known() ? counts.failed() : null)
                .append(", \"currentVersion\": ").append(JsonString.quote(counts.version()))
                .append(", \"elapsedMs\": ").append(outcome.elapsedMs())
                .append(", \"problems\": ").append(problems(outcome))
                .append(", \"error\": ").append(error(outcome.failure()))
                .append('}');
    }

    private static String identity(Target target) {
        return "\"target\": " + JsonString.quote(target.name()) + ", \"kind\": " + JsonString.quote(target.kind().name());
    }

    /** What the goal found wrong or worth a look in the target: validate's problems, drift's differences, lint's findings. */
    private static String problems(TargetOutcome<?> outcome) {
        List<String> problems;
        if (outcome.result() instanceof ValidationReport report) {
            problems = report.problems();
        } else if (outcome.result() instanceof DriftReport drift) {
            problems = drift.differences().stream().map(SchemaDifference::describe).toList();
        } else if (outcome.result() instanceof LintReport lint) {
            problems = new ArrayList<>(lint.problems());
            lint.findings().forEach(finding -> problems.add(finding.message()));
        } else {
            return "null";
        }
        List<String> quoted = problems.stream().map(JsonString::quote).toList();
        return "[" + String.join(", ", quoted) + "]";
    }

    private static String error(MigrationException failure) {
        if (failure == null) {
            return "null";
        }
        StringBuilder error = new StringBuilder("{\"code\": ").append(JsonString.quote(failure.code().name()))
                .append(", \"message\": ").append(JsonString.quote(failure.getMessage()));
        if (failure instanceof MigrationFailedException failedMigration) {
            error.append(", \"script\": ").append(JsonString.quote(failedMigration.script()))
                    .append(", \"line\": ").append(failedMigration.line());
        } else {
            error.append(", \"script\": null, \"line\": null");
        }
        return error.append('}').toString();
    }
}
