package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.DurationSetting;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.lint.LintSettings;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * The goals that run migrate's run or plan it (migrate, plan): which migrations it takes, how their
 * statements run (the session's timeouts, the commits' flush) and which lint rules are off. What only
 * a real run uses (the lock wait, retries, failOnLint, the baseline, the JUnit report) is migrate's own.
 */
public abstract class AbstractApplyingMojo extends AbstractFleetMojo {

    /**
     * Highest version to apply, inclusive, e.g. {@code 001}; all when not set.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.target")
    private String target;

    /**
     * Allow applying a pending migration whose version is lower than the highest applied one (e.g. after
     * merging branches). Off, such a migration is an error.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.outOfOrder", defaultValue = "false")
    private boolean outOfOrder;

    /**
     * Whether every migration's commit waits for the server to flush it to disk. By default only the
     * run's last commit waits, and its flush covers every earlier one: a crash mid-run takes back
     * whole migrations with their history rows, and nothing the build reported as applied.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.flushEachMigration", defaultValue = "false")
    private boolean flushEachMigration;

    /**
     * PostgreSQL's {@code lock_timeout} for every statement of a migration, e.g. {@code 500ms}, {@code 2s},
     * {@code 1m}; {@code 0} or {@code off} leaves the server's and the role's setting. A transactional
     * migration that hits it is rolled back and retried (see lockRetries).
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lockTimeout", defaultValue = MigratorConfig.DEFAULT_LOCK_TIMEOUT)
    private String lockTimeout;

    /**
     * PostgreSQL's {@code statement_timeout} for every statement of a migration, in the same form as
     * lockTimeout; {@code off} (the default) leaves the server's and the role's setting. Never retried.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.statementTimeout", defaultValue = MigratorConfig.DEFAULT_STATEMENT_TIMEOUT)
    private String statementTimeout;

    /**
     * Lint rules not to check at all, comma separated, e.g. {@code rename-or-drop}; an unknown id is an error.
     * To accept one statement, prefer {@code -- hotgigs:lint-ignore RULE} on the line before it.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lintIgnore")
    private List<String> lintIgnore;

    /** The run's settings as the engine takes them, with lint's: {@code failOnLint} is the goal's. */
    protected MigratorConfig.Builder runSettings(MigratorConfig.Builder builder, boolean failOnLint) {
        return builder.target(firstSet(target))
                .outOfOrder(outOfOrder)
                .flushEachMigration(flushEachMigration)
                .lockTimeout(DurationSetting.parse("lockTimeout", lockTimeout))
                .statementTimeout(DurationSetting.parse("statementTimeout", statementTimeout))
                .lint(lintSettings(failOnLint, lintIgnore));
    }

    /** failOnLint and lintIgnore as the engine takes them; validate, lint and check declare the two themselves. */
    static LintSettings lintSettings(boolean failOnLint, List<String> lintIgnore) {
        return new LintSettings(failOnLint, LintSettings.rules("lintIgnore",
                lintIgnore == null ? List.of() : Locations.split(lintIgnore)));
    }
}
