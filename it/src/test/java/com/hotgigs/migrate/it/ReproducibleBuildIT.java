package com.hotgigs.migrate.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reproducible builds: the published modules, built a second time from a clean copy of their
 * sources in another directory at another time, give jars byte-identical to the ones this build
 * made (main, sources, javadoc and test jars, the plugin descriptor inside included).
 */
class ReproducibleBuildIT {

    /** What the reactor publishes; the it module itself publishes nothing. */
    private static final List<String> PUBLISHED = List.of(
            "hotgigs-migrate-core", "hotgigs-migrate-maven-plugin", "hotgigs-schema");

    @Test
    void aSecondCleanBuildGivesByteIdenticalJars() throws IOException {
        Path reactor = BuildEnvironment.reactorRoot();
        Path copy = BuildEnvironment.workDirectory().resolve("reproducible");
        SourceTree.copy(reactor, copy, PUBLISHED);

        // Three modules with javadoc take minutes on a loaded machine; the limit is only a backstop.
        BuildResult result = MavenBuild.in(copy)
                .args("package", "-DskipTests", "-pl", String.join(",", PUBLISHED))
                .timeout(Duration.ofMinutes(15))
                .run();
        assertTrue(result.succeeded(), result::describe);

        List<String> compared = new ArrayList<>();
        for (String module : PUBLISHED) {
            List<Path> jars = jars(copy.resolve(module).resolve("target"));
            assertTrue(jars.size() >= 3, module + " should have made a jar, a sources jar and a javadoc jar: " + jars);
            for (Path second : jars) {
                Path first = reactor.resolve(module).resolve("target").resolve(second.getFileName());
                assertTrue(Files.exists(first), "this build made no " + first.getFileName());
                assertTrue(Arrays.equals(Files.readAllBytes(first), Files.readAllBytes(second)),
                        first.getFileName() + " differs between two builds of the same sources: " + first + " and "
                                + second + " (is project.build.outputTimestamp set, and was " + module
                                + " rebuilt since its sources last changed?)");
                compared.add(first.getFileName().toString());
            }
        }
        assertEquals(PUBLISHED.size() * 3 + 1, compared.size(),
                "every module's jar, sources and javadoc jars and the core's test jar: " + compared);
    }

    private static List<Path> jars(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** A copy of the sources the published modules are built from, without any build output. */
    private static final class SourceTree {

        static void copy(Path reactor, Path target, List<String> modules) {
            try {
                SampleProject.deleteRecursively(target);
                // The parent names every module: their POMs must exist, though only these are built.
                try (Stream<Path> entries = Files.list(reactor)) {
                    for (Path entry : entries.toList()) {
                        String name = entry.getFileName().toString();
                        if (Files.isRegularFile(entry)) {
                            copyFile(entry, target.resolve(name));
                        } else if (modules.contains(name)) {
                            copyDirectory(entry, target.resolve(name));
                        } else if (Files.isRegularFile(entry.resolve("pom.xml"))) {
                            copyFile(entry.resolve("pom.xml"), target.resolve(name).resolve("pom.xml"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not copy the sources of " + reactor, e);
            }
        }

        private static void copyDirectory(Path source, Path target) throws IOException {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(file -> !source.relativize(file).startsWith("target")).toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        copyFile(file, copy);
                    }
                }
            }
        }

        private static void copyFile(Path source, Path target) throws IOException {
            Files.createDirectories(target.getParent());
            Files.copy(source, target);
        }
    }
}
