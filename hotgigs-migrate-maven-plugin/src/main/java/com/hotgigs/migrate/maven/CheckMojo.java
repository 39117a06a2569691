package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.CheckReport;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.manifest.Manifest;
import com.hotgigs.migrate.report.BuildLog;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.nio.file.Path;

/**
 * Checks the migrations without a database, for CI: file names, duplicate versions (two branches that
 * each added the same one), scripts the splitter refuses, mixed scripts, placeholders without values,
 * lint, and the manifest {@code hotgigs.sum} written by hotgigs:manifest (a migration edited, removed
 * or not listed; a manifest edited by hand or with merge-conflict markers). Fails the build on any of
 * them, naming the files and the fix. Targets do not apply: it runs once, and says so when they are named.
 *
 * @since 2.0.0
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends LintMojo {

    /**
     * The manifest to check against; by default {@code hotgigs.sum} beside the migrations of the first location
     * (for a {@code classpath:} location, in the project's resource directory that holds it).
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.manifestFile")
    private File manifestFile;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        noteTargetsDoNotApply("check", targetsNamedInProperties());
        Path manifest = manifestFile != null ? manifestFile.toPath() : besideMigrations(Manifest.FILE_NAME);
        long started = System.nanoTime();
        CheckReport report = new Migrator(configuration(), new ProgressLog(buildLog())).check(manifest);
        long engineMs = elapsedMs(started);
        BuildLog log = buildLog();
        report.lint().findings().forEach(finding -> log.warn(finding.message()));
        LintFiles.write(report.lint(), lintFile(), getLog());
        String checked = report.migrations() == CheckReport.UNKNOWN ? "the locations (their files could not all be read as migrations)"
                : report.migrations() + (report.migrations() == 1 ? " migration" : " migrations");
        log.info("hotgigs: checked " + checked + " against " + manifest + " in " + engineMs + " ms: " + (report.passed() ? "no problems"
                : report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems")));
        if (!report.passed()) {
            StringBuilder message = new StringBuilder("Check failed with ").append(report.problems().size())
                    .append(report.problems().size() == 1 ? " problem:" : " problems:");
            report.problems().forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
            throw new MojoFailureException(message.toString());
        }
    }
}
