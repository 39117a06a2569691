package com.hotgigs.migrate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One real {@code mvn} process on a sample project, the way a user starts it, with the
 * repository and settings every test build shares and a bounded run time.
 */
public final class MavenBuild {

    /** Variables of the test run's own environment that would change what the plugin connects to. */
    private static final List<String> INHERITED_VARIABLES_REMOVED = List.of(
            "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD",
            "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGPASSFILE", "PGSERVICE",
            "MAVEN_ARGS", "MAVEN_OPTS", "MAVEN_CONFIG");

    private final Path project;
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String logName = "build.log";
    private Duration timeout = BuildEnvironment.buildTimeout();
    private Path settings;
    private Path localRepository;
    private Path mavenHome;
    private boolean transferProgressOption = true;
    private boolean fileRepositoriesOffline = true;

    private MavenBuild(Path project) {
        this.project = project;
    }

    public static MavenBuild in(Path project) {
        return new MavenBuild(project);
    }

    /** Goals, phases and options, as typed after {@code mvn}. */
    public MavenBuild args(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    public MavenBuild property(String name, String value) {
        arguments.add("-D" + name + "=" + value);
        return this;
    }

    public MavenBuild env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Distinct log names let several builds of one project keep their logs. */
    public MavenBuild log(String name) {
        logName = name;
        return this;
    }

    /** Settings of the build's own (e.g. with servers), instead of the shared ones. */
    public MavenBuild settings(Path file) {
        settings = file;
        return this;
    }

    /** Another Maven installation than the one running the tests (the version matrix). */
    public MavenBuild mavenHome(Path directory) {
        mavenHome = directory;
        return this;
    }

    /** For Maven before 3.6.1, which knows no {@code -ntp} (it prints its usage and stops). */
    public MavenBuild withoutTransferProgressOption() {
        transferProgressOption = false;
        return this;
    }

    /** A local repository of the build's own (e.g. an empty one), instead of the shared one. */
    public MavenBuild localRepository(Path directory) {
        localRepository = directory;
        return this;
    }

    /**
     * With {@code -o}, reach no repository at all, not even the file:// ones the shared settings
     * mirror everything to (which the other builds may read offline): offline as on a machine with
     * no network.
     */
    public MavenBuild noRepositoryOffline() {
        fileRepositoriesOffline = false;
        return this;
    }

    public MavenBuild timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    public BuildResult run() {
        return start().await();
    }

    public RunningBuild start() {
        List<String> command = command();
        Path logFile = project.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> processEnvironment = builder.environment();
        INHERITED_VARIABLES_REMOVED.forEach(processEnvironment::remove);
        // A short-lived build JVM: no need for the optimizing compiler, and 2 cores are shared.
        processEnvironment.put("MAVEN_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        processEnvironment.putAll(environment);
        try {
            return new RunningBuild(command, builder.start(), logFile, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add((mavenHome != null ? mavenHome.resolve("bin").resolve("mvn") : BuildEnvironment.mavenExecutable()).toString());
        command.add("-B");
        if (transferProgressOption) {
            command.add("-ntp");
        }
        command.add("-s");
        command.add((settings != null ? settings : BuildEnvironment.settings()).toString());
        command.add("-Dmaven.repo.local=" + (localRepository != null ? localRepository : BuildEnvironment.localRepository()));
        if (fileRepositoriesOffline) {
            command.add("-Daether.offline.protocols=file");
        }
        command.addAll(arguments);
        return command;
    }

    static String read(Path logFile) {
        try {
            // Maven resets the terminal colour even in batch mode; the escape is no part of the text.
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "") : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
