package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DurationSetting;
import com.hotgigs.migrate.MigratorConfig;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/**
 * The goals that judge the migrations without a database (lint, check): the scripts' settings every goal
 * has, and the few lint reads. They declare nothing of a database run (targets, retries, timeouts other than
 * the lock timeout lint judges by, baselines), so {@code mvn help:describe} lists only what they use; targets
 * named in the build's properties get one line saying they do not apply.
 */
public abstract class AbstractOfflineMojo extends AbstractHotgigsMojo {

    /**
     * Fail the build when lint finds a hazard; off, each finding is a warning.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.failOnLint", defaultValue = "false")
    private boolean failOnLint;

    /**
     * Lint rules not to check at all, comma separated, e.g. {@code rename-or-drop}; an unknown id is an error.
     * To accept one statement, prefer {@code -- hotgigs:lint-ignore RULE} on the line before it.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lintIgnore")
    private List<String> lintIgnore;

    /**
     * The lock timeout migrate will run the migrations with, as migrate takes it ({@code 500ms}, {@code 2s},
     * {@code off}): with it off, lint reports a migration that sets no {@code lock_timeout} itself.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lockTimeout", defaultValue = MigratorConfig.DEFAULT_LOCK_TIMEOUT)
    private String lockTimeout;

    /**
     * Where the lint report goes as JSON: formatVersion, migrations, and findings (rule, migration, script,
     * line, statement, message) and problems.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lintFile", defaultValue = "${project.build.directory}/hotgigs/lint.json")
    private File lintFile;

    /** The shared settings, and what lint judges by. */
    @Override
    protected MigratorConfig configuration() throws MojoExecutionException {
        return configuration(builder -> builder.lockTimeout(DurationSetting.parse("lockTimeout", lockTimeout))
                .lint(AbstractApplyingMojo.lintSettings(failOnLint, lintIgnore)));
    }

    protected boolean failOnLint() {
        return failOnLint;
    }

    protected File lintFile() {
        return lintFile;
    }
}
