package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.plugin.MojoExecutionException;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The goals that show the database's report, {@code report} (files of its own) and {@code site-report}
 * (the site's page): the report read from each target, handed to the goal to show, and the build failed
 * naming the targets that could not be read once the others' are shown. Reads only: creates nothing,
 * takes no lock. Names no class of the site plugin, so that {@code report} loads without it.
 */
public abstract class AbstractReportMojo extends AbstractFleetMojo {

    @Override
    protected final void run() throws MojoExecutionException {
        TargetRun<DatabaseReport> run = onTargets("report", configuration(), Fleet::report);
        TargetOutcome<DatabaseReport> single = run.single();
        if (single != null && single.failed()) {
            throw single.failure();
        }
        List<TargetOutcome<DatabaseReport>> reported = run.result().outcomes().stream().filter(outcome -> !outcome.failed()).toList();
        show(reported, single != null, OffsetDateTime.now());
        run.result().throwIfFailed("Fix them and run report again.");
        if (single != null) {
            getLog().info(Summary.of(single.result().status()));
        }
    }

    /**
     * Shows the reports of the targets that could be read.
     *
     * @param reported the targets' reports, in the order of the targets
     * @param single   whether the goal ran on the configured database alone rather than on named targets
     * @param now      the time every page says it was made
     */
    protected abstract void show(List<TargetOutcome<DatabaseReport>> reported, boolean single, OffsetDateTime now)
            throws MojoExecutionException;
}
