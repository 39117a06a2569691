package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.lint.LintFinding;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.report.BuildLog;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/**
 * Lints every migration for statements that lock or rewrite a table in use, or break the running
 * application (the rules are in the README), and writes the findings as JSON. Needs no database:
 * each script is judged as migrate would run it, with migrate's settings (lockTimeout, placeholders).
 * Findings are warnings; with failOnLint they fail the build. With targets (hotgigs.schemas,
 * hotgigs.databases, hotgigs.targetsQuery) it reads each target's history instead and lints what is
 * pending there, as migrate would run it on that server, a lint file per target beside lintFile.
 *
 * @since 2.0.0
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class LintMojo extends MigrateMojo {

    /**
     * Where the lint report goes as JSON: formatVersion, migrations, and findings (rule, migration, script,
     * line, statement, message) and problems.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lintFile", defaultValue = "${project.build.directory}/hotgigs/lint.json")
    private File lintFile;

    protected File lintFile() {
        return lintFile;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        MigratorConfig config = configuration();
        if (namesTargets()) {
            lintTargets(config);
            return;
        }
        long started = System.nanoTime();
        LintReport report = new Migrator(config).lint();
        long engineMs = elapsedMs(started);
        BuildLog log = buildLog();
        report.findings().forEach(finding -> log.warn(finding.message()));
        LintFiles.write(report, lintFile(), getLog());
        log.info(LintFiles.summary(report, engineMs));
        if (!report.problems().isEmpty()) {
            throw new MojoExecutionException(String.join(System.lineSeparator(), report.problems()));
        }
        failOnFindings(report.findings().stream().map(LintFinding::migration).distinct().toList(), report.findings().size());
    }

    /**
     * On targets, each target's pending migrations are linted as migrate would run them there (its server's
     * version, its placeholders), each target's findings written beside lintFile named after it.
     */
    private void lintTargets(MigratorConfig config) throws MojoExecutionException, MojoFailureException {
        BuildLog log = buildLog();
        long started = System.nanoTime();
        TargetRun<LintReport> run = onTargets("lint", config, Fleet::lint, (target, report) -> {
            report.findings().forEach(finding -> log.warn(target.name() + ": " + finding.message()));
            LintFiles.write(report, perTarget(lintFile(), target), getLog());
        });
        TargetOutcome<LintReport> single = run.single();
        if (single != null) {
            if (single.failed()) {
                throw single.failure();
            }
            LintReport report = single.result();
            report.findings().forEach(finding -> log.warn(finding.message()));
            LintFiles.write(report, lintFile(), getLog());
            log.info(LintFiles.summary(report, elapsedMs(started)));
        }
        failIfAny(run.result(), report -> report.problems().isEmpty() ? null : String.join(System.lineSeparator(), report.problems()));
        List<String> withFindings = run.result().outcomes().stream()
                .filter(outcome -> !outcome.failed() && !outcome.result().findings().isEmpty())
                .map(outcome -> single != null ? outcome.target().name() : outcome.target().name() + " ("
                        + String.join(", ", outcome.result().findings().stream().map(LintFinding::migration).distinct().toList()) + ")")
                .toList();
        failOnFindings(withFindings, run.result().outcomes().stream().filter(outcome -> !outcome.failed())
                .mapToInt(outcome -> outcome.result().findings().size()).sum());
    }

    private void failOnFindings(List<String> where, int findings) throws MojoFailureException {
        if (failOnLint() && findings > 0) {
            throw new MojoFailureException("Lint found " + findings + (findings == 1 ? " hazard" : " hazards")
                    + " and hotgigs.failOnLint is true: " + String.join(", ", where) + ". Use the safe way each warning names, or "
                    + "exempt a statement with -- hotgigs:lint-ignore <rule> on the line before it.");
        }
    }
}
