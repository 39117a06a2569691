package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.Measurements.Column;
import com.hotgigs.benchmark.comparison.Measurements.Row;
import com.hotgigs.benchmark.corpus.Corpus;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * hotgigs:migrate against flyway:migrate, as whole Maven processes on the same corpus and server,
 * alternating the tools run by run, with Maven's own start and psql as the floors. Prints medians,
 * ratios and the targets; exits 1 when a tool built a different database than psql did, 2 when a
 * target is missed.
 */
public final class ToolComparison {

    private static final int TAIL = 100;
    private static final Pattern FIRST_QUERY = Pattern.compile("(\\d+) rows in (\\d+) ms");
    private static final Pattern FLYWAY_UP_TO_DATE = Pattern.compile("is up to date\\. No migration necessary");

    private final Options options;
    private final Server server;
    private final TimedProcess processes;
    private final Properties versions;
    private final Measurements measurements = new Measurements();
    private final List<String> wrongDatabases = new ArrayList<>();

    private ToolComparison(Options options) throws IOException {
        this.options = options;
        this.server = new Server(options.host(), options.port(), options.user(), null);
        Files.createDirectories(options.workDirectory());
        this.processes = new TimedProcess(options.workDirectory());
        this.versions = loadVersions();
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        TimedProcess.requireGnuTime();
        ToolComparison comparison = new ToolComparison(options);
        comparison.describeSetting();
        comparison.writeProjects();
        for (int size : options.sizes()) {
            comparison.measure(size);
        }
        Report report = new Report(comparison.measurements, options.sizes(), System.out);
        report.printTables();
        int missed = report.printTargets();
        comparison.wrongDatabases.forEach(problem -> System.out.println("WRONG DATABASE: " + problem));
        System.exit(!comparison.wrongDatabases.isEmpty() ? 1 : missed > 0 ? 2 : 0);
    }

    private void describeSetting() {
        System.out.printf("PostgreSQL %s at %s:%d; %d cores; %s; hotgigs-migrate %s, Flyway %s%n", server.version(),
                options.host(), options.port(), Runtime.getRuntime().availableProcessors(),
                firstLine(processes.run(List.of("mvn", "-B", "-v"), Map.of()).output()),
                versions.getProperty("hotgigs.version"), versions.getProperty("flyway.version"));
    }

    private void writeProjects() throws IOException {
        for (Tool tool : Tool.values()) {
            Path pom = pom(tool);
            Files.createDirectories(pom.getParent());
            Files.writeString(pom, tool.pom(versions));
        }
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
                measureMavenStart(tool, size);
            }
            String psqlDatabase = measurePsql(corpus);
            for (Tool tool : order) {
                String database = measureTool(tool, corpus);
                if (run == 1) {
                    wrongDatabases.addAll(new SchemaCheck(server, processes).differences(psqlDatabase, database, tool.label()));
                }
                server.dropDatabase(database);
            }
            server.dropDatabase(psqlDatabase);
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
            String database = freshDatabase(tool);
            maven(tool, corpus, database, false, tool.migrateGoal());
            server.dropDatabase(database);
        }
    }

    private void measureMavenStart(Tool tool, int size) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o"));
        command.addAll(options.mavenRepositoryArguments());
        command.addAll(List.of("-f", pom(tool).toString(), "validate"));
        TimedProcess.Outcome outcome = processes.run(command, Map.of());
        measurements.add(size, Row.MAVEN_START, column(tool), outcome.wallMs());
    }

    private String measureTool(Tool tool, Corpus corpus) {
        int size = corpus.size();
        Column column = column(tool);
        String database = freshDatabase(tool);
        TimedProcess.Outcome fresh = maven(tool, corpus, database, true, tool.migrateGoal());
        measurements.add(size, Row.FRESH_MIGRATE, column, fresh.wallMs());
        measurements.add(size, Row.APPLY_PHASE, column, tool.applyPhaseMs(fresh.output(), size));
        TimedProcess.Outcome noop = maven(tool, corpus, database, true, tool.migrateGoal());
        measurements.add(size, Row.NOOP_MIGRATE, column, noop.wallMs());
        TimedProcess.Outcome status = maven(tool, corpus, database, true, tool.statusGoal());
        measurements.add(size, Row.STATUS, column, status.wallMs());
        TimedProcess.Outcome validate = maven(tool, corpus, database, true, tool.validateGoal());
        measurements.add(size, Row.VALIDATE, column, validate.wallMs());
        if (tool == Tool.HOTGIGS) {
            recordEngineParts(size, noop, status, validate);
            measureDriverFloor(size, database);
        } else {
            requireUpToDate(noop.output());
        }
        long peak = List.of(fresh, noop, status, validate).stream().mapToLong(TimedProcess.Outcome::peakRssKb).max().orElseThrow();
        measurements.add(size, Row.PEAK_MEMORY, column, peak / 1024.0);
        return database;
    }

    /** hotgigs prints how long the engine took in each goal; Maven's start and plugin loading are not in it. */
    private void recordEngineParts(int size, TimedProcess.Outcome noop, TimedProcess.Outcome status, TimedProcess.Outcome validate) {
        measurements.add(size, Row.ENGINE_NOOP, Column.HOTGIGS, engineMs(noop.output(), "Schema is up to date, nothing to apply \\(checked \\d+ migrations? in (\\d+) ms\\)"));
        measurements.add(size, Row.ENGINE_STATUS, Column.HOTGIGS, engineMs(status.output(), "Checked \\d+ migrations? in (\\d+) ms"));
        measurements.add(size, Row.ENGINE_VALIDATE, Column.HOTGIGS, engineMs(validate.output(), "Checked \\d+ migrations? in (\\d+) ms"));
    }

    /** What the JDBC driver alone costs in a fresh JVM: connecting and reading the history the engine reads. */
    private void measureDriverFloor(int size, String database) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Absolute: the process runs in the work directory.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        TimedProcess.Outcome outcome = processes.run(List.of(java, "-cp", classPath,
                FirstQuery.class.getName(), server.jdbcUrl(database), server.user(), "schema_migrations"), Map.of());
        Matcher match = FIRST_QUERY.matcher(outcome.output());
        if (!match.find() || Integer.parseInt(match.group(1)) != size) {
            throw new IllegalStateException("the first-connection floor did not read " + size + " rows:\n" + outcome.output());
        }
        measurements.add(size, Row.DRIVER_FLOOR, Column.HOTGIGS, Long.parseLong(match.group(2)));
    }

    private static long engineMs(String buildLog, String line) {
        Matcher match = Pattern.compile(line).matcher(buildLog);
        if (!match.find()) {
            throw new IllegalStateException("hotgigs printed no line matching " + line + ":\n" + buildLog);
        }
        return Long.parseLong(match.group(1));
    }

    /** psql runs every file in a transaction of its own, in one session; the database is kept for the schema check. */
    private String measurePsql(Corpus corpus) {
        String database = freshDatabase(null);
        Path script = psqlScript(corpus.hotgigsFilesInOrder(), "psql-all.sql");
        measurements.add(corpus.size(), Row.PSQL, Column.PSQL, psql(database, script));
        return database;
    }

    /** Applies all but the last 100, then times those 100: the cost of a migration on top of a long history. */
    private void measureTail(Corpus corpus) {
        int size = corpus.size();
        String below = String.valueOf(size - TAIL);
        for (Tool tool : Tool.values()) {
            String database = freshDatabase(tool);
            maven(tool, corpus, database, true, tool.migrateGoal(), "-D" + tool.targetProperty() + "=" + below);
            TimedProcess.Outcome tail = maven(tool, corpus, database, true, tool.migrateGoal());
            measurements.add(size, Row.TAIL_PER_MIGRATION, column(tool), tool.applyPhaseMs(tail.output(), TAIL) / (double) TAIL);
            server.dropDatabase(database);
        }
        List<Path> files = corpus.hotgigsFilesInOrder();
        String database = freshDatabase(null);
        psql(database, psqlScript(files.subList(0, size - TAIL), "psql-head.sql"));
        long ms = psql(database, psqlScript(files.subList(size - TAIL, size), "psql-tail.sql"));
        measurements.add(size, Row.TAIL_PER_MIGRATION, Column.PSQL, ms / (double) TAIL);
        server.dropDatabase(database);
    }

    private long psql(String database, Path script) {
        List<String> command = new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1"));
        command.addAll(server.clientArguments(database));
        command.addAll(List.of("-f", script.toString()));
        return processes.run(command, server.clientEnvironment()).wallMs();
    }

    private Path psqlScript(List<Path> files, String name) {
        StringBuilder script = new StringBuilder();
        for (Path file : files) {
            script.append("BEGIN;\n\\i '").append(file.toAbsolutePath()).append("'\nCOMMIT;\n");
        }
        Path path = options.workDirectory().resolve(name);
        try {
            Files.writeString(path, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    private TimedProcess.Outcome maven(Tool tool, Corpus corpus, String database, boolean offline, String... goalsAndProperties) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(options.mavenRepositoryArguments());
        command.addAll(List.of("-f", pom(tool).toString(), "-Dbench.url=" + server.jdbcUrl(database), "-Dbench.user=" + server.user(),
                "-Dbench.locations=filesystem:" + tool.locationsOf(corpus).toAbsolutePath()));
        command.addAll(List.of(goalsAndProperties));
        return processes.run(command, tool.environment());
    }

    private static void requireUpToDate(String flywayOutput) {
        if (!FLYWAY_UP_TO_DATE.matcher(flywayOutput).find()) {
            throw new IllegalStateException("Flyway did not report an up-to-date schema on its second run:\n" + flywayOutput);
        }
    }

    private String freshDatabase(Tool tool) {
        String name = "bench_" + (tool == null ? "psql" : tool.name().toLowerCase());
        server.createDatabase(name);
        return name;
    }

    private Path pom(Tool tool) {
        return options.workDirectory().resolve("projects").resolve(tool.name().toLowerCase()).resolve("pom.xml").toAbsolutePath();
    }

    private static Column column(Tool tool) {
        return tool == Tool.HOTGIGS ? Column.HOTGIGS : Column.FLYWAY;
    }

    private static Properties loadVersions() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ToolComparison.class.getResourceAsStream("/benchmark.properties")) {
            properties.load(in);
        }
        return properties;
    }

    /** The first line, without the colour codes Maven prints even in batch mode. */
    private static String firstLine(String text) {
        return text.replaceAll("\u001B\\[[;\\d]*m", "").lines().findFirst().orElse("").strip();
    }
}
