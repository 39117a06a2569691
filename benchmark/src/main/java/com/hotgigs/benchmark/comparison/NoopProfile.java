package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.corpus.Corpus;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the time of a {@code hotgigs:migrate} with nothing pending goes, in Maven's JVM, against
 * {@code mvn validate} on the same pom (Maven's floor). Each step below adds one thing to the step
 * before it, so the differences of their medians are the costs of those things:
 * <ol>
 *   <li>{@code validate}: Maven's start, the project read, no plugin;</li>
 *   <li>{@code hotgigs:migrate -Dhotgigs.skip=true}: the plugin's descriptor read, its dependencies resolved,
 *       its realm made, and migrate's mojo loaded and configured; it returns before any work;</li>
 *   <li>{@code hotgigs:migrate}: the whole no-op, the engine's part included;</li>
 * </ol>
 * plus Flyway's no-op {@code flyway:migrate} in the same run, and the engine's floor (a fresh JVM's
 * first JDBC connection and history read). One more run of each step with
 * {@code -Xlog:class+load} counts the classes it loads, by where they come from, and places the
 * plugin's, the engine's and the driver's first and last classes on the JVM's clock.
 *
 * <p>Usage: {@code NoopProfile [--size 1000] [--runs 7] [--repo DIR] [--host H] [--port P] [--user U] [--work DIR]}.
 */
public final class NoopProfile {

    private static final Pattern ENGINE = Pattern.compile("nothing to apply \\(checked (\\d+) migrations? in (\\d+) ms\\)");
    private static final Pattern FIRST_QUERY = Pattern.compile("(\\d+) rows in (\\d+) ms");
    private static final Pattern CLASS_LOAD = Pattern.compile("^\\[(\\d+\\.\\d+)s\\]\\[class,load *\\] (\\S+) source: (.*)$");
    private static final Pattern EXIT = Pattern.compile("^\\[(\\d+\\.\\d+)s\\]\\[gc,heap,exit");

    /** A measured process: the whole {@code mvn}, from outside. */
    private enum Step {
        FLOOR("mvn validate (Maven's floor)", "validate"),
        SKIP("hotgigs:migrate -Dhotgigs.skip=true (plugin resolved, its realm made, the mojo loaded and configured)",
                "hotgigs:migrate", "-Dhotgigs.skip=true"),
        NOOP("hotgigs:migrate, nothing pending", "hotgigs:migrate"),
        FLYWAY("flyway:migrate, nothing pending (Flyway, for the ratio)", "flyway:migrate");

        final String label;
        final List<String> goal;

        Step(String label, String... goal) {
            this.label = label;
            this.goal = List.of(goal);
        }
    }

    /** Where a loaded class came from. */
    private enum Source { MAVEN, PLUGIN, ENGINE, DRIVER, OTHER_JAR, JDK, GENERATED }

    private final int size;
    private final int runs;
    private final String repository;
    private final Server server;
    private final Path work;
    private final TimedProcess processes;
    private final Properties versions;
    private final Map<Step, List<Long>> wall = new EnumMap<>(Step.class);
    private final Map<Step, List<Long>> cpu = new EnumMap<>(Step.class);
    private final List<Long> engine = new ArrayList<>();
    private final List<Long> driverFloor = new ArrayList<>();
    private Corpus corpus;

    private NoopProfile(Map<String, String> options) throws IOException {
        this.size = Integer.parseInt(options.getOrDefault("--size", "1000"));
        this.runs = Integer.parseInt(options.getOrDefault("--runs", "7"));
        this.repository = options.get("--repo");
        this.server = new Server(options.getOrDefault("--host", "127.0.0.1"), Integer.parseInt(options.getOrDefault("--port", "5432")),
                options.getOrDefault("--user", "postgres"), null);
        this.work = Path.of(options.getOrDefault("--work", "benchmark/work/noop-profile")).toAbsolutePath();
        Files.createDirectories(work);
        this.processes = new TimedProcess(work);
        this.versions = new Properties();
        try (InputStream in = NoopProfile.class.getResourceAsStream("/benchmark.properties")) {
            versions.load(in);
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> known = List.of("--size", "--runs", "--repo", "--host", "--port", "--user", "--work");
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("Unknown option or missing value: " + args[i] + "; known: " + String.join(" ", known));
            }
            options.put(args[i], args[i + 1]);
        }
        TimedProcess.requireGnuTime();
        NoopProfile profile = new NoopProfile(options);
        profile.prepare();
        try {
            profile.measure();
            profile.report();
        } finally {
            profile.server.dropDatabase(database(Tool.HOTGIGS));
            profile.server.dropDatabase(database(Tool.FLYWAY));
        }
    }

    /** The corpus, both projects and both databases migrated once, unmeasured. */
    private void prepare() throws IOException {
        corpus = Corpus.write(work.resolve("corpus-" + size), size);
        for (Tool tool : Tool.values()) {
            Files.createDirectories(pom(tool).getParent());
            Files.writeString(pom(tool), tool.pom(versions));
            server.createDatabase(database(tool));
            // Online: the first run may have to fetch Flyway's plugin into the repository.
            String output = maven(tool, tool.migrateGoal(), List.of(), tool.environment(), false).output();
            if (tool == Tool.HOTGIGS) {
                tool.applyPhaseMs(output, size);
            }
        }
    }

    private void measure() {
        for (Step step : Step.values()) {
            run(step, Map.of());
        }
        for (int run = 1; run <= runs; run++) {
            List<Step> order = new ArrayList<>(List.of(Step.values()));
            if (run % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (Step step : order) {
                TimedProcess.Outcome outcome = run(step, Map.of());
                wall.computeIfAbsent(step, s -> new ArrayList<>()).add(outcome.wallMs());
                cpu.computeIfAbsent(step, s -> new ArrayList<>()).add(outcome.cpuMs());
                if (step == Step.NOOP) {
                    engine.add(engineMs(outcome.output()));
                }
            }
            driverFloor.add(driverFloor());
        }
    }

    private TimedProcess.Outcome run(Step step, Map<String, String> environment) {
        Tool tool = step == Step.FLYWAY ? Tool.FLYWAY : Tool.HOTGIGS;
        List<String> goal = step == Step.FLOOR ? List.of("validate") : step.goal;
        Map<String, String> env = new LinkedHashMap<>(tool.environment());
        env.putAll(environment);
        return maven(tool, goal.get(0), goal.subList(1, goal.size()), env, true);
    }

    private void report() throws IOException {
        System.out.printf(Locale.ROOT, "No-op profile: %,d migrations applied, medians of %d runs, %d cores, %s%n%n", size, runs,
                Runtime.getRuntime().availableProcessors(), firstLine(processes.run(List.of("mvn", "-B", "-v"), Map.of()).output()));
        Map<Step, ClassLog> classes = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            classes.put(step, classLog(step));
        }
        System.out.println("| step | whole process | added | CPU, user + system | added | classes loaded | added "
                + "| of them Maven / plugin / engine / driver / other jars / JDK / generated |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        Step previous = null;
        for (Step step : Step.values()) {
            ClassLog log = classes.get(step);
            Step base = step == Step.FLYWAY ? null : previous;
            System.out.printf(Locale.ROOT, "| %s | %,d ms | %s | %,d ms | %s | %,d | %s | %s |%n", step.label,
                    median(wall.get(step)), base == null ? "" : signed(median(wall.get(step)) - median(wall.get(base)), " ms"),
                    median(cpu.get(step)), base == null ? "" : signed(median(cpu.get(step)) - median(cpu.get(base)), " ms"),
                    log.total(), base == null ? "" : signed(log.total() - classes.get(base).total(), ""),
                    base == null ? "" : Arrays.stream(Source.values())
                            .map(s -> signed(log.count(s) - classes.get(base).count(s), "")).collect(Collectors.joining(" / ")));
            if (step != Step.FLYWAY) {
                previous = step;
            }
        }
        long noop = median(wall.get(Step.NOOP));
        long floor = median(wall.get(Step.FLOOR));
        long flyway = median(wall.get(Step.FLYWAY));
        System.out.println();
        System.out.printf(Locale.ROOT, "Engine part of the no-op, as it prints it: %d ms; its floor, a fresh JVM's first JDBC connection and "
                + "history read: %d ms%n", median(engine), median(driverFloor));
        ClassLog noopLog = classes.get(Step.NOOP);
        System.out.printf(Locale.ROOT, "On the JVM's clock in the no-op (class+load log, its own run): %s%n", noopLog.timeline());
        System.out.printf(Locale.ROOT, "Maven's floor ends at %.0f ms on the same clock%n", classes.get(Step.FLOOR).exitMs);
        System.out.println();
        System.out.println("Targets:");
        System.out.printf(Locale.ROOT, "  %s  no-op migrate, %,d applied: at most Maven's floor + 200 ms (%d ms against %d ms: +%d ms)%n",
                noop - floor <= 200 ? "HOLDS " : "MISSED", size, noop, floor, noop - floor);
        System.out.printf(Locale.ROOT, "  %s  no-op migrate, %,d applied: at most 0.5x Flyway's (%d ms against %d ms: %.2fx)%n",
                noop <= 0.5 * flyway ? "HOLDS " : "MISSED", size, noop, flyway, noop / (double) flyway);
    }

    /** The classes one more run of the step loads, by source, with the uptime of the first and last of the plugin's, engine's and driver's. */
    private ClassLog classLog(Step step) throws IOException {
        Path log = work.resolve("class-load-" + step.name().toLowerCase(Locale.ROOT) + ".log");
        Files.deleteIfExists(log);
        run(step, Map.of("MAVEN_OPTS", "-Xlog:class+load=info,gc+heap+exit=info:file=" + log + ":uptime,tags"));
        ClassLog result = new ClassLog();
        for (String line : Files.readAllLines(log)) {
            Matcher exit = EXIT.matcher(line);
            if (exit.find()) {
                result.exitMs = Double.parseDouble(exit.group(1)) * 1000;
                continue;
            }
            Matcher load = CLASS_LOAD.matcher(line);
            if (load.matches()) {
                result.add(source(load.group(3)), Double.parseDouble(load.group(1)) * 1000);
            }
        }
        return result;
    }

    private Source source(String where) {
        if (where.startsWith("shared objects file") || where.startsWith("jrt:/")) {
            return Source.JDK;
        }
        if (where.contains("hotgigs-migrate-maven-plugin")) {
            return Source.PLUGIN;
        }
        if (where.contains("hotgigs-migrate-core")) {
            return Source.ENGINE;
        }
        if (where.contains("/postgresql-")) {
            return Source.DRIVER;
        }
        if (where.startsWith("file:/usr/share/")) {
            return Source.MAVEN;
        }
        if (where.startsWith("file:") || where.startsWith("jar:")) {
            return Source.OTHER_JAR;
        }
        return Source.GENERATED;
    }

    /** The classes of one run, by source. */
    private static final class ClassLog {
        private final Map<Source, Integer> counts = new EnumMap<>(Source.class);
        private final Map<Source, double[]> span = new EnumMap<>(Source.class);
        private double exitMs;

        void add(Source source, double uptimeMs) {
            counts.merge(source, 1, Integer::sum);
            double[] firstLast = span.computeIfAbsent(source, s -> new double[] {uptimeMs, uptimeMs});
            firstLast[1] = uptimeMs;
        }

        int count(Source source) {
            return counts.getOrDefault(source, 0);
        }

        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        String timeline() {
            List<String> parts = new ArrayList<>();
            for (Source source : List.of(Source.PLUGIN, Source.ENGINE, Source.DRIVER)) {
                double[] firstLast = span.get(source);
                if (firstLast != null) {
                    parts.add(String.format(Locale.ROOT, "%s classes %.0f to %.0f ms (%d)", source.name().toLowerCase(Locale.ROOT),
                            firstLast[0], firstLast[1], count(source)));
                }
            }
            parts.add(String.format(Locale.ROOT, "JVM exit %.0f ms", exitMs));
            return String.join("; ", parts);
        }
    }

    private long driverFloor() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        TimedProcess.Outcome outcome = processes.run(List.of(java, "-cp", classPath, FirstQuery.class.getName(),
                server.jdbcUrl(database(Tool.HOTGIGS)), server.user(), "schema_migrations"), Map.of());
        Matcher match = FIRST_QUERY.matcher(outcome.output());
        if (!match.find() || Integer.parseInt(match.group(1)) != size) {
            throw new IllegalStateException("the first-connection floor did not read " + size + " rows:\n" + outcome.output());
        }
        return Long.parseLong(match.group(2));
    }

    private long engineMs(String output) {
        Matcher match = ENGINE.matcher(output);
        if (!match.find() || Integer.parseInt(match.group(1)) != size) {
            throw new IllegalStateException("hotgigs did not report " + size + " migrations up to date:\n" + output);
        }
        return Long.parseLong(match.group(2));
    }

    private TimedProcess.Outcome maven(Tool tool, String goal, List<String> properties, Map<String, String> environment,
                                       boolean offline) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-f", pom(tool).toString()));
        if (offline) {
            command.add("-o");
        }
        if (repository != null) {
            command.add("-Dmaven.repo.local=" + Path.of(repository).toAbsolutePath());
        }
        command.addAll(List.of("-Dbench.url=" + server.jdbcUrl(database(tool)), "-Dbench.user=" + server.user(),
                "-Dbench.locations=filesystem:" + tool.locationsOf(corpus).toAbsolutePath(), goal));
        command.addAll(properties);
        return processes.run(command, environment);
    }

    private Path pom(Tool tool) {
        return work.resolve("projects").resolve(tool.name().toLowerCase(Locale.ROOT)).resolve("pom.xml");
    }

    private static String database(Tool tool) {
        return "bench_noop_" + tool.name().toLowerCase(Locale.ROOT);
    }

    private static String signed(long value, String unit) {
        return String.format(Locale.ROOT, "%+,d%s", value, unit);
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String firstLine(String text) {
        return text.replaceAll("\u001B\\[[;\\d]*m", "").lines().findFirst().orElse("").strip();
    }
}
