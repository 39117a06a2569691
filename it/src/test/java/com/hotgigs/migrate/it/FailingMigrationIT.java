package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A migration that fails at its third statement, then is fixed. */
class FailingMigrationIT {

    private static final String BROKEN = """
            -- Ledger of account movements.
            CREATE TABLE ledger (id bigint PRIMARY KEY);
            CREATE TABLE ledger_lines (id bigint PRIMARY KEY, ledger_id bigint REFERENCES ledger (id));
            INSERT INTO ledger_totals VALUES (1);
            """;

    private static final String FIXED = BROKEN.replace("INSERT INTO ledger_totals VALUES (1);",
            "CREATE TABLE ledger_totals (id bigint PRIMARY KEY);");

    @Test
    void nothingOfTheFailedMigrationRemainsItsFailureIsRecordedAndTheFixedFileApplies() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            SampleProject project = SampleProject.copy("app", "failing")
                    .file("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n")
                    .file("migrations/002_ledger.sql", BROKEN);

            BuildResult failed = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("failed.log").run();
            assertTrue(failed.failed(), failed::describe);
            String message = failed.errorMessage();
            assertTrue(message.contains("Migration 002_ledger failed at filesystem:migrations/002_ledger.sql line 4"), failed::describe);
            assertTrue(message.contains("relation \"ledger_totals\" does not exist"), failed::describe);
            assertEquals(message.indexOf("does not exist"), message.lastIndexOf("does not exist"),
                    () -> "PostgreSQL's message should appear once: " + message);
            assertTrue(message.contains("42P01"), failed::describe);
            assertFalse(failed.hasStackTrace(), failed::describe);
            assertEquals(List.of("hotgigs: 1 applied, 0 pending, 1 failed; schema at 001"), failed.summaries(), failed::describe);

            assertEquals(List.of("accounts", "schema_migrations"), catalog.tables("public"), "nothing of 002 remains");
            List<HistoryRow> history = catalog.history();
            assertEquals(List.of("001", "002"), history.stream().map(HistoryRow::version).toList(), history::toString);
            assertTrue(history.get(0).success());
            HistoryRow failure = history.get(1);
            assertFalse(failure.success());
            assertTrue(failure.error().contains("002_ledger") && failure.error().matches("(?s).*\\bline 4\\b.*"), failure::toString);
            assertTrue(failure.error().contains("relation \"ledger_totals\" does not exist"), failure::toString);
            assertEquals(0, catalog.advisoryLocks());

            // CI servers show the failure as a failed test, from the JUnit report the build wrote.
            JUnitXmlReport report = JUnitXmlReport.read(project.directory().resolve("target/hotgigs-reports/TEST-hotgigs.migrate.xml"));
            assertEquals(List.of(2, 1, 0), List.of(report.count("tests"), report.count("failures"), report.count("errors")));
            assertEquals("passed", report.testCase("001_accounts").outcome());
            JUnitXmlReport.Case ledger = report.testCase("002_ledger");
            assertEquals(List.of("failure", "migrations/002_ledger.sql", "4", "SQLSTATE 42P01"),
                    List.of(ledger.outcome(), ledger.file(), ledger.line(), ledger.type()), ledger::toString);
            assertTrue(ledger.message().contains("relation \"ledger_totals\" does not exist"), ledger::toString);
            assertTrue(ledger.text().contains(failure.error().substring(failure.error().indexOf(": ") + 2)), ledger::toString);

            project.file("migrations/002_ledger.sql", FIXED);
            BuildResult fixed = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("fixed.log").run();
            assertTrue(fixed.succeeded(), fixed::describe);
            assertEquals(1, fixed.count("[INFO] Applying 002_ledger"), fixed::describe);
            assertEquals(List.of("hotgigs: 2 applied, 0 pending, 0 failed; schema at 002"), fixed.summaries(), fixed::describe);
            history = catalog.history();
            assertEquals(List.of("001", "002", "002"), history.stream().map(HistoryRow::version).toList(), history::toString);
            assertEquals(List.of(true, false, true), history.stream().map(HistoryRow::success).toList());
            assertEquals(List.of("accounts", "ledger", "ledger_lines", "ledger_totals", "schema_migrations"), catalog.tables("public"));
            JUnitXmlReport passed = JUnitXmlReport.read(project.directory().resolve("target/hotgigs-reports/TEST-hotgigs.migrate.xml"));
            assertEquals(List.of(2, 0, 0), List.of(passed.count("tests"), passed.count("failures"), passed.count("errors")));
            assertEquals(List.of("passed", "passed"), passed.cases().stream().map(JUnitXmlReport.Case::outcome).toList());
        }
    }
}
