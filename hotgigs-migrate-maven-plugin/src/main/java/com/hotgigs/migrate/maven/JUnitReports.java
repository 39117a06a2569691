package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.FleetResult;
import com.hotgigs.migrate.Target;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.JUnitReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

import java.io.File;
import java.io.IOException;
import java.util.function.Function;

/**
 * Writes a goal's JUnit XML report where CI servers collect test reports. A goal that succeeded
 * fails when its report cannot be written (a CI server would otherwise show stale or no results);
 * a goal that already failed only warns, so its own failure stays the one reported.
 */
final class JUnitReports {

    private JUnitReports() {
    }

    static void write(JUnitReport report, File directory, Log log) throws MojoExecutionException {
        try {
            log.debug("Wrote " + report.write(directory.toPath()));
        } catch (IOException e) {
            throw new MojoExecutionException(cannotWrite(report, directory, e));
        }
    }

    static void writeAfterFailure(JUnitReport report, File directory, Log log) {
        try {
            log.debug("Wrote " + report.write(directory.toPath()));
        } catch (IOException e) {
            log.warn(cannotWrite(report, directory, e));
        }
    }

    /**
     * A fleet's reports, one per target (those failFast did not start included), each suite named for its
     * target. Written before the build fails for a failed target, so a failure in one report only warns.
     */
    static <R> void writePerTarget(FleetResult<R> result, String goal, Function<TargetOutcome<R>, JUnitReport> report,
                                   File directory, Log log) throws MojoExecutionException {
        boolean failed = !result.succeeded();
        for (TargetOutcome<R> outcome : result.outcomes()) {
            JUnitReport one = report.apply(outcome).forTarget(outcome.target().name());
            if (failed) {
                writeAfterFailure(one, directory, log);
            } else {
                write(one, directory, log);
            }
        }
        for (Target target : result.notStarted()) {
            writeAfterFailure(JUnitReport.ofNotStarted(goal).forTarget(target.name()), directory, log);
        }
    }

    private static String cannotWrite(JUnitReport report, File directory, IOException e) {
        return "Could not write the JUnit report " + new File(directory, report.fileName()) + ": " + e
                + ". Check that hotgigs.reportsDirectory names a directory the build can write.";
    }
}
