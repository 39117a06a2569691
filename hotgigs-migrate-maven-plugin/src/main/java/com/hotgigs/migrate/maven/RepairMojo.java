package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.RepairResult;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Realigns the history with decisions a person made: an applied migration edited on purpose (a
 * comment, formatting) gets its checksum realigned to the file, the old one kept in a REPAIR row
 * with who and when; an applied migration whose file was removed on purpose is marked DELETED.
 * Rows are only added. Prints each change; with nothing to repair it fails, saying so, and writes nothing.
 * On several targets, each target's history is repaired under its own lock; a target with nothing to
 * repair fails alone, the others are repaired.
 *
 * @since 2.0.0
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends AbstractFleetMojo {

    @Override
    protected void run() throws MojoExecutionException {
        BuildLog log = buildLog();
        TargetRun<RepairResult> run = onTargets("repair", configuration(), Fleet::repair,
                (target, result) -> result.changes().forEach(change -> log.info(target.name() + ": " + change.describe())));
        TargetOutcome<RepairResult> single = run.single();
        if (single == null) {
            failIfAny(run.result(), result -> null);
            return;
        }
        if (single.failed()) {
            throw single.failure();
        }
        RepairResult result = single.result();
        result.changes().forEach(change -> log.info(change.describe()));
        if (single.statusAfter() != null) {
            log.info(Summary.of(single.statusAfter()));
        }
    }
}
