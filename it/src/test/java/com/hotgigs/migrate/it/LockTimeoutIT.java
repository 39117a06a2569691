package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A build that cannot wait as long as another one migrates gives up, names the holder, and changes nothing. */
class LockTimeoutIT {

    /** Holds the lock until the test inserts a row into it_release (at most two minutes). */
    private static final String WAIT_FOR_RELEASE = """
            CREATE TABLE ledger (id bigint PRIMARY KEY);
            DO $$
            BEGIN
                FOR attempt IN 1..1200 LOOP
                    EXIT WHEN EXISTS (SELECT 1 FROM it_release);
                    PERFORM pg_sleep(0.1);
                END LOOP;
            END
            $$;
            """;

    @Test
    void aBuildThatWaitsTooLongGivesUpNamingTheHolder() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            // it_release comes with 001, not before it: a schema with tables and no history is refused until baselined.
            SampleProject project = SampleProject.copy("app", "lock-timeout")
                    .file("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
                            + "CREATE TABLE it_release (released boolean);\n")
                    .file("migrations/002_ledger.sql", WAIT_FOR_RELEASE);

            RunningBuild first = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url())
                    .log("first.log").start();
            first.awaitLog(log -> log.contains("Applying 002_ledger"), Duration.ofSeconds(120));
            BuildResult impatient = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url())
                    .property("hotgigs.lockWaitSeconds", "2").log("impatient.log").run();
            catalog.execute("INSERT INTO it_release VALUES (true)");
            BuildResult finished = first.await();

            assertTrue(impatient.failed(), impatient::describe);
            assertFalse(impatient.hasStackTrace(), impatient::describe);
            Matcher holder = Pattern.compile("(?s).*Gave up waiting for the migration lock on public\\.schema_migrations after 2 s: "
                    + "another run \\(pid (\\d+), application 'hotgigs-migrate'.*raise hotgigs\\.lockWaitSeconds.*"
                    + "SELECT pg_terminate_backend\\(\\1\\).*").matcher(impatient.errorMessage());
            assertTrue(holder.matches(), impatient::describe);
            assertTrue(impatient.linesContaining("Applying").isEmpty(), impatient::describe);

            assertTrue(finished.succeeded(), finished::describe);
            assertEquals(List.of("hotgigs: 2 applied, 0 pending, 0 failed; schema at 002"), finished.summaries(), finished::describe);
            List<HistoryRow> history = catalog.history();
            assertEquals(List.of("001", "002"), history.stream().map(HistoryRow::version).toList(), history::toString);
            assertTrue(history.stream().allMatch(HistoryRow::success), history::toString);
            assertEquals(0, catalog.advisoryLocks());
        }
    }
}
