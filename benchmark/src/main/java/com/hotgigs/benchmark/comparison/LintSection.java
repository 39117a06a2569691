package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.Measurements.Column;
import com.hotgigs.benchmark.comparison.Measurements.Row;
import com.hotgigs.benchmark.corpus.Corpus;

import java.nio.file.Path;
import java.util.regex.Matcher;

/**
 * {@code --lint}, at each size, on the database hotgigs has just migrated: a no-op migrate with
 * {@code hotgigs.failOnLint=true} (lint as strict as it gets, set against Flyway's no-op of the same
 * run), and {@code hotgigs:lint} and {@code hotgigs:check} as whole processes with the engine's part
 * each prints. The manifest check reads is written by {@code hotgigs:manifest} first, outside the corpus.
 */
final class LintSection {

    private static final String LINTED = "hotgigs: linted (\\d+) migrations? in (\\d+) ms: (no findings|\\d+ findings?)";
    private static final String CHECKED = "hotgigs: checked (\\d+) migrations? against \\S+ in (\\d+) ms: no problems";

    private final Harness harness;
    private final Measurements measurements;

    LintSection(Harness harness) {
        this.harness = harness;
        this.measurements = harness.measurements();
    }

    void measure(Corpus corpus, String database) {
        int size = corpus.size();
        Path locations = Tool.HOTGIGS.locationsOf(corpus);
        TimedProcess.Outcome noop = harness.maven(Tool.HOTGIGS, locations, database, true, "hotgigs:migrate", "-Dhotgigs.failOnLint=true");
        measurements.add(size, Row.NOOP_LINT, Column.HOTGIGS, noop.wallMs());
        measurements.add(size, Row.ENGINE_NOOP_LINT, Column.HOTGIGS, ToolComparison.engineMs(noop.output(), ToolComparison.HOTGIGS_UP_TO_DATE));

        TimedProcess.Outcome lint = harness.maven(Tool.HOTGIGS, locations, database, true, "hotgigs:lint");
        measurements.add(size, Row.LINT, Column.HOTGIGS, lint.wallMs());
        measurements.add(size, Row.ENGINE_LINT, Column.HOTGIGS, engineMs(lint, LINTED, size));

        String manifest = "-Dhotgigs.manifestFile=" + harness.options().workDirectory().resolve("hotgigs-" + size + ".sum");
        harness.maven(Tool.HOTGIGS, locations, database, true, "hotgigs:manifest", manifest);
        TimedProcess.Outcome check = harness.maven(Tool.HOTGIGS, locations, database, true, "hotgigs:check", manifest);
        measurements.add(size, Row.CHECK, Column.HOTGIGS, check.wallMs());
        measurements.add(size, Row.ENGINE_CHECK, Column.HOTGIGS, engineMs(check, CHECKED, size));
    }

    /** A goal that judged fewer files than the corpus has would be fast for the wrong reason. */
    private static long engineMs(TimedProcess.Outcome outcome, String line, int size) {
        Matcher match = Harness.require(outcome.output(), line, "hotgigs");
        if (Integer.parseInt(match.group(1)) != size) {
            throw new IllegalStateException("hotgigs judged " + match.group(1) + " migrations, expected " + size + ": " + match.group());
        }
        return Long.parseLong(match.group(2));
    }
}
