package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.Measurements.Column;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every section of the comparison runs things with: the server, the timed processes, the two
 * sample projects and the figures. A Maven run is always a whole {@code mvn} process on the tool's
 * project, with the local repository {@code --repo} names.
 */
final class Harness {

    private final Options options;
    private final Server server;
    private final TimedProcess processes;
    private final Properties versions;
    private final Measurements measurements = new Measurements();
    private final List<String> wrongDatabases = new ArrayList<>();

    Harness(Options options) throws IOException {
        this.options = options;
        this.server = new Server(options.host(), options.port(), options.user(), null);
        Files.createDirectories(options.workDirectory());
        this.processes = new TimedProcess(options.workDirectory());
        this.versions = loadVersions();
    }

    Options options() {
        return options;
    }

    Server server() {
        return server;
    }

    TimedProcess processes() {
        return processes;
    }

    Properties versions() {
        return versions;
    }

    Measurements measurements() {
        return measurements;
    }

    /** Problems the schema checks found: a tool that built another database than psql did. */
    List<String> wrongDatabases() {
        return wrongDatabases;
    }

    void writeProjects() throws IOException {
        for (Tool tool : Tool.values()) {
            Path pom = pom(tool);
            Files.createDirectories(pom.getParent());
            Files.writeString(pom, tool.pom(versions));
        }
    }

    /** A goal of the tool on its project, against {@code database}, with the migrations in {@code locations}. */
    TimedProcess.Outcome maven(Tool tool, Path locations, String database, boolean offline, String... goalsAndProperties) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(options.mavenRepositoryArguments());
        command.addAll(List.of("-f", pom(tool).toString(), "-Dbench.url=" + server.jdbcUrl(database), "-Dbench.user=" + server.user(),
                "-Dbench.locations=filesystem:" + locations.toAbsolutePath()));
        command.addAll(List.of(goalsAndProperties));
        return processes.run(command, tool.environment());
    }

    /** {@code mvn validate} on the tool's project: Maven's own start, the floor of any goal. */
    TimedProcess.Outcome mavenStart(Tool tool) {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o"));
        command.addAll(options.mavenRepositoryArguments());
        command.addAll(List.of("-f", pom(tool).toString(), "validate"));
        return processes.run(command, Map.of());
    }

    /** Runs each file in a transaction of its own, in one psql session; returns the wall-clock time. */
    long psql(String database, List<Path> files, String scriptName) {
        List<String> command = new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1"));
        command.addAll(server.clientArguments(database));
        command.addAll(List.of("-f", psqlScript(files, scriptName).toString()));
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

    /** {@code <prefix>_hotgigs}, {@code <prefix>_flyway}, {@code <prefix>_psql}: created empty, dropped first if a killed run left it. */
    String freshDatabase(Tool tool) {
        return freshDatabase(tool == null ? "psql" : tool.name().toLowerCase());
    }

    /** {@code <prefix>_<purpose>}, created empty. */
    String freshDatabase(String purpose) {
        String name = options.databasePrefix() + "_" + purpose;
        server.createDatabase(name);
        return name;
    }

    /** pg_dump of {@code database} against psql's; a difference is recorded, not thrown, so the run reports every one. */
    void checkSchema(String psqlDatabase, String database, String label) {
        wrongDatabases.addAll(new SchemaCheck(server, processes).differences(psqlDatabase, database, label));
    }

    Path pom(Tool tool) {
        return options.workDirectory().resolve("projects").resolve(tool.name().toLowerCase()).resolve("pom.xml").toAbsolutePath();
    }

    static Column column(Tool tool) {
        return tool == Tool.HOTGIGS ? Column.HOTGIGS : Column.FLYWAY;
    }

    /** The first match of {@code line} in a build log; its groups are what the caller reads. */
    static Matcher require(String buildLog, String line, String what) {
        Matcher match = Pattern.compile(line).matcher(buildLog);
        if (!match.find()) {
            throw new IllegalStateException(what + " printed no line matching " + line + ":\n" + tail(buildLog));
        }
        return match;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static Properties loadVersions() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Harness.class.getResourceAsStream("/benchmark.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
