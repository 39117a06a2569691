package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.Measurements.Column;
import com.hotgigs.benchmark.comparison.Measurements.Row;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Prints the medians as Markdown tables, one per corpus size, then the targets and which hold. */
final class Report {

    private final Measurements measurements;
    private final List<Integer> sizes;
    private final PrintStream out;

    Report(Measurements measurements, PrintStream out) {
        this.measurements = measurements;
        this.sizes = List.copyOf(measurements.sizes());
        this.out = out;
    }

    void printTables() {
        List<Integer> inOrder = new ArrayList<>(sizes);
        // The HotGigs schema's key sorts first; its table reads best after the generated corpora's.
        if (inOrder.remove(Integer.valueOf(AdoptSection.HOTGIGS_SCHEMA))) {
            inOrder.add(AdoptSection.HOTGIGS_SCHEMA);
        }
        for (int size : inOrder) {
            out.println();
            String corpus = size == AdoptSection.HOTGIGS_SCHEMA ? "The HotGigs schema (hotgigs-schema's migrations, built with psql -f for baseline)"
                    : String.format(Locale.ROOT, "N = %,d migrations", size);
            out.printf(Locale.ROOT, "%s (medians of %d runs; 'engine part' is hotgigs only)%n", corpus, runs(size));
            out.println();
            out.println("| | hotgigs | Flyway | hotgigs / Flyway | psql |");
            out.println("|---|---:|---:|---:|---:|");
            for (Row row : Row.values()) {
                printRow(size, row);
            }
        }
    }

    /** How many runs the table's medians are of: the first row measured at that size. */
    private int runs(int size) {
        for (Row row : Row.values()) {
            int count = Math.max(measurements.count(size, row, Column.HOTGIGS), measurements.count(size, row, Column.FLYWAY));
            if (count > 0) {
                return count;
            }
        }
        return 0;
    }

    private void printRow(int size, Row row) {
        OptionalDouble hotgigs = measurements.median(size, row, Column.HOTGIGS);
        OptionalDouble flyway = measurements.median(size, row, Column.FLYWAY);
        OptionalDouble psql = measurements.median(size, row, Column.PSQL);
        if (hotgigs.isEmpty() && flyway.isEmpty() && psql.isEmpty()) {
            return;
        }
        String ratio = hotgigs.isPresent() && flyway.isPresent() && flyway.getAsDouble() > 0
                ? String.format(Locale.ROOT, "%.2f", hotgigs.getAsDouble() / flyway.getAsDouble()) : "";
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", row.label, value(hotgigs, row), value(flyway, row), ratio,
                value(psql, row));
    }

    private static String value(OptionalDouble median, Row row) {
        if (median.isEmpty()) {
            return "";
        }
        double value = median.getAsDouble();
        String number = value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
        return number + " " + row.unit;
    }

    /** Prints each target with the figures it was judged on; returns the number that failed. */
    int printTargets() {
        List<Target> targets = new ArrayList<>();
        targets.add(ratio(1000, Row.FRESH_MIGRATE, Column.FLYWAY, 0.35,
                "migrate of 1,000 into a fresh database: at most 0.35x Flyway's whole process"));
        targets.add(ratio(1000, Row.APPLY_PHASE, Column.PSQL, 0.7,
                "apply phase of 1,000: at most 0.7x psql's one-transaction-per-migration time", Row.PSQL));
        targets.add(ratio(10000, Row.FRESH_MIGRATE, Column.FLYWAY, 0.12,
                "migrate of 10,000 into a fresh database: at most 0.12x Flyway's whole process"));
        targets.add(ratio(1000, Row.NOOP_MIGRATE, Column.FLYWAY, 0.5,
                "migrate with nothing pending, 1,000 applied: at most 0.5x Flyway's"));
        targets.add(aboveMavenStart(1000, Row.NOOP_MIGRATE, 200,
                "migrate with nothing pending, 1,000 applied: at most Maven's own start + 200 ms"));
        targets.add(limit(1000, Row.ENGINE_NOOP, 100, "engine part of migrate with nothing pending, 1,000 applied: under 100 ms"));
        targets.add(limit(10000, Row.ENGINE_STATUS, 500, "engine part of status, 10,000 applied: under 500 ms"));
        targets.add(limit(10000, Row.ENGINE_VALIDATE, 500, "engine part of validate, 10,000 applied: under 500 ms"));
        targets.add(growth());
        targets.add(memory());
        targets.add(ratio(1000, Row.NOOP_LINT, Column.FLYWAY, 0.6,
                "migrate with nothing pending and hotgigs.failOnLint=true, 1,000 applied: at most 0.6x Flyway's no-op",
                Row.NOOP_MIGRATE).or("--lint and --sizes including 1000"));
        targets.add(under(1000, Row.ENGINE_LINT, 1000, "engine part of hotgigs:lint of 1,000 migrations: under 1 s").or("--lint and --sizes including 1000"));
        targets.add(under(1000, Row.ENGINE_CHECK, 1000, "engine part of hotgigs:check of 1,000 migrations: under 1 s").or("--lint and --sizes including 1000"));
        targets.add(ratio(RepeatablesSection.SIZE, Row.REPEATABLES_NOOP, Column.FLYWAY, 0.6,
                "migrate with nothing pending, 1,000 applied and 100 repeatables unchanged: at most 0.6x Flyway's").or("--repeatables"));
        targets.add(notReapplied());
        targets.add(lessThan(AdoptSection.SIZE, Row.BASELINE, Row.ADOPT_FLYWAY_MIGRATE,
                "verified baseline of 1,000 migrations (whole process): less time than Flyway's migrate of them").or("--adopt"));
        targets.add(under(AdoptSection.HOTGIGS_SCHEMA, Row.BASELINE_COMPARISON, 1000,
                "comparison of both catalogs for the HotGigs schema, as baseline prints it: under 1 s").or("--adopt"));
        targets.add(under(AdoptSection.HOTGIGS_SCHEMA, Row.DRIFT_COMPARISON, 1000,
                "comparison of both catalogs for the HotGigs schema, as drift prints it: under 1 s").or("--adopt"));
        out.println();
        out.println("Targets:");
        int failed = 0;
        for (Target target : targets) {
            out.println("  " + target.verdict() + "  " + target.description() + " (" + target.evidence() + ")");
            if (target.verdict().equals("MISSED")) {
                failed++;
            }
        }
        return failed;
    }

    private Target ratio(int size, Row row, Column against, double limit, String description) {
        return ratio(size, row, against, limit, description, row);
    }

    private Target ratio(int size, Row row, Column against, double limit, String description, Row againstRow) {
        OptionalDouble ours = measurements.median(size, row, Column.HOTGIGS);
        OptionalDouble theirs = measurements.median(size, againstRow, against);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Target.notMeasured(description, size);
        }
        double ratio = ours.getAsDouble() / theirs.getAsDouble();
        return new Target(description, ratio <= limit,
                String.format(Locale.ROOT, "%.0f ms against %.0f ms: %.2fx", ours.getAsDouble(), theirs.getAsDouble(), ratio));
    }

    /** A whole process against the same tool's {@code mvn validate} on the same pom, Maven's floor for any goal. */
    private Target aboveMavenStart(int size, Row row, double marginMs, String description) {
        OptionalDouble ours = measurements.median(size, row, Column.HOTGIGS);
        OptionalDouble floor = measurements.median(size, Row.MAVEN_START, Column.HOTGIGS);
        if (ours.isEmpty() || floor.isEmpty()) {
            return Target.notMeasured(description, size);
        }
        double above = ours.getAsDouble() - floor.getAsDouble();
        return new Target(description, above <= marginMs, String.format(Locale.ROOT,
                "%.0f ms against Maven's start of %.0f ms: %.0f ms above it", ours.getAsDouble(), floor.getAsDouble(), above));
    }

    /** A figure of the engine's own against a limit, where the driver's floor says nothing (no database, or two). */
    private Target under(int size, Row row, double limit, String description) {
        OptionalDouble ours = measurements.median(size, row, Column.HOTGIGS);
        if (ours.isEmpty()) {
            return Target.notMeasured(description, size);
        }
        return new Target(description, ours.getAsDouble() < limit, String.format(Locale.ROOT, "%.0f %s", ours.getAsDouble(), row.unit));
    }

    /** hotgigs' whole process against another of Flyway's rows, strictly less. */
    private Target lessThan(int size, Row row, Row flywayRow, String description) {
        OptionalDouble ours = measurements.median(size, row, Column.HOTGIGS);
        OptionalDouble theirs = measurements.median(size, flywayRow, Column.FLYWAY);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Target.notMeasured(description, size);
        }
        return new Target(description, ours.getAsDouble() < theirs.getAsDouble(), String.format(Locale.ROOT,
                "%.0f ms against %.0f ms: %.2fx", ours.getAsDouble(), theirs.getAsDouble(), ours.getAsDouble() / theirs.getAsDouble()));
    }

    /** The repeatables section throws when a second migrate applies anything; a measured run is one that did not. */
    private Target notReapplied() {
        String description = "no unchanged repeatable applied again: each tool's second migrate reported nothing to apply, "
                + "and each history has 100 repeatable rows, not 200";
        int ours = measurements.count(RepeatablesSection.SIZE, Row.REPEATABLES_NOOP, Column.HOTGIGS);
        int theirs = measurements.count(RepeatablesSection.SIZE, Row.REPEATABLES_NOOP, Column.FLYWAY);
        if (ours == 0 || theirs == 0) {
            return Target.notMeasured(description, RepeatablesSection.SIZE).or("--repeatables");
        }
        return new Target(description, true, String.format(Locale.ROOT, "checked after each of %d runs of hotgigs and %d of Flyway",
                ours, theirs));
    }

    private Target limit(int size, Row row, double limitMs, String description) {
        OptionalDouble ours = measurements.median(size, row, Column.HOTGIGS);
        if (ours.isEmpty()) {
            return Target.notMeasured(description, size);
        }
        OptionalDouble floor = measurements.median(size, Row.DRIVER_FLOOR, Column.HOTGIGS);
        String evidence = String.format(Locale.ROOT, "%.0f ms", ours.getAsDouble())
                + (floor.isEmpty() ? "" : String.format(Locale.ROOT,
                        "; the JDBC driver's first connection and history read alone, in a fresh JVM: %.0f ms", floor.getAsDouble()));
        return new Target(description, ours.getAsDouble() < limitMs, evidence);
    }

    /** The cost of a migration applied on top of 10,000 is within 20% of one on top of 1,000. */
    private Target growth() {
        String description = "per-migration cost does not grow with the history (last 100 on top of 9,900 against on top of 900, "
                + "within 1.2x)";
        OptionalDouble small = measurements.median(1000, Row.TAIL_PER_MIGRATION, Column.HOTGIGS);
        OptionalDouble large = measurements.median(10000, Row.TAIL_PER_MIGRATION, Column.HOTGIGS);
        if (small.isEmpty() || large.isEmpty()) {
            return Target.notMeasured(description, 10000);
        }
        OptionalDouble psqlSmall = measurements.median(1000, Row.TAIL_PER_MIGRATION, Column.PSQL);
        OptionalDouble psqlLarge = measurements.median(10000, Row.TAIL_PER_MIGRATION, Column.PSQL);
        double ratio = large.getAsDouble() / small.getAsDouble();
        String psql = psqlSmall.isPresent() && psqlLarge.isPresent()
                ? String.format(Locale.ROOT, "; psql %.2f against %.2f ms", psqlLarge.getAsDouble(), psqlSmall.getAsDouble()) : "";
        return new Target(description, ratio <= 1.2, String.format(Locale.ROOT, "%.2f against %.2f ms: %.2fx%s",
                large.getAsDouble(), small.getAsDouble(), ratio, psql));
    }

    private Target memory() {
        String description = "peak memory of the Maven process no more than Flyway's, at every size";
        List<String> evidence = new ArrayList<>();
        boolean holds = true;
        for (int size : sizes) {
            OptionalDouble ours = measurements.median(size, Row.PEAK_MEMORY, Column.HOTGIGS);
            OptionalDouble theirs = measurements.median(size, Row.PEAK_MEMORY, Column.FLYWAY);
            if (ours.isPresent() && theirs.isPresent()) {
                holds &= ours.getAsDouble() <= theirs.getAsDouble();
                evidence.add(String.format(Locale.ROOT, "N=%d: %.0f MB against %.0f MB", size, ours.getAsDouble(), theirs.getAsDouble()));
            }
        }
        return evidence.isEmpty() ? Target.notMeasured(description, 1000) : new Target(description, holds, String.join(", ", evidence));
    }

    private record Target(String description, Boolean holds, String evidence) {
        static Target notMeasured(String description, int size) {
            return new Target(description, null, "not measured: run with --sizes including " + size);
        }

        /** Not measured because a section was not asked for: say which option runs it. */
        Target or(String option) {
            return holds == null ? new Target(description, null, "not measured: run with " + option) : this;
        }

        String verdict() {
            return holds == null ? "SKIPPED" : holds ? "HOLDS " : "MISSED";
        }
    }
}
