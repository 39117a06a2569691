package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.HtmlReport;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Writes the database's report: the migration history as a timeline of applied, failed and
 * pending migrations with their times, and a diagram of its tables, columns and foreign keys drawn
 * from the catalog as SVG. One self-contained HTML file ({@code target/hotgigs/report/index.html})
 * that needs no network. Listed in the POM's reporting section, the same page is a report of
 * {@code mvn site}. With several targets (hotgigs.schemas, hotgigs.databases, hotgigs.targetsQuery), a
 * page per target in a directory named after it, and in a site all of them on the one page. Reads
 * only: creates nothing, takes no lock.
 *
 * @since 2.0.0
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractFleetMojo implements MavenReport {

    /**
     * Directory that {@code hotgigs:report} writes {@code index.html} into. In {@code mvn site} the
     * report is a page of the site instead.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.reportOutputDirectory", defaultValue = "${project.build.directory}/hotgigs/report")
    private File reportOutputDirectory;

    /** Set while the site plugin has the report render into its page, instead of a file of its own. */
    private Sink siteSink;

    @Override
    protected void run() throws MojoExecutionException {
        TargetRun<DatabaseReport> run = onTargets("report", configuration(), Fleet::report);
        TargetOutcome<DatabaseReport> single = run.single();
        if (single != null && single.failed()) {
            throw single.failure();
        }
        OffsetDateTime now = OffsetDateTime.now();
        List<TargetOutcome<DatabaseReport>> reported = run.result().outcomes().stream().filter(outcome -> !outcome.failed()).toList();
        if (siteSink != null) {
            StringBuilder fragments = new StringBuilder();
            reported.forEach(outcome -> fragments.append(HtmlReport.fragment(outcome.result(), now)));
            SitePage.render(siteSink, getName(Locale.ROOT), fragments.toString());
        } else {
            for (TargetOutcome<DatabaseReport> outcome : reported) {
                // Several targets: a page for each, in a directory named after it.
                Path directory = single != null ? reportOutputDirectory.toPath()
                        : reportOutputDirectory.toPath().resolve(outcome.target().name().replaceAll("[^A-Za-z0-9._-]", "_"));
                write(outcome.result(), now, directory);
            }
        }
        run.result().throwIfFailed("Fix them and run report again.");
        if (single != null) {
            getLog().info(Summary.of(single.result().status()));
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

    /** The site plugin's entry: the same goal, rendered into the site's page. */
    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        siteSink = sink;
        try {
            execute();
        } catch (MojoExecutionException | MojoFailureException e) {
            throw new MavenReportException(e.getMessage(), e);
        } finally {
            siteSink = null;
        }
    }

    @Override
    public String getOutputName() {
        return "hotgigs-report";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "Database migrations";
    }

    @Override
    public String getDescription(Locale locale) {
        return "The migration history of the project's database, and a diagram of its tables and foreign keys.";
    }

    @Override
    public void setReportOutputDirectory(File directory) {
        reportOutputDirectory = directory;
    }

    @Override
    public File getReportOutputDirectory() {
        return reportOutputDirectory;
    }

    @Override
    public boolean isExternalReport() {
        return false;
    }

    /** With hotgigs.skip set, the site leaves the report out rather than showing an empty page. */
    @Override
    public boolean canGenerateReport() {
        return !skipped();
    }
}
