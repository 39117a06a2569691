package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.HtmlReport;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

import java.io.File;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The database's report as the page {@code mvn site} shows, "Database migrations" under Project
 * Reports: what {@code hotgigs:report} writes (the migration history's timeline and the schema's
 * diagram), inside the site's skin and menu; with several targets, all of them on the one page. List
 * this goal in the POM's reporting section; for a file of its own, run {@code hotgigs:report}.
 * Run on its own ({@code mvn hotgigs:site-report}) Maven cannot load it: the interface it implements,
 * MavenReport, comes from the site plugin, and the build fails with "A required class is missing:
 * org/apache/maven/reporting/MavenReport". With hotgigs.skip the site leaves the page out. Reads
 * only: creates nothing, takes no lock.
 *
 * @since 2.0.0
 */
@Mojo(name = "site-report", threadSafe = true)
public class SiteReportMojo extends AbstractReportMojo implements MavenReport {

    /** The site's directory, until the site plugin names the one it renders into. The page is the site's to write. */
    @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true)
    private File reportOutputDirectory;

    /** The site's page, while the site plugin has the report render into it. */
    private Sink sink;

    /** Refuses a run outside a site before it reads any database, since it would have no page to show the report on. */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (sink == null) {
            // Reached only when the build itself put the reporting API on the plugin's class path.
            throw new MojoExecutionException("hotgigs:site-report renders the page of mvn site and was run outside it, "
                    + "with no page to render into. List it in the POM's <reporting> section and run mvn site, "
                    + "or run hotgigs:report for a file of its own.");
        }
        super.execute();
    }

    @Override
    protected void show(List<TargetOutcome<DatabaseReport>> reported, boolean single, OffsetDateTime now) {
        StringBuilder fragments = new StringBuilder();
        reported.forEach(outcome -> fragments.append(HtmlReport.fragment(outcome.result(), now)));
        SitePage.render(sink, getName(Locale.ROOT), fragments.toString());
    }

    /** The site plugin's entry: the goal, rendered into the site's page. */
    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        this.sink = sink;
        try {
            execute();
        } catch (MojoExecutionException | MojoFailureException e) {
            throw new MavenReportException(e.getMessage(), e);
        } finally {
            this.sink = null;
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
