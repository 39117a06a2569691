package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.ValidationReport;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.JUnitReport;
import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/**
 * Fails the build when the database disagrees with the local migrations: an applied migration
 * edited since (checksum mismatch) or missing locally, a failed migration, and, with
 * failOnPending, a pending one. For release pipelines. Reads only.
 *
 * @since 2.0.0
 */
@Mojo(name = "validate", threadSafe = true)
public class ValidateMojo extends AbstractHotgigsMojo {

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
     * CI servers that show test reports: point them at this directory.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.reportsDirectory", defaultValue = "${project.build.directory}/hotgigs-reports")
    private File reportsDirectory;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        BuildLog log = buildLog();
        ProgressLog progress = new ProgressLog(log);
        long started = System.nanoTime();
        ValidationReport report;
        try {
            report = migrator(configuration(builder -> builder.lint(AbstractLintingMojo.lintSettings(failOnLint, lintIgnore))), progress).validate(failOnPending);
        } catch (MigrationException e) {
            JUnitReports.writeAfterFailure(JUnitReport.ofError("validate", e), reportsDirectory, getLog());
            throw e;
        }
        JUnitReports.write(JUnitReport.ofValidate(report), reportsDirectory, getLog());
        log.info(Summary.checked(report.status().migrations().size(), elapsedMs(started)));
        progress.warnings(report.warnings());
        log.info(Summary.of(report));
        if (!report.valid()) {
            StringBuilder message = new StringBuilder("Validation failed with ").append(report.problems().size())
                    .append(report.problems().size() == 1 ? " problem:" : " problems:");
            report.problems().forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
            throw new MojoFailureException(message.toString());
        }
    }
}
