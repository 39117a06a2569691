package com.hotgigs.benchmark.comparison;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A migration tool under test, as its users run it: a Maven plugin declared in a project's pom. */
enum Tool {

    HOTGIGS("hotgigs", "hotgigs:migrate", "hotgigs:status", "hotgigs:validate", "hotgigs.target",
            Pattern.compile("Applied (\\d+) migrations? in (\\d+) ms")) {
        @Override
        String plugin(Properties versions) {
            return """
                    <plugin>
                      <groupId>com.hotgigs</groupId>
                      <artifactId>hotgigs-migrate-maven-plugin</artifactId>
                      <version>%s</version>
                      <configuration>
                    %s
                      </configuration>
                    </plugin>""".formatted(versions.getProperty("hotgigs.version"), SHARED_CONFIGURATION);
        }

        @Override
        long applyPhaseMs(Matcher match) {
            return Long.parseLong(match.group(2));
        }
    },

    FLYWAY("Flyway", "flyway:migrate", "flyway:info", "flyway:validate", "flyway.target",
            Pattern.compile("Successfully applied (\\d+) migrations? .*\\(execution time (\\d+):(\\d+)\\.(\\d+)s\\)")) {
        @Override
        String plugin(Properties versions) {
            return """
                    <plugin>
                      <groupId>org.flywaydb</groupId>
                      <artifactId>flyway-maven-plugin</artifactId>
                      <version>%1$s</version>
                      <configuration>
                    %3$s
                        <cleanDisabled>true</cleanDisabled>
                      </configuration>
                      <dependencies>
                        <dependency>
                          <groupId>org.flywaydb</groupId>
                          <artifactId>flyway-database-postgresql</artifactId>
                          <version>%1$s</version>
                        </dependency>
                        <dependency>
                          <groupId>org.postgresql</groupId>
                          <artifactId>postgresql</artifactId>
                          <version>%2$s</version>
                        </dependency>
                      </dependencies>
                    </plugin>""".formatted(versions.getProperty("flyway.version"), versions.getProperty("postgresql.version"),
                            SHARED_CONFIGURATION);
        }

        @Override
        long applyPhaseMs(Matcher match) {
            return Long.parseLong(match.group(2)) * 60_000 + Long.parseLong(match.group(3)) * 1000 + Long.parseLong(match.group(4));
        }

        @Override
        Map<String, String> environment() {
            // Keeps Flyway from trying to report usage over a network the benchmark may not have.
            return Map.of("REDGATE_DISABLE_TELEMETRY", "true");
        }
    };

    /** What both tools are told the same way: where the database is, and the migrations. */
    private static final String SHARED_CONFIGURATION = """
                <url>${bench.url}</url>
                <user>${bench.user}</user>
                <locations>
                  <location>${bench.locations}</location>
                </locations>""";

    private final String label;
    private final String migrateGoal;
    private final String statusGoal;
    private final String validateGoal;
    private final String targetProperty;
    private final Pattern appliedLine;

    Tool(String label, String migrateGoal, String statusGoal, String validateGoal, String targetProperty, Pattern appliedLine) {
        this.label = label;
        this.migrateGoal = migrateGoal;
        this.statusGoal = statusGoal;
        this.validateGoal = validateGoal;
        this.targetProperty = targetProperty;
        this.appliedLine = appliedLine;
    }

    abstract String plugin(Properties versions);

    abstract long applyPhaseMs(Matcher match);

    Map<String, String> environment() {
        return Map.of();
    }

    String label() {
        return label;
    }

    String migrateGoal() {
        return migrateGoal;
    }

    String statusGoal() {
        return statusGoal;
    }

    String validateGoal() {
        return validateGoal;
    }

    String targetProperty() {
        return targetProperty;
    }

    /** The tool's own report of its apply phase, read from the build log. */
    long applyPhaseMs(String buildLog, int expectedCount) {
        Matcher match = appliedLine.matcher(buildLog);
        if (!match.find()) {
            throw new IllegalStateException(label + " printed no line matching " + appliedLine.pattern());
        }
        int count = Integer.parseInt(match.group(1));
        if (count != expectedCount) {
            throw new IllegalStateException(label + " applied " + count + " migrations, expected " + expectedCount);
        }
        return applyPhaseMs(match);
    }

    /** A project that declares only this tool's plugin, as a user's would. */
    String pom(Properties versions) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.hotgigs.benchmark</groupId>
                  <artifactId>%s-user</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                %s
                    </plugins>
                  </build>
                </project>
                """.formatted(name().toLowerCase(), plugin(versions).indent(6).stripTrailing());
    }

    Path locationsOf(com.hotgigs.benchmark.corpus.Corpus corpus) {
        return this == HOTGIGS ? corpus.hotgigsDirectory() : corpus.flywayDirectory();
    }
}
