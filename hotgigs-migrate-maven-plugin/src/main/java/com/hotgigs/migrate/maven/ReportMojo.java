package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.HtmlReport;
import com.hotgigs.migrate.report.ProgressLog;
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
import java.util.Locale;

/**
 * Writes the database's report: the migration history as a timeline of applied, failed and
 * pending migrations with their times, and a diagram of its tables, columns and foreign keys drawn
 * from the catalog as SVG. One self-contained HTML file ({@code target/hotgigs/report/index.html})
 * that needs no network. Listed under {@code <reporting>}, the same page is a report of
 * {@code mvn site}. Reads only: creates nothing, takes no lock.
 *
 * @since 2.0.0
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractHotgigsMojo implements MavenReport {

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
        BuildLog log = buildLog();
        DatabaseReport report = migrator(configuration(), new ProgressLog(log)).report();
        OffsetDateTime now = OffsetDateTime.now();
        if (siteSink != null) {
            SitePage.render(siteSink, getName(Locale.ROOT), HtmlReport.fragment(report, now));
        } else {
            Path file;
            try {
                file = HtmlReport.write(report, now, reportOutputDirectory.toPath());
            } catch (IOException e) {
                throw new MojoExecutionException("Could not write the report into " + reportOutputDirectory + ": " + e
                        + ". Check hotgigs.reportOutputDirectory and that the build can write there.", e);
            }
            log.info("Wrote the report to " + file);
        }
        log.info(Summary.of(report.status()));
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
