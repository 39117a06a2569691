package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DriftReport;
import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.DriftJson;
import com.hotgigs.migrate.schema.SchemaDifference;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;

/**
 * Fails the build when the database's schema is not the one its applied migrations build (an index
 * made by hand, a column added in a console): the migrations are replayed into an embedded
 * PostgreSQL of the same major version and both schemas compared object by object. Prints each
 * difference; never writes to the database. For release pipelines. On several targets, each is
 * compared with its own applied migrations (a tenant schema alone), one embedded server per major
 * version serving all, and the build fails naming each drifted target.
 *
 * @since 2.0.0
 */
// Not declared thread-safe until a -T build with a reference server per module proves it (ReactorIT covers the other goals).
@Mojo(name = "drift", threadSafe = false)
public class DriftMojo extends AbstractComparingMojo {

    /**
     * Also write the differences as JSON to this file: formatVersion, database, schema, version, drifted,
     * and differences (each with object, expected, found, extra). On several targets, one file per target
     * beside it, named after the target ({@code drift-tenant_001.json}).
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.driftFile")
    private File driftFile;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        BuildLog log = buildLog();
        long started = System.nanoTime();
        TargetRun<DriftReport> run = onTargets("drift", configuration(builder -> builder.baseline(comparisonSettings())),
                Fleet::drift, (target, report) -> {
                    tell(report, target.name() + ": ", log);
                    if (driftFile != null) {
                        write(report, perTarget(driftFile, target), log);
                    }
                });
        TargetOutcome<DriftReport> single = run.single();
        if (single == null) {
            failIfAny(run.result(), report -> report.clean() ? null : drifted(report, ""));
            return;
        }
        if (single.failed()) {
            throw single.failure();
        }
        DriftReport report = single.result();
        tell(report, "", log);
        if (driftFile != null) {
            write(report, driftFile, log);
        }
        String compared = compared(report) + " (" + elapsedMs(started) + " ms with the replay)";
        if (!report.clean()) {
            throw new MojoFailureException(drifted(report, " (" + compared + ")"));
        }
        log.info("No drift: " + compared);
    }

    private static void tell(DriftReport report, String prefix, BuildLog log) {
        for (SchemaDifference difference : report.differences()) {
            if (difference.extra() && !report.failOnExtraObjects()) {
                log.info(prefix + difference.describe());
            } else {
                log.warn(prefix + difference.describe());
            }
        }
    }

    private static String compared(DriftReport report) {
        return report.compared() + " objects of the migrations up to " + report.version() + " compared in "
                + report.comparisonMs() + " ms";
    }

    private static String drifted(DriftReport report, String detail) {
        return "Schema drift: database " + report.database() + " differs from its migrations in "
                + report.drift().size() + (report.drift().size() == 1 ? " place" : " places") + detail
                + ". Put the change in a migration, or undo it in the database.";
    }

    private static void write(DriftReport report, File file, BuildLog log) throws MojoExecutionException {
        try {
            DriftJson.write(report, file.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the drift file " + file + ": " + e
                    + ". Check hotgigs.driftFile and that its directory is writable.", e);
        }
        log.info("Wrote the drift report to " + file);
    }
}
