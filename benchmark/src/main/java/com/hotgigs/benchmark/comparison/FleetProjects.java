package com.hotgigs.benchmark.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What the fleet comparison runs: the HotGigs schema's migrations, copied as each tool names them
 * (byte-identical SQL: {@code 001_initial_schema.sql} and {@code V1__initial_schema.sql}), the
 * tenants' names, and the two projects. hotgigs takes the tenants on the command line; Flyway has no
 * tenant loop, so its project declares one execution per tenant, the fastest way its users have to
 * migrate many schemas in one Maven process.
 */
final class FleetProjects {

    /** The real schema, as the hotgigs-schema module ships it, read from the repository's root. */
    static final Path SCHEMA_SOURCE = Path.of("hotgigs-schema", "src", "main", "resources", "db", "hotgigs");
    private static final Pattern SCRIPT_NAME = Pattern.compile("0*(\\d+)_(.+\\.sql)");

    private final Path directory;
    private final Properties versions;
    private final List<Path> hotgigsScripts;

    private FleetProjects(Path directory, Properties versions, List<Path> hotgigsScripts) {
        this.directory = directory;
        this.versions = versions;
        this.hotgigsScripts = hotgigsScripts;
    }

    /** Copies the migrations for both tools and writes hotgigs' project; Flyway's are written per fleet size. */
    static FleetProjects write(Path directory, Properties versions) {
        try {
            List<Path> sources;
            try (Stream<Path> files = Files.list(SCHEMA_SOURCE)) {
                sources = files.filter(file -> SCRIPT_NAME.matcher(file.getFileName().toString()).matches()).sorted().toList();
            }
            if (sources.isEmpty()) {
                throw new IllegalStateException("No migrations in " + SCHEMA_SOURCE.toAbsolutePath() + ": run from the repository's root");
            }
            Path hotgigs = Files.createDirectories(directory.resolve("migrations").resolve("hotgigs"));
            Path flyway = Files.createDirectories(directory.resolve("migrations").resolve("flyway"));
            List<Path> hotgigsScripts = new ArrayList<>();
            for (Path source : sources) {
                String name = source.getFileName().toString();
                Matcher match = SCRIPT_NAME.matcher(name);
                match.matches();
                byte[] sql = Files.readAllBytes(source);
                Path copy = hotgigs.resolve(name);
                Files.write(copy, sql);
                hotgigsScripts.add(copy);
                Files.write(flyway.resolve("V" + match.group(1) + "__" + match.group(2)), sql);
            }
            FleetProjects projects = new FleetProjects(directory, versions, List.copyOf(hotgigsScripts));
            Files.createDirectories(projects.hotgigsPom().getParent());
            Files.writeString(projects.hotgigsPom(), projects.pom("hotgigs", Tool.HOTGIGS.plugin(versions)));
            return projects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int migrationCount() {
        return hotgigsScripts.size();
    }

    List<Path> hotgigsScriptsInOrder() {
        return hotgigsScripts;
    }

    Path hotgigsMigrations() {
        return directory.resolve("migrations").resolve("hotgigs");
    }

    Path flywayMigrations() {
        return directory.resolve("migrations").resolve("flyway");
    }

    Path hotgigsPom() {
        return directory.resolve("projects").resolve("hotgigs").resolve("pom.xml");
    }

    /** {@code tenant_0001} to {@code tenant_0100}: names that sort as they count. */
    static List<String> tenants(int size) {
        return IntStream.rangeClosed(1, size).mapToObj(FleetProjects::tenant).toList();
    }

    static String tenant(int number) {
        return String.format(Locale.ROOT, "tenant_%04d", number);
    }

    /** Flyway's project for a fleet: one execution of flyway:migrate per tenant, all bound to validate. */
    Path flywayPom(int size) {
        Path pom = directory.resolve("projects").resolve("flyway-" + size).resolve("pom.xml");
        StringBuilder executions = new StringBuilder("<executions>\n");
        for (String tenant : tenants(size)) {
            executions.append("""
                      <execution>
                        <id>%1$s</id>
                        <phase>validate</phase>
                        <goals>
                          <goal>migrate</goal>
                        </goals>
                        <configuration>
                          <defaultSchema>%1$s</defaultSchema>
                          <schemas>
                            <schema>%1$s</schema>
                          </schemas>
                        </configuration>
                      </execution>
                    """.formatted(tenant));
        }
        executions.append("</executions>");
        String plugin = Tool.FLYWAY.plugin(versions);
        // The executions go inside the plugin, after its shared configuration and dependencies.
        int end = plugin.lastIndexOf("</plugin>");
        String withExecutions = plugin.substring(0, end) + executions.toString().indent(2) + plugin.substring(end);
        try {
            Files.createDirectories(pom.getParent());
            Files.writeString(pom, pom("flyway-" + size, withExecutions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom;
    }

    private String pom(String artifact, String plugin) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.hotgigs.benchmark</groupId>
                  <artifactId>%s-fleet</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                %s
                    </plugins>
                  </build>
                </project>
                """.formatted(artifact, plugin.indent(6).stripTrailing());
    }
}
