package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.lint.LintSettings;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.List;

/**
 * The goals that lint the migrations they are about to run (migrate, and plan, which takes migrate's
 * settings): how findings count, and which rules are off. Lint and check, which need no database,
 * declare the same two in {@link AbstractOfflineMojo}.
 */
public abstract class AbstractLintingMojo extends AbstractComparingMojo {

    /**
     * Fail the build when lint finds a hazard in a migration about to run, before anything runs; off, each
     * finding is a warning.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.failOnLint", defaultValue = "false")
    private boolean failOnLint;

    /**
     * Lint rules not to check at all, comma separated, e.g. {@code rename-or-drop}; an unknown id is an error.
     * To accept one statement, prefer {@code -- hotgigs:lint-ignore <rule>} on the line before it.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.lintIgnore")
    private List<String> lintIgnore;

    /** failOnLint and lintIgnore as the engine takes them. */
    protected LintSettings lintSettings() {
        return lintSettings(failOnLint, lintIgnore);
    }

    /** The same for validate, which declares the two parameters itself: it is not a goal that compares schemas. */
    static LintSettings lintSettings(boolean failOnLint, List<String> lintIgnore) {
        return new LintSettings(failOnLint, LintSettings.rules("lintIgnore",
                lintIgnore == null ? List.of() : Locations.split(lintIgnore)));
    }

    /** Whether findings fail the build. */
    protected boolean failOnLint() {
        return failOnLint;
    }
}
