package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.ValidationException;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.JUnitReport;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.time.Duration;

/**
 * Validates the applied migrations against the local ones, then applies the pending ones in
 * version order, each in its own transaction together with its history row. A failing migration
 * fails the build, naming its file and line; the next run retries it.
 *
 * @since 2.0.0
 */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class MigrateMojo extends AbstractApplyingMojo {

    /**
     * How long to wait for another run's migration lock before giving up, in seconds.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lockWaitSeconds", defaultValue = "600")
    private int lockWaitSeconds;

    /**
     * How many times a transactional migration that hit the lock timeout is rolled back and run again, after a growing pause.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lockRetries", defaultValue = "" + MigratorConfig.DEFAULT_LOCK_RETRIES)
    private int lockRetries;

    /**
     * On a database that has a schema but no history, baseline it first (as hotgigs:baseline does, verified
     * unless baselineVerify is false) and then apply the migrations above the baseline. Off, migrate refuses
     * such a database before writing anything.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.baselineOnMigrate", defaultValue = "false")
    private boolean baselineOnMigrate;

    /**
     * With baselineOnMigrate: the last migration the database already has; the highest local version when not set.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.baselineVersion")
    private String baselineVersion;

    /**
     * With baselineOnMigrate: compare the schema with the migrations replayed before recording the baseline.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.baselineVerify", defaultValue = "true")
    private boolean baselineVerify;

    /**
     * On a database that has Flyway's history (flyway_schema_history) and none of ours, take Flyway's over first
     * (as hotgigs:baseline does: each file checked against Flyway's checksum, Flyway's table left as it is), then
     * apply what is pending. Off, migrate refuses such a database before writing anything.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.importFlywayHistory", defaultValue = "false")
    private boolean importFlywayHistory;

    /**
     * Fail the build when lint finds a hazard in a migration about to run, before anything runs; off, each
     * finding is a warning.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.failOnLint", defaultValue = "false")
    private boolean failOnLint;

    /**
     * Objects the migrations do not create (tables, views, functions of the application's own) fail
     * the comparison too; by default they are reported and left alone. A column, index, constraint or
     * trigger added to one of the migrations' tables is always a difference.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.failOnExtraObjects", defaultValue = "false")
    private boolean failOnExtraObjects;

    /** The shared settings and this goal's own. */
    @Override
    protected MigratorConfig configuration() throws MojoExecutionException {
        return configuration(builder -> runSettings(builder, failOnLint)
                .lockWait(Duration.ofSeconds(lockWaitSeconds))
                .lockRetries(lockRetries)
                .baseline(AbstractComparingMojo.comparisonSettings(failOnExtraObjects, embeddedArtifacts())
                        .withBaselineOnMigrate(baselineOnMigrate).withVersion(firstSet(baselineVersion))
                        .withVerify(baselineVerify).withImportFlywayHistory(importFlywayHistory)));
    }

    /**
     * Where the JUnit XML report {@code TEST-hotgigs.migrate.xml} goes (one test case per migration), for
     * CI servers that show test reports: point them at this directory. On several targets, one report per
     * target, its suite named for it: {@code TEST-hotgigs.migrate.tenant_001.xml}.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.reportsDirectory", defaultValue = "${project.build.directory}/hotgigs-reports")
    private File reportsDirectory;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        MigratorConfig config = configuration();
        long started = System.nanoTime();
        TargetRun<MigrateResult> run = onTargets("migrate", config, Fleet::migrate);
        TargetOutcome<MigrateResult> single = run.single();
        if (single == null) {
            JUnitReports.writePerTarget(run.result(), "migrate", outcome -> outcome.failed()
                    ? JUnitReport.ofFailedMigrate(outcome.statusAfter(), outcome.failure()) : JUnitReport.ofMigrate(outcome.result()),
                    reportsDirectory, getLog());
            run.result().throwIfFailed();
            return;
        }
        BuildLog log = buildLog();
        if (single.failed()) {
            reportFailure(single, log);
        }
        MigrateResult result = single.result();
        run.progress().progress(single.target()).warnings(result.warnings());
        JUnitReports.write(JUnitReport.ofMigrate(result), reportsDirectory, getLog());
        log.info(Summary.outcome(result, config.target(), elapsedMs(started)));
        log.info(Summary.of(result));
    }

    /** A run on one target fails as it always has: the summary line CI greps and the JUnit report, then the failure. */
    private void reportFailure(TargetOutcome<MigrateResult> single, BuildLog log) {
        MigrationException e = single.failure();
        if (e instanceof MigrationFailedException || e instanceof ValidationException) {
            StatusReport after = single.statusAfter();
            JUnitReports.writeAfterFailure(JUnitReport.ofFailedMigrate(after, e), reportsDirectory, getLog());
            if (after != null) {
                log.info(Summary.of(after));
            }
        } else {
            JUnitReports.writeAfterFailure(JUnitReport.ofError("migrate", e), reportsDirectory, getLog());
        }
        throw e;
    }
}
