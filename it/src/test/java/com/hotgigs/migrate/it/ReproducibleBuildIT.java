package com.hotgigs.migrate.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reproducible builds: the published modules, built from two clean copies of the sources in two
 * directories, give byte-identical jars (main, sources, javadoc and the core's test jar; the
 * plugin descriptor inside included), and {@code artifact:check-buildplan} passes in both. Clean
 * copies, not this reactor's own target/: an incremental build can leave a stale javadoc jar.
 * Affordable: no tests, offline, only the three published modules, both builds side by side.
 */
class ReproducibleBuildIT {

    /** What the reactor publishes; the it module itself publishes nothing. */
    private static final List<String> PUBLISHED = List.of(
            "hotgigs-migrate-core", "hotgigs-migrate-maven-plugin", "hotgigs-schema");

    @Test
    void twoBuildsFromCleanCopiesGiveByteIdenticalJars() throws IOException {
        Path reactor = BuildEnvironment.reactorRoot();
        Path first = BuildEnvironment.workDirectory().resolve("reproducible-first");
        Path second = BuildEnvironment.workDirectory().resolve("reproducible-second/elsewhere");
        SourceTree.copy(reactor, first, PUBLISHED);
        SourceTree.copy(reactor, second, PUBLISHED);

        RunningBuild firstBuild = build(first);
        RunningBuild secondBuild = build(second);
        BuildResult firstResult = firstBuild.await();
        BuildResult secondResult = secondBuild.await();

        for (BuildResult result : List.of(firstResult, secondResult)) {
            assertTrue(result.succeeded(), result::describe);
            // Maven 3.8 and 3.9 name the plugin differently in the execution's header; its execution id is the same.
            assertEquals(PUBLISHED.size(), result.count(":check-buildplan (check-buildplan) @ "),
                    "the build plan is checked in each module:\n" + result.describe());
            assertFalse(result.log().contains("[WARNING]"), result::describe);
        }
        List<String> compared = new ArrayList<>();
        for (String module : PUBLISHED) {
            List<Path> jars = jars(first.resolve(module).resolve("target"));
            assertTrue(jars.size() >= 3, module + " should have made a jar, a sources jar and a javadoc jar: " + jars);
            for (Path jar : jars) {
                Path twin = second.resolve(module).resolve("target").resolve(jar.getFileName());
                assertTrue(Files.exists(twin), "the second build made no " + twin.getFileName());
                assertTrue(Arrays.equals(Files.readAllBytes(jar), Files.readAllBytes(twin)),
                        jar.getFileName() + " differs between two builds of the same sources: " + jar + " and " + twin
                                + " (is project.build.outputTimestamp set? compare them with diffoscope)");
                compared.add(jar.getFileName().toString());
            }
        }
        assertEquals(PUBLISHED.size() * 3 + 1, compared.size(),
                "every module's jar, sources and javadoc jars and the core's test jar: " + compared);
    }

    /** Packaging runs the validate phase, where the parent binds artifact:check-buildplan. */
    private static RunningBuild build(Path copy) {
        // Javadoc for three modules takes minutes on a loaded machine; the limit is only a backstop.
        return MavenBuild.in(copy).args("-o", "package", "-DskipTests", "-pl", String.join(",", PUBLISHED))
                .timeout(Duration.ofMinutes(12)).start();
    }

    private static List<Path> jars(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }
}
