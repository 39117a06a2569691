package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hotgigs:repair after an applied migration was edited on purpose and another's file removed on purpose. */
class RepairIT {

    private static final String LEDGER = "CREATE TABLE ledger (id bigint PRIMARY KEY);\n";

    @Test
    void anEditedAndARemovedMigrationAreRepairedAndValidatePassesWithTheAuditRowsThere() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            SampleProject project = SampleProject.copy("app", "repair")
                    .file("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n")
                    .file("migrations/002_ledger.sql", LEDGER)
                    .file("migrations/003_scratch.sql", "CREATE TABLE scratch (id int);\n");
            assertTrue(project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("migrate.log").run().succeeded());
            project.file("migrations/002_ledger.sql", "-- The ledger of account movements.\n" + LEDGER)
                    .delete("migrations/003_scratch.sql");
            BuildResult invalid = project.build().args("hotgigs:validate").property("hotgigs.url", db.url()).log("invalid.log").run();
            assertTrue(invalid.failed(), invalid::describe);
            assertTrue(invalid.errorMessage().contains("realign it with hotgigs:repair"), invalid::describe);

            BuildResult repaired = project.build().args("hotgigs:repair").property("hotgigs.url", db.url()).log("repair.log").run();

            assertTrue(repaired.succeeded(), repaired::describe);
            assertEquals(1, repaired.linesContaining("[INFO] Realigned the checksum of 002_ledger to its edited file: ").size(),
                    repaired::describe);
            assertEquals(1, repaired.count("[INFO] Marked 003_scratch deleted: its file was removed (a DELETED row by postgres; "
                    + "its earlier rows stay)"), repaired::describe);
            assertEquals(List.of("hotgigs: 2 applied, 0 pending, 0 failed; schema at 002"), repaired.summaries(), repaired::describe);
            assertEquals(1, catalog.count("SELECT count(*) FROM public.schema_migrations r JOIN public.schema_migrations m "
                    + "ON m.version = r.version AND m.kind = 'MIGRATION' WHERE r.kind = 'REPAIR' AND r.version = '002' "
                    + "AND r.previous_checksum = m.checksum AND r.checksum <> m.checksum AND r.installed_by = 'postgres'"));
            assertEquals(1, catalog.count("SELECT count(*) FROM public.schema_migrations WHERE kind = 'DELETED' AND version = '003'"));
            assertEquals(5, catalog.count("SELECT count(*) FROM public.schema_migrations"), "rows were only added");

            BuildResult valid = project.build().args("hotgigs:validate").property("hotgigs.url", db.url()).log("valid.log").run();
            assertTrue(valid.succeeded(), valid::describe);
            BuildResult again = project.build().args("hotgigs:repair").property("hotgigs.url", db.url()).log("again.log").run();
            assertTrue(again.failed(), again::describe);
            assertFalse(again.hasStackTrace(), again::describe);
            assertTrue(again.errorMessage().contains("Nothing to repair in public.schema_migrations of database " + db.name()
                    + ": every applied migration matches its file, and every file of one is there. Nothing was written."),
                    again::describe);
            assertEquals(5, catalog.count("SELECT count(*) FROM public.schema_migrations"));
        }
    }
}
