package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.Measurements.Column;
import com.hotgigs.benchmark.comparison.Measurements.Row;
import com.hotgigs.benchmark.corpus.Corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * {@code --adopt}: a verified {@code hotgigs:baseline} of a database psql built from the 1,000
 * generated migrations, and {@code hotgigs:drift} of one hotgigs migrated, each a whole process with
 * the replay into a throwaway embedded PostgreSQL, set against Flyway's migrate of the same 1,000 in
 * the same run (what a user compares adopting a database with). The same two goals on the HotGigs
 * schema (hotgigs-schema's migrations, built with {@code psql -f} as the database guide does) give
 * the comparison's own time, as the goals print it, for a hand-written schema.
 */
final class AdoptSection {

    static final int SIZE = 1000;
    /** The key the HotGigs schema's figures are kept under, apart from the generated corpora's sizes. */
    static final int HOTGIGS_SCHEMA = 0;
    private static final Path HOTGIGS_MIGRATIONS = Path.of("hotgigs-schema", "src", "main", "resources", "db", "hotgigs");

    private static final String BASELINED = "Baselined (\\d+) migrations? up to \\S+; the schema matches the migrations replayed "
            + "\\((\\d+) objects compared in (\\d+) ms\\)";
    private static final String NO_DRIFT = "No drift: (\\d+) objects of the migrations up to \\S+ compared in (\\d+) ms "
            + "\\((\\d+) ms with the replay\\)";

    private final Harness harness;
    private final Measurements measurements;

    AdoptSection(Harness harness) {
        this.harness = harness;
        this.measurements = harness.measurements();
    }

    void measure() {
        Corpus corpus = Corpus.write(harness.options().workDirectory().resolve("corpus-" + SIZE), SIZE);
        List<Path> schemaFiles = hotgigsSchemaFiles();
        // The first baseline of a JVM's life resolves the embedded binaries and unpacks them: not what a run costs after.
        baseline(HOTGIGS_MIGRATIONS, schemaFiles);
        int runs = harness.options().runs();
        for (int run = 1; run <= runs; run++) {
            System.out.printf("Adopting N=%d and the HotGigs schema, run %d of %d%n", SIZE, run, runs);
            List<Tool> order = run % 2 == 1 ? List.of(Tool.HOTGIGS, Tool.FLYWAY) : List.of(Tool.FLYWAY, Tool.HOTGIGS);
            for (Tool tool : order) {
                if (tool == Tool.HOTGIGS) {
                    record(SIZE, Row.BASELINE, Row.BASELINE_COMPARISON, baseline(Tool.HOTGIGS.locationsOf(corpus),
                            corpus.hotgigsFilesInOrder()));
                    record(SIZE, Row.DRIFT, Row.DRIFT_COMPARISON, drift(Tool.HOTGIGS.locationsOf(corpus)));
                    record(HOTGIGS_SCHEMA, Row.BASELINE, Row.BASELINE_COMPARISON, baseline(HOTGIGS_MIGRATIONS, schemaFiles));
                    record(HOTGIGS_SCHEMA, Row.DRIFT, Row.DRIFT_COMPARISON, drift(HOTGIGS_MIGRATIONS));
                } else {
                    String database = harness.freshDatabase(Tool.FLYWAY);
                    TimedProcess.Outcome migrate = harness.maven(Tool.FLYWAY, Tool.FLYWAY.locationsOf(corpus), database, true,
                            Tool.FLYWAY.migrateGoal());
                    Tool.FLYWAY.applyPhaseMs(migrate.output(), SIZE);
                    measurements.add(SIZE, Row.ADOPT_FLYWAY_MIGRATE, Column.FLYWAY, migrate.wallMs());
                    harness.server().dropDatabase(database);
                }
            }
        }
    }

    /** A whole process, the comparison's part of it as the goal printed it, and how many objects it compared. */
    private record Comparison(long wallMs, long comparisonMs, long objects) {
    }

    private void record(int key, Row whole, Row comparison, Comparison measured) {
        measurements.add(key, whole, Column.HOTGIGS, measured.wallMs());
        measurements.add(key, comparison, Column.HOTGIGS, measured.comparisonMs());
        measurements.add(key, Row.COMPARED_OBJECTS, Column.HOTGIGS, measured.objects());
    }

    /** psql builds the database, as the guide's manual path does; then a verified baseline records it. */
    private Comparison baseline(Path locations, List<Path> files) {
        String database = harness.freshDatabase("adopt");
        harness.psql(database, files, "psql-adopt.sql");
        TimedProcess.Outcome baseline = harness.maven(Tool.HOTGIGS, locations, database, true, "hotgigs:baseline");
        Matcher match = Harness.require(baseline.output(), BASELINED, "hotgigs:baseline");
        requireCount(match, files.size(), "baselined");
        harness.server().dropDatabase(database);
        return new Comparison(baseline.wallMs(), Long.parseLong(match.group(3)), Long.parseLong(match.group(2)));
    }

    /** hotgigs migrates the database (not measured), then drift replays and compares it. */
    private Comparison drift(Path locations) {
        String database = harness.freshDatabase("adopt");
        harness.maven(Tool.HOTGIGS, locations, database, true, Tool.HOTGIGS.migrateGoal());
        TimedProcess.Outcome drift = harness.maven(Tool.HOTGIGS, locations, database, true, "hotgigs:drift");
        Matcher match = Harness.require(drift.output(), NO_DRIFT, "hotgigs:drift");
        harness.server().dropDatabase(database);
        return new Comparison(drift.wallMs(), Long.parseLong(match.group(2)), Long.parseLong(match.group(1)));
    }

    private static void requireCount(Matcher match, int expected, String what) {
        if (Integer.parseInt(match.group(1)) != expected) {
            throw new IllegalStateException("hotgigs " + what + " " + match.group(1) + " migrations, expected " + expected + ": "
                    + match.group());
        }
    }

    private static List<Path> hotgigsSchemaFiles() {
        if (!Files.isDirectory(HOTGIGS_MIGRATIONS)) {
            throw new IllegalStateException(HOTGIGS_MIGRATIONS.toAbsolutePath() + " is missing: run from the repository root, as "
                    + "benchmark/compare does");
        }
        try (Stream<Path> files = Files.list(HOTGIGS_MIGRATIONS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
