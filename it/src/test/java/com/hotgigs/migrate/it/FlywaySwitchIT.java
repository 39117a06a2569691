package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project migrated by Flyway's own Maven plugin (the release the parent pom pins, from Maven
 * Central) switched to hotgigs-migrate in its pom: Flyway's history is imported, each file checked
 * against the checksum Flyway itself recorded (one file with CRLF line endings and a BOM), nothing
 * is applied again (the repeatable neither: its file still has Flyway's checksum), and a new migration applies.
 */
class FlywaySwitchIT {

    private static final String INIT = "CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);\n";
    /** Written with a byte order mark and Windows line endings: Flyway's checksum ignores both, and so must ours. */
    private static final String ADD_EMAIL = "\uFEFF-- accounts get an email\r\nALTER TABLE accounts\r\n    ADD COLUMN email text;\r\n";
    private static final String LEDGER = "CREATE TABLE ledger (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id));\n";
    private static final String VIEWS = "CREATE OR REPLACE VIEW account_names AS SELECT id, name FROM accounts;\n";

    /** The project with Flyway's files, migrated by Flyway's plugin; its pom still Flyway's. */
    private static SampleProject migratedByFlyway(TestDatabase db, String purpose) {
        SampleProject project = SampleProject.copy("flyway", purpose)
                .file("db/migration/V1__init.sql", INIT)
                .file("db/migration/V1.1__add_email.sql", ADD_EMAIL)
                .file("db/migration/V2_1__ledger.sql", LEDGER)
                .file("db/migration/R__views.sql", VIEWS);
        BuildResult flyway = project.build().args("flyway:migrate").property("flyway.url", db.url())
                .property("flyway.user", "postgres").env("REDGATE_DISABLE_TELEMETRY", "true").log("flyway.log").run();
        assertTrue(flyway.succeeded(), flyway::describe);
        return project;
    }

    /** The pom now names hotgigs-migrate instead of Flyway; the files stay as they are. */
    private static void switchToHotgigs(SampleProject project) {
        try {
            Files.copy(project.directory().resolve("pom-hotgigs.xml"), project.directory().resolve("pom.xml"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFlywayProjectSwitchesWithoutReapplyingAnythingAndMigratesOn() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            SampleProject project = migratedByFlyway(db, "flyway-switch");
            int flywayRows = catalog.count("SELECT count(*) FROM flyway_schema_history");
            switchToHotgigs(project);
            project.file("db/migration/V3__offers.sql", "CREATE TABLE offers (id bigint PRIMARY KEY);\n");

            BuildResult refused = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("refused.log").run();
            assertTrue(refused.failed(), refused::describe);
            assertTrue(refused.errorMessage().contains("has Flyway's history (public.flyway_schema_history) but no history table "
                    + "public.schema_migrations"), refused::describe);
            assertTrue(refused.errorMessage().contains("-Dhotgigs.importFlywayHistory=true"), refused::describe);
            assertFalse(catalog.hasTable("public", "schema_migrations"));

            BuildResult migrated = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url())
                    .property("hotgigs.importFlywayHistory", "true").log("migrate.log").run();

            assertTrue(migrated.succeeded(), migrated::describe);
            for (String imported : List.of("1_init", "1.1_add_email", "2.1_ledger")) {
                assertEquals(1, migrated.count("[INFO] Imported " + imported + " from Flyway's history (its file matches Flyway's "
                        + "checksum)"), migrated::describe);
            }
            // The repeatable's file has the checksum Flyway recorded for it: its run is imported, not repeated.
            assertEquals(1, migrated.count("[INFO] Imported R__views from Flyway's history (its file matches Flyway's checksum)"),
                    migrated::describe);
            assertEquals(1, migrated.linesContaining("[INFO] Applying ").size(), migrated::describe);
            assertEquals(1, migrated.count("[INFO] Applying 3_offers"), migrated::describe);
            assertEquals(List.of("hotgigs: 4 applied, 0 pending, 0 failed; schema at 3; repeatables: 1 applied, 0 pending, 0 failed"),
                    migrated.summaries(), migrated::describe);
            assertEquals(List.of("1|IMPORT|postgres", "1.1|IMPORT|postgres", "2.1|IMPORT|postgres", "views|REPEATABLE|postgres",
                            "3|MIGRATION|postgres"),
                    rows(catalog, "SELECT coalesce(version, name) || '|' || kind || '|' || installed_by FROM public.schema_migrations "
                            + "ORDER BY installed_rank"));
            assertEquals(List.of("t"), rows(catalog, "SELECT bool_and(s.installed_on = f.installed_on::timestamptz) FROM "
                    + "public.schema_migrations s JOIN flyway_schema_history f ON f.version = s.version WHERE s.kind = 'IMPORT'"),
                    "installed_on is Flyway's");
            assertEquals(flywayRows, catalog.count("SELECT count(*) FROM flyway_schema_history"), "Flyway's table untouched");

            BuildResult validated = project.build().args("hotgigs:validate").property("hotgigs.url", db.url()).log("validate.log").run();
            assertTrue(validated.succeeded(), validated::describe);
            assertEquals(List.of("hotgigs: 4 applied, 0 pending, 0 failed; schema at 3; repeatables: 1 applied, 0 pending, 0 failed; "
                    + "validation passed"), validated.summaries(), validated::describe);
        }
    }

    @Test
    void aFileEditedAfterFlywayAppliedItIsRefusedByNameAndNothingIsWritten() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            SampleProject project = migratedByFlyway(db, "flyway-edited");
            switchToHotgigs(project);
            project.file("db/migration/V2_1__ledger.sql", LEDGER + "-- one more comment\n");

            BuildResult refused = project.build().args("hotgigs:baseline").property("hotgigs.url", db.url()).log("refused.log").run();

            assertTrue(refused.failed(), refused::describe);
            assertFalse(refused.hasStackTrace(), refused::describe);
            String message = refused.errorMessage();
            assertTrue(message.contains("Flyway's history (public.flyway_schema_history) cannot be imported as it is; nothing was "
                    + "written"), refused::describe);
            assertTrue(message.contains("- filesystem:db/migration/V2_1__ledger.sql was edited after Flyway applied it: Flyway "
                    + "recorded checksum "), refused::describe);
            assertEquals(1, message.lines().filter(line -> line.contains("  - ")).count(), refused::describe);
            assertFalse(catalog.hasTable("public", "schema_migrations"));
        }
    }

    private static List<String> rows(Catalog catalog, String sql) {
        try (var connection = catalog.connect(); var statement = connection.createStatement(); var result = statement.executeQuery(sql)) {
            List<String> rows = new java.util.ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
