package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.report.BuildLog;
import com.hotgigs.migrate.report.StatusJson;
import com.hotgigs.migrate.report.StatusTable;
import com.hotgigs.migrate.report.Summary;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;

/**
 * Shows every known migration, local or recorded, with its state (APPLIED, PENDING, FAILED,
 * CHECKSUM_MISMATCH, MISSING; OUTDATED for a repeatable changed since it last ran), version, name,
 * when and by whom it was installed and how long it took; optionally writes the same as JSON for CI.
 * Reads only: creates nothing, takes no lock (its callbacks run in read-only transactions).
 *
 * @since 2.0.0
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractFleetMojo {

    /**
     * Also write the status as JSON to this file: an object with database, schema, currentVersion and
     * migrations (each with version, name, script, state, checksum, installedOn, installedBy, executionTimeMs,
     * transactionMode). On several targets, one file per target beside it, named after the target
     * (status.json becomes status-tenant_001.json).
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.statusFile")
    private File statusFile;

    @Override
    protected void run() throws MojoExecutionException {
        BuildLog log = buildLog();
        long started = System.nanoTime();
        // On several targets each gets its own file beside the one named, as plan's and drift's do.
        TargetRun<StatusReport> run = onTargets("status", configuration(), Fleet::status,
                (target, status) -> {
                    if (statusFile != null) {
                        writeStatusFile(status, perTarget(statusFile, target));
                    }
                });
        TargetOutcome<StatusReport> single = run.single();
        if (single == null) {
            run.result().throwIfFailed("Fix them and run status again.");
            return;
        }
        if (single.failed()) {
            throw single.failure();
        }
        StatusReport status = single.result();
        long engineMs = elapsedMs(started);
        StatusTable.lines(status).forEach(log::info);
        if (statusFile != null) {
            writeStatusFile(status, statusFile);
        }
        log.info(Summary.checked(status.migrations().size(), engineMs));
        log.info(Summary.of(status));
    }

    private void writeStatusFile(StatusReport status, File file) throws MojoExecutionException {
        try {
            StatusJson.write(status, file.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the status file " + file + ": " + e
                    + ". Check hotgigs.statusFile and that its directory is writable.", e);
        }
        buildLog().info("Wrote the status to " + file);
    }
}
