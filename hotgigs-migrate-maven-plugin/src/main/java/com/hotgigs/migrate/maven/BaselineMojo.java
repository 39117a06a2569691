package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.BaselineResult;
import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Adopts a database that has a schema but no history (built with psql, another tool, by hand):
 * records the local migrations up to baselineVersion as applied, without running them, once the
 * database's schema was compared with the one they build (replayed into an embedded PostgreSQL of
 * the same major version) and found the same. Refused when the history has rows, the version
 * matches no local migration, or the database has no schema. A database with Flyway's history
 * (flyway_schema_history) and none of ours has Flyway's successful rows imported instead, each file
 * checked against the checksum Flyway recorded. On several targets, each is compared and baselined
 * on its own (a tenant schema compared alone), one embedded server per major version serving all.
 *
 * @since 2.0.0
 */
// Not declared thread-safe until a -T build with a reference server per module proves it (ReactorIT covers the other goals).
@Mojo(name = "baseline", threadSafe = false)
public class BaselineMojo extends AbstractComparingMojo {

    /**
     * The last migration the database already has: it and every lower one are recorded; the highest local version when not set.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.baselineVersion")
    private String baselineVersion;

    /**
     * Compare the database's schema with the migrations replayed before recording anything. false records
     * the baseline on trust, and says so in the log.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.baselineVerify", defaultValue = "true")
    private boolean baselineVerify;

    @Override
    protected void run() throws MojoExecutionException {
        MigratorConfig config = configuration(builder -> builder.baseline(comparisonSettings()
                .withVersion(firstSet(baselineVersion)).withVerify(baselineVerify)));
        long started = System.nanoTime();
        TargetRun<BaselineResult> run = onTargets("baseline", config, Fleet::baseline);
        TargetOutcome<BaselineResult> single = run.single();
        if (single == null) {
            failIfAny(run.result(), result -> null);
            return;
        }
        if (single.failed()) {
            throw single.failure();
        }
        BaselineResult result = single.result();
        BuildLog log = buildLog();
        String count = result.baselined().size() + (result.baselined().size() == 1 ? " migration" : " migrations");
        if (result.fromFlyway()) {
            // A Flyway history of repeatable runs only has no version to name.
            log.info("Imported " + count + (result.version() == null ? "" : " up to " + result.version())
                    + " from Flyway's history, each file matching Flyway's "
                    + "checksum; Flyway's table was left as it is (" + elapsedMs(started) + " ms)");
        } else {
            log.info("Baselined " + count + " up to " + result.version() + (result.verified()
                    ? "; the schema matches the migrations replayed (" + result.compared() + " objects compared in "
                            + result.comparisonMs() + " ms)"
                    : "; the schema was not compared") + " in " + elapsedMs(started) + " ms");
        }
        if (single.statusAfter() != null) {
            log.info(Summary.of(single.statusAfter()));
        }
    }
}
