package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.HtmlReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes the database's report: the migration history as a timeline of applied, failed and
 * pending migrations with their times, and a diagram of its tables, columns and foreign keys drawn
 * from the catalog as SVG. One self-contained HTML file ({@code target/hotgigs/report/index.html})
 * that needs no network. With several targets (hotgigs.schemas, hotgigs.databases, hotgigs.targetsQuery), a
 * page per target in a directory named after it. Reads only: creates nothing, takes no lock. The same
 * report as a page of {@code mvn site} is the goal {@code site-report}, listed in the POM's reporting
 * section.
 *
 * @since 2.0.0
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractReportMojo {

    /**
     * Directory that {@code hotgigs:report} writes {@code index.html} into; with several targets, a
     * directory per target inside it.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.reportOutputDirectory", defaultValue = "${project.build.directory}/hotgigs/report")
    private File reportOutputDirectory;

    @Override
    protected void show(List<TargetOutcome<DatabaseReport>> reported, boolean single, OffsetDateTime now)
            throws MojoExecutionException {
        for (TargetOutcome<DatabaseReport> outcome : reported) {
            // Several targets: a page for each, in a directory named after it.
            Path directory = single ? reportOutputDirectory.toPath()
                    : reportOutputDirectory.toPath().resolve(outcome.target().name().replaceAll("[^A-Za-z0-9._-]", "_"));
            write(outcome.result(), now, directory);
        }
    }

    private void write(DatabaseReport report, OffsetDateTime now, Path directory) throws MojoExecutionException {
        try {
            getLog().info("Wrote the report to " + HtmlReport.write(report, now, directory));
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the report into " + directory + ": " + e
                    + ". Check hotgigs.reportOutputDirectory and that the build can write there.", e);
        }
    }
}
