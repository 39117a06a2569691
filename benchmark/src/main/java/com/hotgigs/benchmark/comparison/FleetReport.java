package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.FleetMeasurements.Row;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** Prints the fleet medians as Markdown tables, one per fleet size and one of the parallelisms, then the targets. */
final class FleetReport {

    private static final int SMALL = 100;
    private static final int LARGE = 1000;

    private final FleetMeasurements measurements;
    private final FleetOptions options;
    private final int defaultParallelism;
    private final PrintStream out;

    FleetReport(FleetMeasurements measurements, FleetOptions options, int defaultParallelism, PrintStream out) {
        this.measurements = measurements;
        this.options = options;
        this.defaultParallelism = defaultParallelism;
        this.out = out;
    }

    void printTables() {
        for (int size : options.tenants()) {
            out.println();
            out.printf(Locale.ROOT, "N = %,d tenant schemas, the HotGigs schema in each, one Maven process (medians of %d runs; "
                    + "hotgigs at its default parallelism, %d; Flyway one execution per tenant)%n", size,
                    measurements.count(size, Row.MIGRATE, Tool.HOTGIGS), defaultParallelism);
            out.println();
            out.println("| | hotgigs | Flyway | hotgigs / Flyway |");
            out.println("|---|---:|---:|---:|");
            for (Row row : Row.values()) {
                OptionalDouble hotgigs = measurements.median(size, row, Tool.HOTGIGS);
                OptionalDouble flyway = measurements.median(size, row, Tool.FLYWAY);
                String ratio = hotgigs.isPresent() && flyway.isPresent() && flyway.getAsDouble() > 0
                        ? String.format(Locale.ROOT, "%.2f", hotgigs.getAsDouble() / flyway.getAsDouble()) : "";
                out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", row.label, value(hotgigs, row.unit), value(flyway, row.unit), ratio);
            }
        }
        int size = options.tenants().get(0);
        if (!options.parallelisms().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "hotgigs:migrate of %,d tenant schemas at each hotgigs.parallelism (whole process; medians, "
                    + "and every run in the order measured)%n", size);
            out.println();
            out.println("| parallelism | migrate (whole process) | per tenant | runs |");
            out.println("|---:|---:|---:|---|");
            for (int parallelism : options.parallelisms()) {
                OptionalDouble median = measurements.parallelism(size, parallelism);
                String runs = measurements.parallelismSamples(size, parallelism).stream()
                        .map(ms -> String.format(Locale.ROOT, "%,.0f", ms)).collect(Collectors.joining(", ")) + " ms";
                out.printf(Locale.ROOT, "| %d%s | %s | %s | %s |%n", parallelism, parallelism == defaultParallelism ? " (default)" : "",
                        value(median, "ms"), median.isEmpty() ? "" : value(OptionalDouble.of(median.getAsDouble() / size), "ms"), runs);
            }
        }
    }

    /** Prints each target with the figures it was judged on; returns the number that failed. */
    int printTargets() {
        List<Target> targets = new ArrayList<>();
        targets.add(againstFlyway());
        targets.add(perTenantGrowth());
        targets.add(memory());
        targets.add(noop());
        out.println();
        out.println("Targets:");
        int failed = 0;
        for (Target target : targets) {
            out.println("  " + target.verdict() + "  " + target.description() + " (" + target.evidence() + ")");
            if (Boolean.FALSE.equals(target.holds())) {
                failed++;
            }
        }
        return failed;
    }

    private Target againstFlyway() {
        String description = "100 tenants migrated in one Maven process: at most 0.3x Flyway's time";
        OptionalDouble ours = measurements.median(SMALL, Row.MIGRATE, Tool.HOTGIGS);
        OptionalDouble theirs = measurements.median(SMALL, Row.MIGRATE, Tool.FLYWAY);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Target.notMeasured(description, SMALL);
        }
        double ratio = ours.getAsDouble() / theirs.getAsDouble();
        return new Target(description, ratio <= 0.3, String.format(Locale.ROOT, "%,.0f ms against %,.0f ms: %.2fx",
                ours.getAsDouble(), theirs.getAsDouble(), ratio));
    }

    private Target perTenantGrowth() {
        String description = "per-tenant cost at 1,000 tenants within 1.2x of that at 100";
        OptionalDouble small = measurements.median(SMALL, Row.MIGRATE_PER_TENANT, Tool.HOTGIGS);
        OptionalDouble large = measurements.median(LARGE, Row.MIGRATE_PER_TENANT, Tool.HOTGIGS);
        if (small.isEmpty() || large.isEmpty()) {
            return Target.notMeasured(description, small.isEmpty() ? SMALL : LARGE);
        }
        double ratio = large.getAsDouble() / small.getAsDouble();
        OptionalDouble flywaySmall = measurements.median(SMALL, Row.MIGRATE_PER_TENANT, Tool.FLYWAY);
        OptionalDouble flywayLarge = measurements.median(LARGE, Row.MIGRATE_PER_TENANT, Tool.FLYWAY);
        String flyway = flywaySmall.isPresent() && flywayLarge.isPresent() ? String.format(Locale.ROOT,
                "; Flyway %.0f against %.0f ms: %.2fx", flywayLarge.getAsDouble(), flywaySmall.getAsDouble(),
                flywayLarge.getAsDouble() / flywaySmall.getAsDouble()) : "";
        return new Target(description, ratio <= 1.2, String.format(Locale.ROOT, "%.0f against %.0f ms: %.2fx%s",
                large.getAsDouble(), small.getAsDouble(), ratio, flyway));
    }

    private Target memory() {
        String description = "peak memory of the Maven process not above Flyway's, migrating and with nothing pending, at every size";
        List<String> evidence = new ArrayList<>();
        boolean holds = true;
        for (int size : options.tenants()) {
            for (Row row : List.of(Row.MIGRATE_MEMORY, Row.NOOP_MEMORY)) {
                OptionalDouble ours = measurements.median(size, row, Tool.HOTGIGS);
                OptionalDouble theirs = measurements.median(size, row, Tool.FLYWAY);
                if (ours.isPresent() && theirs.isPresent()) {
                    holds &= ours.getAsDouble() <= theirs.getAsDouble();
                    evidence.add(String.format(Locale.ROOT, "N=%d %s: %.0f MB against %.0f MB", size,
                            row == Row.MIGRATE_MEMORY ? "migrate" : "nothing pending", ours.getAsDouble(), theirs.getAsDouble()));
                }
            }
        }
        return evidence.isEmpty() ? Target.notMeasured(description, SMALL) : new Target(description, holds, String.join(", ", evidence));
    }

    private Target noop() {
        String description = "migrate with nothing pending over 1,000 migrated tenants: under 10 s whole process";
        OptionalDouble ours = measurements.median(LARGE, Row.NOOP, Tool.HOTGIGS);
        if (ours.isEmpty()) {
            return Target.notMeasured(description, LARGE);
        }
        OptionalDouble theirs = measurements.median(LARGE, Row.NOOP, Tool.FLYWAY);
        return new Target(description, ours.getAsDouble() < 10_000, String.format(Locale.ROOT, "%,.0f ms%s", ours.getAsDouble(),
                theirs.isEmpty() ? "" : String.format(Locale.ROOT, "; Flyway %,.0f ms", theirs.getAsDouble())));
    }

    private static String value(OptionalDouble median, String unit) {
        if (median.isEmpty()) {
            return "";
        }
        double value = median.getAsDouble();
        String number = value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + unit;
    }

    private record Target(String description, Boolean holds, String evidence) {
        static Target notMeasured(String description, int size) {
            return new Target(description, null, "not measured: run with --tenants including " + size);
        }

        String verdict() {
            return holds == null ? "SKIPPED" : holds ? "HOLDS " : "MISSED";
        }
    }
}
