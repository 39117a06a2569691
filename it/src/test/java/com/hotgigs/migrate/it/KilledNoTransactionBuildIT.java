package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build killed with kill -9 in the middle of a script that runs without a transaction: what had
 * finished stays, nothing is recorded, and the next build runs the script again from its first
 * statement, which a script written to be re-run survives.
 */
class KilledNoTransactionBuildIT {

    @Test
    void theStatementsThatFinishedRemainAndTheNextBuildRunsTheScriptAgainFromItsStart() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            // How long 002 sleeps is read from a table the test controls, so the file (and its checksum) stays the same.
            // 001 makes it: a schema with tables and no history is refused until baselined.
            SampleProject project = SampleProject.copy("app", "killed-none")
                    .file("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
                            + "CREATE TABLE it_control (sleep_seconds int NOT NULL);\nINSERT INTO it_control VALUES (300);\n")
                    .file("migrations/002_ledger.sql", """
                            -- +goose NO TRANSACTION
                            -- +goose Up
                            CREATE TABLE IF NOT EXISTS ledger (id bigint PRIMARY KEY, amount int NOT NULL);
                            INSERT INTO ledger VALUES (1, 10) ON CONFLICT (id) DO NOTHING;
                            SELECT pg_sleep((SELECT sleep_seconds FROM it_control));
                            CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_amount ON ledger (amount);

                            -- +goose Down
                            DROP TABLE ledger;
                            """);

            RunningBuild build = KilledBuildIT.killDuringSleep(project, db, catalog, "Applying 002_ledger without a transaction");
            assertEquals(0, catalog.advisoryLocks(), "no advisory lock left behind");
            assertEquals(1, catalog.count("SELECT count(*) FROM ledger"), "statements 1-2 had taken effect and remain");
            assertEquals(0, catalog.count("SELECT count(*) FROM pg_class WHERE relname = 'ledger_amount'"));
            List<HistoryRow> history = catalog.history();
            assertEquals(List.of("001"), history.stream().map(HistoryRow::version).toList(), "no row for 002: " + history);
            assertFalse(build.logSoFar().contains("Applied 002_ledger"));

            catalog.execute("UPDATE it_control SET sleep_seconds = 0");
            BuildResult next = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("next.log").run();
            assertTrue(next.succeeded(), next::describe);
            assertEquals(1, next.count("[INFO] Applying 002_ledger without a transaction (each statement on its own; not "
                    + "atomic with its history row, written after its last statement)"), next::describe);
            assertEquals(List.of("hotgigs: 2 applied, 0 pending, 0 failed; schema at 002"), next.summaries(), next::describe);
            history = catalog.history();
            assertEquals(List.of("001", "002"), history.stream().map(HistoryRow::version).toList(), history::toString);
            assertTrue(history.stream().allMatch(HistoryRow::success), history::toString);
            assertEquals(1, catalog.count("SELECT count(*) FROM ledger"), "the re-run inserted nothing twice");
            assertEquals(1, catalog.count("SELECT count(*) FROM pg_index WHERE indexrelid = 'ledger_amount'::regclass "
                    + "AND indisvalid"));
            assertEquals(0, catalog.advisoryLocks());
        }
    }
}
