package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several CI jobs migrating one shared database at the same moment. */
class ConcurrentBuildsIT {

    private static final int BUILDS = 4;

    /**
     * Keeps the first build on the lock until the three others are connected (each has a session
     * of the plugin's while it waits), at most a minute: so all four really meet, however slowly
     * their JVMs start on a busy machine.
     */
    private static final String HOLD_UNTIL_ALL_ARRIVED = """
            CREATE TABLE referrals (id bigint PRIMARY KEY);
            DO $$
            BEGIN
                FOR attempt IN 1..600 LOOP
                    PERFORM pg_stat_clear_snapshot();
                    EXIT WHEN (SELECT count(DISTINCT client_port) FROM pg_stat_activity
                               WHERE datname = current_database() AND application_name = 'hotgigs-migrate'
                                 AND pid <> pg_backend_pid()) >= %d;
                    PERFORM pg_sleep(0.1);
                END LOOP;
            END
            $$;
            SELECT pg_sleep(1);
            """.formatted(BUILDS);

    @Test
    void fourBuildsOnOneEmptyDatabaseApplyEveryMigrationExactlyOnce() {
        try (TestDatabase db = TestDatabase.create()) {
            SampleProject project = SampleProject.copy("app", "concurrent")
                    .file("migrations/003_referrals.sql", HOLD_UNTIL_ALL_ARRIVED);
            List<RunningBuild> running = new ArrayList<>();
            for (int i = 1; i <= BUILDS; i++) {
                running.add(project.build()
                        .args("hotgigs:migrate")
                        .property("hotgigs.url", db.url())
                        .property("hotgigs.locations", "classpath:db/hotgigs,filesystem:migrations")
                        .log("build-" + i + ".log")
                        .start());
            }
            List<BuildResult> results = running.stream().map(RunningBuild::await).toList();

            for (BuildResult result : results) {
                assertTrue(result.succeeded(), result::describe);
                assertEquals(List.of("hotgigs: 3 applied, 0 pending, 0 failed; schema at 003"), result.summaries(), result::describe);
            }
            String logs = results.stream().map(BuildResult::describe).collect(Collectors.joining("\n"));
            for (String migration : List.of("001_initial_schema", "002_comprehensive_ats_system", "003_referrals")) {
                long applying = results.stream().mapToLong(result -> result.count("[INFO] Applying " + migration)).sum();
                assertEquals(1, applying, () -> migration + " applied once in all builds:\n" + logs);
            }
            assertEquals(1, results.stream().filter(result -> !result.linesContaining("Applied 3 migrations in").isEmpty()).count(), logs);
            assertEquals(BUILDS - 1, results.stream().filter(result -> !result.linesContaining("Schema is up to date, nothing to apply").isEmpty()).count(), logs);
            // The first build to get the lock applies everything and never waits. Each other build waits,
            // first for that build's session; when the lock changes hands while it waits, it says so again.
            Pattern wait = Pattern.compile("\\[INFO\\] Waiting for the migration lock held by pid (\\d+), application 'hotgigs-migrate', .*since .*");
            Set<String> firstHolders = new HashSet<>();
            for (BuildResult result : results) {
                List<String> waits = result.linesContaining("Waiting for the migration lock");
                if (!result.linesContaining("Applied 3 migrations in").isEmpty()) {
                    assertEquals(List.of(), waits, result::describe);
                    continue;
                }
                assertTrue(!waits.isEmpty(), () -> "each later build waits for the first:\n" + logs);
                Matcher matcher = wait.matcher(waits.get(0));
                assertTrue(matcher.matches(), waits.get(0));
                firstHolders.add(matcher.group(1));
            }
            assertEquals(1, firstHolders.size(), () -> "the later builds first wait for one session, the first build's:\n" + logs);

            Catalog catalog = new Catalog(db.url());
            List<HistoryRow> history = catalog.history();
            assertEquals(List.of("001", "002", "003"), history.stream().map(HistoryRow::version).toList(), history::toString);
            assertTrue(history.stream().allMatch(HistoryRow::success), history::toString);
            assertEquals(3, Set.copyOf(history.stream().map(HistoryRow::version).toList()).size());
            assertEquals(0, catalog.advisoryLocks());
        }
    }
}
