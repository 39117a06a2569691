package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A build killed with kill -9 (a cancelled CI job, an OOM kill) in the middle of a long migration. */
class KilledBuildIT {

    @Test
    void aKilledBuildLeavesNoTraceAndTheNextBuildAppliesTheMigration() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            // How long 002 sleeps is read from a table the test controls, so the file (and its checksum) stays the same.
            // 001 makes it: a schema with tables and no history is refused until baselined.
            SampleProject project = SampleProject.copy("app", "killed")
                    .file("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
                            + "CREATE TABLE it_control (sleep_seconds int NOT NULL);\nINSERT INTO it_control VALUES (300);\n")
                    .file("migrations/002_ledger.sql", """
                            CREATE TABLE ledger (id bigint PRIMARY KEY);
                            INSERT INTO ledger VALUES (1);
                            SELECT pg_sleep((SELECT sleep_seconds FROM it_control));
                            """);

            RunningBuild build = killDuringSleep(project, db, catalog, "Applying 002_ledger");
            assertEquals(0, catalog.advisoryLocks(), "no advisory lock left behind");
            assertEquals(List.of("accounts", "it_control", "schema_migrations"), catalog.tables("public"), "no partial 002");
            List<HistoryRow> history = catalog.history();
            assertEquals(List.of("001"), history.stream().map(HistoryRow::version).toList(), history::toString);
            assertTrue(history.get(0).success());
            assertFalse(build.logSoFar().contains("Applied 002_ledger"));

            catalog.execute("UPDATE it_control SET sleep_seconds = 0");
            BuildResult next = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("next.log").run();
            assertTrue(next.succeeded(), next::describe);
            assertEquals(1, next.count("[INFO] Applying 002_ledger"), next::describe);
            assertEquals(0, next.count("[INFO] Applying 001_accounts"), next::describe);
            assertEquals(List.of("hotgigs: 2 applied, 0 pending, 0 failed; schema at 002"), next.summaries(), next::describe);
            history = catalog.history();
            assertEquals(List.of("001", "002"), history.stream().map(HistoryRow::version).toList(), history::toString);
            assertTrue(history.stream().allMatch(HistoryRow::success), history::toString);
            assertEquals(1, catalog.count("SELECT count(*) FROM ledger"));
            assertEquals(0, catalog.advisoryLocks());
        }
    }

    /**
     * Starts migrate, waits until its log has {@code applying} and a pg_sleep of the migration runs, kills the
     * build with kill -9, and waits until the server has ended its sessions.
     */
    static RunningBuild killDuringSleep(SampleProject project, TestDatabase db, Catalog catalog, String applying) {
        RunningBuild build = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url())
                .log("killed.log").start();
        build.awaitLog(log -> log.contains(applying), Duration.ofSeconds(120));
        await("the migration's pg_sleep is running", Duration.ofSeconds(30),
                () -> catalog.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()") == 1);
        build.killTree();
        // The server notices the dead client: the lock session at once, the busy one through its connection check.
        await("the killed build's sessions are gone", Duration.ofSeconds(15), () -> catalog.otherSessions() == 0);
        return build;
    }

    static void await(String what, Duration limit, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
