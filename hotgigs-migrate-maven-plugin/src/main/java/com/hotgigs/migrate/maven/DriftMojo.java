package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DriftReport;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.DriftJson;
import com.hotgigs.migrate.report.ProgressLog;
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
 * difference; never writes to the database. For release pipelines.
 *
 * @since 2.0.0
 */
// Not declared thread-safe until a -T build with a reference server per module proves it (ReactorIT covers the other goals).
@Mojo(name = "drift", threadSafe = false)
public class DriftMojo extends AbstractComparingMojo {

    /**
     * Also write the differences as JSON to this file: formatVersion, database, schema, version, drifted,
     * and differences (each with object, expected, found, extra).
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.driftFile")
    private File driftFile;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        BuildLog log = buildLog();
        long started = System.nanoTime();
        DriftReport report = migrator(configuration(builder -> builder.baseline(comparisonSettings())), new ProgressLog(log)).drift();
        for (SchemaDifference difference : report.differences()) {
            if (difference.extra() && !report.failOnExtraObjects()) {
                log.info(difference.describe());
            } else {
                log.warn(difference.describe());
            }
        }
        if (driftFile != null) {
            try {
                DriftJson.write(report, driftFile.toPath());
            } catch (IOException e) {
                throw new MojoExecutionException("Could not write the drift file " + driftFile + ": " + e
                        + ". Check hotgigs.driftFile and that its directory is writable.", e);
            }
            log.info("Wrote the drift report to " + driftFile);
        }
        String compared = report.compared() + " objects of the migrations up to " + report.version() + " compared in "
                + report.comparisonMs() + " ms (" + elapsedMs(started) + " ms with the replay)";
        if (!report.clean()) {
            throw new MojoFailureException("Schema drift: database " + report.database() + " differs from its migrations in "
                    + report.drift().size() + (report.drift().size() == 1 ? " place" : " places") + " (" + compared
                    + "). Put the change in a migration, or undo it in the database.");
        }
        log.info("No drift: " + compared);
    }
}
