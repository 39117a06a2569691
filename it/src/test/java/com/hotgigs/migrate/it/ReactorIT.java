package com.hotgigs.migrate.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each module talks to its own database: a build of modules a, b and c, each starting its own
 * embedded PostgreSQL (start, migrate, its integration test, stop), and d, which starts none and
 * migrates the database its .env names on the machine's PostgreSQL. All four have a migration of
 * version 001 with different content, so a module that reached another's database would fail on
 * an "edited" migration or apply into the wrong one. Run with {@code -T 3} and serially.
 */
class ReactorIT {

    private static final Pattern TESTS_PASSED = Pattern.compile("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* -+ in com\\.example\\.reactor\\.");
    private static final List<String> STARTING_MODULES = List.of("a", "b", "c");
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(8);

    @Test
    void threeThreadsFourModulesEachMigratesItsOwn() {
        try (MachineDatabase own = MachineDatabase.create()) {
            SampleProject project = reactor("parallel", own);

            BuildResult result = project.build().args("-T", "3", "verify").timeout(BUILD_LIMIT).run();

            assertTrue(result.log().contains("Using the MultiThreadedBuilder implementation with a thread count of 3"),
                    result::describe);
            assertEachMigratedItsOwn(project, own, result);
        }
    }

    @Test
    void serialBuildLaterModulesDoNotSeeAnEarlierModulesServer() {
        try (MachineDatabase own = MachineDatabase.create()) {
            SampleProject project = reactor("serial", own);

            BuildResult result = project.build().args("verify").timeout(BUILD_LIMIT).run();

            assertEachMigratedItsOwn(project, own, result);
        }
    }

    private static SampleProject reactor(String purpose, MachineDatabase own) {
        SampleProject project = SampleProject.copy("reactor", purpose);
        for (String module : List.of("a", "b", "c", "d")) {
            String marker = "CREATE TABLE " + module + "_marker (id integer PRIMARY KEY);\n";
            project.file(module + "/migrations/001_" + module + "_marker.sql", marker);
            // What the module's repair execution reads: the migration with a comment added on purpose.
            project.file(module + "/repaired/001_" + module + "_marker.sql", "-- " + module + "'s marker table\n" + marker);
        }
        ServerAddress address = ServerAddress.of(own.url());
        project.file("d/.env", """
                DB_HOST=%s
                DB_PORT=%d
                DB_NAME=%s
                DB_USER=%s
                """.formatted(address.host(), address.port(), address.database(), own.user()));
        return project;
    }

    private static void assertEachMigratedItsOwn(SampleProject project, MachineDatabase own, BuildResult result) {
        assertTrue(result.succeeded(), result::describe);
        assertFalse(result.log().contains("thread-safe") || result.log().contains("@threadSafe"),
                () -> "every goal the build ran is declared thread-safe:\n" + result.describe());

        // Three servers, each announced once, on three ports; each module's test JVM was given its own.
        List<StartedServer> servers = StartedServer.all(result.log());
        Set<String> started = new HashSet<>();
        servers.forEach(server -> started.add(server.url()));
        assertEquals(3, servers.size(), result::describe);
        assertEquals(3, started.size(), result::describe);
        Set<String> seenByTests = new HashSet<>();
        for (String module : STARTING_MODULES) {
            seenByTests.add(read(project.directory().resolve(module + "/target/test-jvm-url.txt")));
        }
        assertEquals(started, seenByTests, "each module's test JVM got the address of a server of its own");
        for (String module : STARTING_MODULES) {
            assertStatusAndValidateReadItsOwn(project, module, "hotgigs_db");
        }
        assertStatusAndValidateReadItsOwn(project, "d", ServerAddress.of(own.url()).database());
        assertEquals(3, result.lines().stream().filter(TESTS_PASSED.asPredicate())
                .filter(line -> line.endsWith("OwnServerIT")).count(), result::describe);
        assertEquals(1, result.lines().stream().filter(TESTS_PASSED.asPredicate())
                .filter(line -> line.endsWith("NoServerAddressIT")).count(), result::describe);
        for (StartedServer server : servers) {
            assertEquals(1, result.count(server.stoppedLine()), result::describe);
            server.assertGone();
        }

        // d migrated the database of its .env, and only its own migration, which its repair realigned there.
        List<HistoryRow> history = new Catalog(own.urlWithUser()).history();
        assertEquals(List.of("001_d_marker.sql", "001_d_marker.sql"), history.stream().map(HistoryRow::script).toList(),
                history::toString);
        assertEquals(1, new Catalog(own.urlWithUser()).count("SELECT count(*) FROM public.schema_migrations WHERE kind = 'REPAIR'"));
        for (String module : List.of("a", "b", "c", "d")) {
            assertEquals(1, result.linesContaining("Realigned the checksum of 001_" + module + "_marker to its edited file").size(),
                    result::describe);
        }
        assertEquals(List.of("d_marker", "schema_migrations"), new Catalog(own.urlWithUser()).tables("public"));
    }

    /** status and validate, also declared thread-safe, ran in the module against that module's database. */
    private static void assertStatusAndValidateReadItsOwn(SampleProject project, String module, String database) {
        Path target = project.directory().resolve(module + "/target");
        String status = read(target.resolve("status.json"));
        assertTrue(status.contains("\"database\": \"" + database + "\"") && status.contains("\"state\": \"APPLIED\""),
                () -> module + "'s status:\n" + status);
        for (String other : List.of("a", "b", "c", "d")) {
            assertEquals(other.equals(module), status.contains("\"001_" + other + "_marker.sql\""),
                    () -> module + "'s status lists " + other + "'s migration only if it is its own:\n" + status);
        }
        String validation = read(target.resolve("hotgigs-reports/TEST-hotgigs.validate.xml"));
        assertTrue(validation.contains("failures=\"0\"") && validation.contains("001_" + module + "_marker"),
                () -> module + "'s validation:\n" + validation);
        // lint, plan, manifest, check, report and prefetch ran there too (and repair, checked above): the
        // files that name a migration or a table name this module's only.
        String manifest = read(project.directory().resolve(module + "/migrations/hotgigs.sum"));
        String report = read(target.resolve("hotgigs/report/index.html"));
        for (String other : List.of("a", "b", "c", "d")) {
            assertEquals(other.equals(module), manifest.contains("001_" + other + "_marker.sql"), () -> module + ":\n" + manifest);
            assertEquals(other.equals(module), report.contains(other + "_marker"), () -> module + "'s report names " + other);
        }
        assertTrue(Files.isRegularFile(target.resolve("hotgigs/plan.sql")), () -> module + " has no plan");
        assertTrue(read(target.resolve("hotgigs/lint.json")).contains("\"formatVersion\""), () -> module + " has no lint report");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the module's integration test did not record its address: " + file, e);
        }
    }
}
