package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.RepairResult;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Realigns the history with decisions a person made: an applied migration edited on purpose (a
 * comment, formatting) gets its checksum realigned to the file, the old one kept in a REPAIR row
 * with who and when; an applied migration whose file was removed on purpose is marked DELETED.
 * Rows are only added. Prints each change; with nothing to repair it fails, saying so, and writes nothing.
 *
 * @since 2.0.0
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends AbstractHotgigsMojo {

    @Override
    protected void run() throws MojoExecutionException {
        BuildLog log = buildLog();
        Migrator migrator = migrator(configuration(), new ProgressLog(log));
        RepairResult result = migrator.repair();
        result.changes().forEach(change -> log.info(change.describe()));
        log.info(Summary.of(migrator.status()));
    }
}
