package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.FleetResult;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.Target;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.TargetsFailedException;
import com.hotgigs.migrate.ValidationReport;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.JUnitReport;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails the build when the database disagrees with the local migrations: an applied migration
 * edited since (checksum mismatch) or missing locally, a failed migration, and, with
 * failOnPending, a pending one. For release pipelines. Reads only.
 *
 * @since 2.0.0
 */
@Mojo(name = "validate", threadSafe = true)
public class ValidateMojo extends AbstractFleetMojo {

    /**
     * Fail the build when lint finds a hazard in a pending migration; off, each finding is a warning.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.failOnLint", defaultValue = "false")
    private boolean failOnLint;

    /**
     * Lint rules not to check, comma separated, e.g. {@code rename-or-drop}; an unknown id is an error.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lintIgnore")
    private List<String> lintIgnore;

    /**
     * Also fail when migrations are pending, i.e. the database is behind the build.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.failOnPending", defaultValue = "false")
    private boolean failOnPending;

    /**
     * Where the JUnit XML report {@code TEST-hotgigs.validate.xml} goes (one test case per migration), for
     * CI servers that show test reports: point them at this directory. On several targets, one report per
     * target, its suite named for it: {@code TEST-hotgigs.validate.tenant_001.xml}.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.reportsDirectory", defaultValue = "${project.build.directory}/hotgigs-reports")
    private File reportsDirectory;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        BuildLog log = buildLog();
        long started = System.nanoTime();
        MigratorConfig config = configuration(builder -> builder.lint(AbstractApplyingMojo.lintSettings(failOnLint, lintIgnore)));
        TargetRun<ValidationReport> run = onTargets("validate", config, fleet -> fleet.validate(failOnPending));
        TargetOutcome<ValidationReport> single = run.single();
        if (single == null) {
            JUnitReports.writePerTarget(run.result(), "validate", outcome -> outcome.failed()
                    ? JUnitReport.ofError("validate", outcome.failure()) : JUnitReport.ofValidate(outcome.result()),
                    reportsDirectory, getLog());
            failIfAnyInvalid(run.result());
            return;
        }
        if (single.failed()) {
            JUnitReports.writeAfterFailure(JUnitReport.ofError("validate", single.failure()), reportsDirectory, getLog());
            throw single.failure();
        }
        ValidationReport report = single.result();
        JUnitReports.write(JUnitReport.ofValidate(report), reportsDirectory, getLog());
        log.info(Summary.checked(report.status().migrations().size(), elapsedMs(started)));
        run.progress().progress(single.target()).warnings(report.warnings());
        log.info(Summary.of(report));
        if (!report.valid()) {
            throw new MojoFailureException(problems("Validation failed with ", report.problems()));
        }
    }

    /** Several targets: the build fails naming each target that failed or is not valid, with its problems. */
    private static void failIfAnyInvalid(FleetResult<ValidationReport> result) throws MojoFailureException {
        List<String> failures = new ArrayList<>();
        for (TargetOutcome<ValidationReport> outcome : result.outcomes()) {
            if (outcome.failed()) {
                failures.add(outcome.target().name() + ": " + outcome.failure().getMessage());
            } else if (!outcome.result().valid()) {
                failures.add(problems(outcome.target().name() + ": ", outcome.result().problems()));
            }
        }
        if (!failures.isEmpty() || !result.notStarted().isEmpty()) {
            throw new MojoFailureException(new TargetsFailedException(failures, result.outcomes().size() + result.notStarted().size(),
                    result.notStarted().stream().map(Target::name).toList(), "Fix them and run validate again.").getMessage());
        }
    }

    private static String problems(String start, List<String> problems) {
        StringBuilder message = new StringBuilder(start).append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
