package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.Measurements.Column;
import com.hotgigs.benchmark.comparison.Measurements.Row;
import com.hotgigs.benchmark.corpus.Corpus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * hotgigs:migrate against flyway:migrate, as whole Maven processes on the same corpus and server,
 * alternating the tools run by run, with Maven's own start and psql as the floors; then the sections
 * asked for ({@code --lint} at each size, {@code --repeatables}, {@code --adopt}). Prints medians,
 * ratios and the targets; exits 1 when a tool built a different database than psql did, 2 when a
 * target is missed.
 */
public final class ToolComparison {

    private static final int TAIL = 100;
    private static final Pattern FIRST_QUERY = Pattern.compile("(\\d+) rows in (\\d+) ms");
    static final String FLYWAY_UP_TO_DATE = "is up to date\\. No migration necessary";
    static final String HOTGIGS_UP_TO_DATE = "Schema is up to date, nothing to apply \\(checked \\d+ migrations? in (\\d+) ms\\)";

    private final Harness harness;
    private final Options options;
    private final Measurements measurements;
    private final LintSection lint;

    private ToolComparison(Harness harness) {
        this.harness = harness;
        this.options = harness.options();
        this.measurements = harness.measurements();
        this.lint = new LintSection(harness);
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        TimedProcess.requireGnuTime();
        Harness harness = new Harness(options);
        ToolComparison comparison = new ToolComparison(harness);
        comparison.describeSetting();
        harness.writeProjects();
        for (int size : options.sizes()) {
            comparison.measure(size);
        }
        if (options.repeatables()) {
            new RepeatablesSection(harness).measure();
        }
        if (options.adopt()) {
            new AdoptSection(harness).measure();
        }
        Report report = new Report(harness.measurements(), System.out);
        report.printTables();
        int missed = report.printTargets();
        harness.wrongDatabases().forEach(problem -> System.out.println("WRONG DATABASE: " + problem));
        System.exit(!harness.wrongDatabases().isEmpty() ? 1 : missed > 0 ? 2 : 0);
    }

    private void describeSetting() {
        Server server = harness.server();
        System.out.printf("PostgreSQL %s at %s:%d; %d cores; %s; hotgigs-migrate %s, Flyway %s; local repository %s%n", server.version(),
                options.host(), options.port(), Runtime.getRuntime().availableProcessors(),
                firstLine(harness.processes().run(List.of("mvn", "-B", "-v"), Map.of()).output()),
                harness.versions().getProperty("hotgigs.version"), harness.versions().getProperty("flyway.version"),
                options.repository() == null ? "Maven's own" : options.repository());
    }

    private void measure(int size) {
        Corpus corpus = Corpus.write(options.workDirectory().resolve("corpus-" + size), size);
        int runs = size > 1000 ? options.largeRuns() : options.runs();
        if (size == options.sizes().get(0)) {
            warmUp(corpus);
        }
        for (int run = 1; run <= runs; run++) {
            System.out.printf("N=%d, run %d of %d%n", size, run, runs);
            List<Tool> order = run % 2 == 1 ? List.of(Tool.HOTGIGS, Tool.FLYWAY) : List.of(Tool.FLYWAY, Tool.HOTGIGS);
            for (Tool tool : order) {
                measurements.add(size, Row.MAVEN_START, Harness.column(tool), harness.mavenStart(tool).wallMs());
            }
            String psqlDatabase = measurePsql(corpus);
            for (Tool tool : order) {
                String database = measureTool(tool, corpus);
                if (run == 1) {
                    harness.checkSchema(psqlDatabase, database, tool.label());
                }
                harness.server().dropDatabase(database);
            }
            harness.server().dropDatabase(psqlDatabase);
        }
        if (size >= 10 * TAIL) {
            for (int run = 1; run <= Math.min(runs, 3); run++) {
                measureTail(corpus);
            }
        }
    }

    /** Resolves both plugins and their dependencies, once; not measured. */
    private void warmUp(Corpus corpus) {
        for (Tool tool : Tool.values()) {
            String database = harness.freshDatabase(tool);
            harness.maven(tool, tool.locationsOf(corpus), database, false, tool.migrateGoal());
            harness.server().dropDatabase(database);
        }
    }

    private String measureTool(Tool tool, Corpus corpus) {
        int size = corpus.size();
        Column column = Harness.column(tool);
        Path locations = tool.locationsOf(corpus);
        String database = harness.freshDatabase(tool);
        TimedProcess.Outcome fresh = harness.maven(tool, locations, database, true, tool.migrateGoal());
        measurements.add(size, Row.FRESH_MIGRATE, column, fresh.wallMs());
        measurements.add(size, Row.APPLY_PHASE, column, tool.applyPhaseMs(fresh.output(), size));
        TimedProcess.Outcome noop = harness.maven(tool, locations, database, true, tool.migrateGoal());
        measurements.add(size, Row.NOOP_MIGRATE, column, noop.wallMs());
        TimedProcess.Outcome status = harness.maven(tool, locations, database, true, tool.statusGoal());
        measurements.add(size, Row.STATUS, column, status.wallMs());
        TimedProcess.Outcome validate = harness.maven(tool, locations, database, true, tool.validateGoal());
        measurements.add(size, Row.VALIDATE, column, validate.wallMs());
        if (tool == Tool.HOTGIGS) {
            recordEngineParts(size, noop, status, validate);
            measureDriverFloor(size, database);
            if (options.lint()) {
                lint.measure(corpus, database);
            }
        } else {
            Harness.require(noop.output(), FLYWAY_UP_TO_DATE, "Flyway's second migrate");
        }
        long peak = List.of(fresh, noop, status, validate).stream().mapToLong(TimedProcess.Outcome::peakRssKb).max().orElseThrow();
        measurements.add(size, Row.PEAK_MEMORY, column, peak / 1024.0);
        return database;
    }

    /** hotgigs prints how long the engine took in each goal; Maven's start and plugin loading are not in it. */
    private void recordEngineParts(int size, TimedProcess.Outcome noop, TimedProcess.Outcome status, TimedProcess.Outcome validate) {
        measurements.add(size, Row.ENGINE_NOOP, Column.HOTGIGS, engineMs(noop.output(), HOTGIGS_UP_TO_DATE));
        measurements.add(size, Row.ENGINE_STATUS, Column.HOTGIGS, engineMs(status.output(), "Checked \\d+ migrations? in (\\d+) ms"));
        measurements.add(size, Row.ENGINE_VALIDATE, Column.HOTGIGS, engineMs(validate.output(), "Checked \\d+ migrations? in (\\d+) ms"));
    }

    /** What the JDBC driver alone costs in a fresh JVM: connecting and reading the history the engine reads. */
    private void measureDriverFloor(int size, String database) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Absolute: the process runs in the work directory.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        TimedProcess.Outcome outcome = harness.processes().run(List.of(java, "-cp", classPath,
                FirstQuery.class.getName(), harness.server().jdbcUrl(database), harness.server().user(), "schema_migrations"), Map.of());
        Matcher match = FIRST_QUERY.matcher(outcome.output());
        if (!match.find() || Integer.parseInt(match.group(1)) != size) {
            throw new IllegalStateException("the first-connection floor did not read " + size + " rows:\n" + outcome.output());
        }
        measurements.add(size, Row.DRIVER_FLOOR, Column.HOTGIGS, Long.parseLong(match.group(2)));
    }

    static long engineMs(String buildLog, String line) {
        return Long.parseLong(Harness.require(buildLog, line, "hotgigs").group(1));
    }

    /** psql runs every file in a transaction of its own, in one session; the database is kept for the schema check. */
    private String measurePsql(Corpus corpus) {
        String database = harness.freshDatabase((Tool) null);
        measurements.add(corpus.size(), Row.PSQL, Column.PSQL, harness.psql(database, corpus.hotgigsFilesInOrder(), "psql-all.sql"));
        return database;
    }

    /** Applies all but the last 100, then times those 100: the cost of a migration on top of a long history. */
    private void measureTail(Corpus corpus) {
        int size = corpus.size();
        String below = String.valueOf(size - TAIL);
        for (Tool tool : Tool.values()) {
            String database = harness.freshDatabase(tool);
            Path locations = tool.locationsOf(corpus);
            harness.maven(tool, locations, database, true, tool.migrateGoal(), "-D" + tool.targetProperty() + "=" + below);
            TimedProcess.Outcome tail = harness.maven(tool, locations, database, true, tool.migrateGoal());
            measurements.add(size, Row.TAIL_PER_MIGRATION, Harness.column(tool), tool.applyPhaseMs(tail.output(), TAIL) / (double) TAIL);
            harness.server().dropDatabase(database);
        }
        List<Path> files = corpus.hotgigsFilesInOrder();
        String database = harness.freshDatabase((Tool) null);
        harness.psql(database, files.subList(0, size - TAIL), "psql-head.sql");
        long ms = harness.psql(database, files.subList(size - TAIL, size), "psql-tail.sql");
        measurements.add(size, Row.TAIL_PER_MIGRATION, Column.PSQL, ms / (double) TAIL);
        harness.server().dropDatabase(database);
    }

    /** The first line, without the colour codes Maven prints even in batch mode. */
    private static String firstLine(String text) {
        return text.replaceAll("\u001B\\[[;\\d]*m", "").lines().findFirst().orElse("").strip();
    }
}
