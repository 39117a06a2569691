package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.lint.LintFinding;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.report.BuildLog;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;


/**
 * Lints every migration for statements that lock or rewrite a table in use, or break the running
 * application (the rules are in the README), and writes the findings as JSON. Needs no database:
 * each script is judged as migrate would run it (lockTimeout, placeholders).
 * Findings are warnings; with failOnLint they fail the build. Targets do not apply: it runs once, and
 * says so when they are named.
 *
 * @since 2.0.0
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class LintMojo extends AbstractOfflineMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        noteTargetsDoNotApply("lint", targetsNamedInProperties());
        MigratorConfig config = configuration();
        long started = System.nanoTime();
        LintReport report = new Migrator(config, new ProgressLog(buildLog())).lint();
        long engineMs = elapsedMs(started);
        BuildLog log = buildLog();
        report.findings().forEach(finding -> log.warn(finding.message()));
        LintFiles.write(report, lintFile(), getLog());
        log.info(LintFiles.summary(report, engineMs));
        if (!report.problems().isEmpty()) {
            throw new MojoExecutionException(String.join(System.lineSeparator(), report.problems()));
        }
        if (failOnLint() && !report.findings().isEmpty()) {
            throw new MojoFailureException("Lint found " + report.findings().size() + (report.findings().size() == 1 ? " hazard" : " hazards")
                    + " and hotgigs.failOnLint is true: " + String.join(", ", report.findings().stream().map(LintFinding::migration)
                    .distinct().toList()) + ". Use the safe way each warning names, or exempt a statement with "
                    + "-- hotgigs:lint-ignore <rule> on the line before it.");
        }
    }
}
