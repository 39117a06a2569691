package com.hotgigs.migrate.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin on every Maven a user runs: the oldest it supports (the one number in the parent POM,
 * the descriptor and the README), the latest 3.9, 3.10 and the newest Maven 4, each fetched from Maven
 * Central as a distribution (it/pom.xml unpacks them). On each, start, migrate, status, report and
 * stop succeed with Maven's plugin validation at its most verbose and print no warning at all; a
 * Maven older than the requirement refuses the plugin, naming the version it needs.
 */
class MavenVersionsIT {

    private static final String MIGRATION = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n";

    @ParameterizedTest
    @ValueSource(strings = {"it.maven.oldest", "it.maven.latest3", "it.maven.next3", "it.maven.four"})
    void everyGoalRunsWithoutAWarning(String versionProperty) {
        String version = System.getProperty(versionProperty);
        // A .mvn directory marks the project's root, as Maven 4 asks (it warns without one).
        SampleProject project = SampleProject.copy("app", "maven-" + version).file("migrations/001_accounts.sql", MIGRATION)
                .file(".mvn/.root", "");

        BuildResult build = project.build().mavenHome(mavenHome(version))
                .args("-V", "hotgigs:start", "hotgigs:migrate", "hotgigs:status", "hotgigs:report", "hotgigs:stop",
                        "-Dmaven.plugin.validation=VERBOSE")
                .run();

        assertTrue(build.succeeded(), build::describe);
        assertTrue(build.log().contains("Apache Maven " + version + " "), build::describe);
        assertEquals(1, build.count("[INFO] Applied 001_accounts in "), build::describe);
        assertEquals(3, build.count("[INFO] hotgigs: 1 applied, 0 pending, 0 failed; schema at 001"),
                "migrate, status and report end with it:\n" + build.describe());
        assertTrue(Files.isRegularFile(project.directory().resolve("target/hotgigs/report/index.html")), build::describe);
        List<String> warnings = build.lines().stream().filter(line -> line.startsWith("[WARNING]") || line.contains("SLF4J")).toList();
        assertEquals(List.of(), warnings, "no plugin validation warning, no warning of ours:\n" + build.describe());
    }

    @Test
    void aMavenOlderThanTheRequirementRefusesThePlugin() {
        String version = System.getProperty("it.maven.tooOld");
        SampleProject project = SampleProject.copy("app", "maven-" + version);

        BuildResult build = project.build().mavenHome(mavenHome(version)).withoutTransferProgressOption()
                .args("-V", "hotgigs:status").run();

        assertTrue(build.failed(), build::describe);
        assertTrue(build.log().contains("Apache Maven " + version + " "), build::describe);
        String required = System.getProperty("it.maven.oldest");
        assertTrue(build.log().contains("requires Maven version " + required), build::describe);
        assertFalse(build.log().contains("hotgigs: "), "no goal ran:\n" + build.describe());
    }

    private static Path mavenHome(String version) {
        Path home = Path.of(System.getProperty("it.maven.distributions")).resolve("apache-maven-" + version);
        assertTrue(Files.isExecutable(home.resolve("bin/mvn")), "it/pom.xml unpacks Maven " + version + " into " + home);
        return home;
    }
}
