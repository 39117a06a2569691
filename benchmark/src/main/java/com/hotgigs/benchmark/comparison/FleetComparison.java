package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.FleetMeasurements.Row;
import com.hotgigs.migrate.FleetConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N tenant schemas in one database, each migrated with the HotGigs schema in one Maven process:
 * {@code hotgigs:migrate -Dhotgigs.schemas=...} at its default parallelism against Flyway's Maven
 * plugin with one execution per tenant, on the same server, alternating which tool goes first; then
 * the same again with nothing pending, and hotgigs at several parallelisms. Every run is checked
 * against a schema psql built. Prints medians, ratios and the targets; exits 1 when a tool left a
 * wrong fleet, 2 when a target is missed.
 */
public final class FleetComparison {

    private static final Pattern HOTGIGS_SUMMARY = Pattern.compile(
            "hotgigs: (\\d+) targets?, (\\d+) done, (\\d+) failed, (\\d+) not started; (\\d+) migrations? applied");
    private static final Pattern FLYWAY_APPLIED = Pattern.compile("Successfully applied (\\d+) migrations? to schema \"(tenant_\\d+)\"");
    private static final Pattern FLYWAY_UP_TO_DATE = Pattern.compile("Schema \"(tenant_\\d+)\" is up to date\\. No migration necessary");
    private static final String REFERENCE_DATABASE = "bench_fleet_psql";

    private final FleetOptions options;
    private final Server server;
    private final TimedProcess processes;
    private final Properties versions;
    private final FleetProjects projects;
    private final FleetCheck check;
    private final FleetMeasurements measurements = new FleetMeasurements();
    private final List<String> wrongFleets = new ArrayList<>();

    private FleetComparison(FleetOptions options) throws IOException {
        this.options = options;
        this.server = new Server(options.host(), options.port(), options.user(), null);
        Files.createDirectories(options.workDirectory());
        this.processes = new TimedProcess(options.workDirectory());
        this.versions = loadVersions();
        this.projects = FleetProjects.write(options.workDirectory(), versions);
        this.check = new FleetCheck(server, processes);
    }

    public static void main(String[] args) throws IOException {
        FleetOptions options = FleetOptions.parse(args);
        TimedProcess.requireGnuTime();
        FleetComparison comparison = new FleetComparison(options);
        comparison.describeSetting();
        comparison.warmUp();
        for (int size : options.tenants()) {
            comparison.measure(size);
            if (size == options.tenants().get(0)) {
                comparison.measureParallelism(size);
            }
        }
        FleetReport report = new FleetReport(comparison.measurements, options, FleetConfig.DEFAULT_PARALLELISM, System.out);
        report.printTables();
        int missed = report.printTargets();
        comparison.wrongFleets.forEach(problem -> System.out.println("WRONG FLEET: " + problem));
        System.exit(!comparison.wrongFleets.isEmpty() ? 1 : missed > 0 ? 2 : 0);
    }

    private void describeSetting() {
        System.out.printf("PostgreSQL %s at %s:%d; %d cores; %s; hotgigs-migrate %s, Flyway %s; migrations %s from %s%n",
                server.version(), options.host(), options.port(), Runtime.getRuntime().availableProcessors(),
                firstLine(processes.run(List.of("mvn", "-B", "-v"), Map.of()).output()), versions.getProperty("hotgigs.version"),
                versions.getProperty("flyway.version"),
                projects.hotgigsScriptsInOrder().stream().map(path -> path.getFileName().toString()).toList(),
                FleetProjects.SCHEMA_SOURCE);
    }

    /** Two tenants with each tool, unmeasured: resolves both plugins and lets the file cache see the files. */
    private void warmUp() {
        for (Tool tool : Tool.values()) {
            String database = database(tool);
            server.createDatabase(database);
            maven(tool, 2, database, false, null);
            server.dropDatabase(database);
        }
    }

    private void measure(int size) {
        String dumped = FleetProjects.tenant(size);
        server.createDatabase(REFERENCE_DATABASE);
        check.buildReference(REFERENCE_DATABASE, dumped, projects.hotgigsScriptsInOrder(),
                options.workDirectory().resolve("psql-reference.sql"));
        System.out.printf(Locale.ROOT, "N=%d: psql's reference %s has %s (tables, indexes, views, sequences, functions, triggers, "
                + "types, rows)%n", size, dumped, check.referenceCounts(REFERENCE_DATABASE, dumped));
        int runs = options.runsOf(size);
        for (int run = 1; run <= runs; run++) {
            List<Tool> order = run % 2 == 1 ? List.of(Tool.HOTGIGS, Tool.FLYWAY) : List.of(Tool.FLYWAY, Tool.HOTGIGS);
            for (Tool tool : order) {
                measureTool(tool, size, run, runs, dumped);
            }
        }
        server.dropDatabase(REFERENCE_DATABASE);
    }

    private void measureTool(Tool tool, int size, int run, int runs, String dumped) {
        String database = database(tool);
        server.createDatabase(database);
        TimedProcess.Outcome migrate = maven(tool, size, database, true, null);
        requireMigrated(tool, migrate.output(), size);
        measurements.add(size, Row.MIGRATE, tool, migrate.wallMs());
        measurements.add(size, Row.MIGRATE_PER_TENANT, tool, migrate.wallMs() / (double) size);
        measurements.add(size, Row.MIGRATE_MEMORY, tool, migrate.peakRssMb());
        List<String> problems = check.problems(tool, database, FleetProjects.tenants(size), projects.migrationCount(),
                REFERENCE_DATABASE, dumped);
        wrongFleets.addAll(problems);
        TimedProcess.Outcome noop = maven(tool, size, database, true, null);
        requireNothingApplied(tool, noop.output(), size);
        measurements.add(size, Row.NOOP, tool, noop.wallMs());
        measurements.add(size, Row.NOOP_PER_TENANT, tool, noop.wallMs() / (double) size);
        measurements.add(size, Row.NOOP_MEMORY, tool, noop.peakRssMb());
        System.out.printf(Locale.ROOT, "N=%d, run %d of %d, %s: migrate %,d ms (%.1f ms per tenant, %.0f MB), nothing pending %,d ms "
                        + "(%.0f MB); fleet %s%n", size, run, runs, tool.label(), migrate.wallMs(), migrate.wallMs() / (double) size,
                migrate.peakRssMb(), noop.wallMs(), noop.peakRssMb(), problems.isEmpty() ? "as psql built it" : problems.size() + " problems");
        server.dropDatabase(database);
    }

    /** hotgigs alone at each parallelism, the order reversed run by run; the default's runs are measured again here. */
    private void measureParallelism(int size) {
        int runs = options.runsOf(size);
        for (int run = 1; run <= runs; run++) {
            List<Integer> order = new ArrayList<>(options.parallelisms());
            if (run % 2 == 0) {
                Collections.reverse(order);
            }
            for (int parallelism : order) {
                String database = database(Tool.HOTGIGS);
                server.createDatabase(database);
                TimedProcess.Outcome migrate = maven(Tool.HOTGIGS, size, database, true, parallelism);
                requireMigrated(Tool.HOTGIGS, migrate.output(), size);
                measurements.addParallelism(size, parallelism, migrate.wallMs());
                System.out.printf(Locale.ROOT, "N=%d, parallelism %d, run %d of %d: migrate %,d ms%n", size, parallelism, run, runs,
                        migrate.wallMs());
                server.dropDatabase(database);
            }
        }
    }

    private TimedProcess.Outcome maven(Tool tool, int size, String database, boolean offline, Integer parallelism) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(options.mavenRepositoryArguments());
        boolean hotgigs = tool == Tool.HOTGIGS;
        command.addAll(List.of("-f", (hotgigs ? projects.hotgigsPom() : projects.flywayPom(size)).toString(),
                "-Dbench.url=" + server.jdbcUrl(database), "-Dbench.user=" + server.user(),
                "-Dbench.locations=filesystem:" + (hotgigs ? projects.hotgigsMigrations() : projects.flywayMigrations())));
        if (hotgigs) {
            command.add("hotgigs:migrate");
            command.add("-Dhotgigs.schemas=" + String.join(",", FleetProjects.tenants(size)));
            if (parallelism != null) {
                command.add("-Dhotgigs.parallelism=" + parallelism);
            }
        } else {
            // Every execution is bound to validate: one phase runs them all, one tenant after the other.
            command.add("validate");
        }
        return processes.run(command, tool.environment());
    }

    private void requireMigrated(Tool tool, String output, int size) {
        int expected = projects.migrationCount();
        if (tool == Tool.HOTGIGS) {
            Matcher summary = requireSummary(output, size);
            if (!summary.group(5).equals(String.valueOf(size * expected))) {
                throw new IllegalStateException("hotgigs applied " + summary.group(5) + " migrations, expected " + size * expected + ":\n"
                        + tail(output));
            }
        } else {
            long tenants = FLYWAY_APPLIED.matcher(output).results().filter(m -> m.group(1).equals(String.valueOf(expected))).count();
            if (tenants != size) {
                throw new IllegalStateException("Flyway applied " + expected + " migrations to " + tenants + " schemas, expected " + size);
            }
        }
    }

    private void requireNothingApplied(Tool tool, String output, int size) {
        if (tool == Tool.HOTGIGS) {
            Matcher summary = requireSummary(output, size);
            if (!summary.group(5).equals("0")) {
                throw new IllegalStateException("hotgigs applied " + summary.group(5) + " migrations on its second run, expected none");
            }
        } else {
            long upToDate = FLYWAY_UP_TO_DATE.matcher(output).results().count();
            if (upToDate != size) {
                throw new IllegalStateException("Flyway reported " + upToDate + " schemas up to date on its second run, expected " + size);
            }
        }
    }

    private static Matcher requireSummary(String output, int size) {
        Matcher summary = HOTGIGS_SUMMARY.matcher(output);
        if (!summary.find() || !summary.group(1).equals(String.valueOf(size)) || !summary.group(2).equals(String.valueOf(size))) {
            throw new IllegalStateException("hotgigs did not report " + size + " targets done:\n" + tail(output));
        }
        return summary;
    }

    private static String database(Tool tool) {
        return "bench_fleet_" + tool.name().toLowerCase(Locale.ROOT);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static Properties loadVersions() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = FleetComparison.class.getResourceAsStream("/benchmark.properties")) {
            properties.load(in);
        }
        return properties;
    }

    /** The first line, without the colour codes Maven prints even in batch mode. */
    private static String firstLine(String text) {
        return text.replaceAll("\u001B\\[[;\\d]*m", "").lines().findFirst().orElse("").strip();
    }
}
