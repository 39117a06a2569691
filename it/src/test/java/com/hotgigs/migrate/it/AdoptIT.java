package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A HotGigs database built the database guide's manual way (psql -f 001, then 002) adopted by real
 * builds: migrate refuses it, a verified baseline records it, and a new migration applies alone; a
 * hand-made difference refuses the baseline, naming it; drift finds an index made by hand.
 */
class AdoptIT {

    private static final Path HOTGIGS = BuildEnvironment.reactorRoot().resolve("hotgigs-schema/src/main/resources/db/hotgigs");
    private static final List<String> SCRIPTS = List.of("001_initial_schema.sql", "002_comprehensive_ats_system.sql");
    private static final String OFFERS = "CREATE TABLE offers (id bigint PRIMARY KEY, application_id bigint NOT NULL);\n";

    private static SampleProject hotgigsProject(String purpose) {
        SampleProject project = SampleProject.copy("app", purpose);
        for (String script : SCRIPTS) {
            project.file("migrations/" + script, read(HOTGIGS.resolve(script)));
        }
        return project;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void applyWithPsql(TestDatabase db) {
        SCRIPTS.forEach(script -> Psql.runFile(db.url(), HOTGIGS.resolve(script)));
    }

    @Test
    void aSchemaAppliedWithPsqlIsRefusedByMigrateThenBaselinedAndMigratedOn() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            applyWithPsql(db);
            SampleProject project = hotgigsProject("adopt-psql");

            BuildResult refused = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("refused.log").run();
            assertTrue(refused.failed(), refused::describe);
            assertTrue(refused.errorMessage().contains("Schema public of database " + db.name() + " has objects ("), refused::describe);
            assertTrue(refused.errorMessage().contains("but no history table public.schema_migrations"), refused::describe);
            assertTrue(refused.errorMessage().contains("mvn hotgigs:baseline"), refused::describe);
            assertFalse(refused.hasStackTrace(), refused::describe);
            assertFalse(catalog.hasTable("public", "schema_migrations"));

            BuildResult baseline = project.build().args("hotgigs:baseline").property("hotgigs.url", db.url()).log("baseline.log").run();
            assertTrue(baseline.succeeded(), baseline::describe);
            assertEquals(1, baseline.count("[INFO] Baselined 001_initial_schema (recorded as applied, not run)"), baseline::describe);
            assertEquals(1, baseline.count("[INFO] Baselined 002_comprehensive_ats_system (recorded as applied, not run)"),
                    baseline::describe);
            assertEquals(1, baseline.linesContaining("[INFO] Baselined 2 migrations up to 002; the schema matches the migrations "
                    + "replayed (").size(), baseline::describe);
            assertEquals(List.of("hotgigs: 2 applied, 0 pending, 0 failed; schema at 002"), baseline.summaries(), baseline::describe);

            project.file("migrations/003_offers.sql", OFFERS);
            BuildResult migrated = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("migrate.log").run();
            assertTrue(migrated.succeeded(), migrated::describe);
            assertEquals(1, migrated.count("[INFO] Applying 003_offers"), migrated::describe);
            assertEquals(1, migrated.linesContaining("[INFO] Applying ").size(), migrated::describe);
            assertEquals(List.of("hotgigs: 3 applied, 0 pending, 0 failed; schema at 003"), migrated.summaries(), migrated::describe);

            BuildResult status = project.build().args("hotgigs:status").property("hotgigs.url", db.url())
                    .property("hotgigs.statusFile", "target/status.json").log("status.log").run();
            assertTrue(status.succeeded(), status::describe);
            String json = read(project.directory().resolve("target/status.json"));
            assertEquals(List.of("BASELINE", "BASELINE", "APPLIED"), states(json), json);
            assertEquals(List.of("001|BASELINE", "002|BASELINE", "003|MIGRATION"), kinds(catalog));
        }
    }

    @Test
    void aHandMadeDifferenceRefusesTheVerifiedBaselineNamingIt() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            applyWithPsql(db);
            catalog.execute("DROP INDEX idx_users_role");
            catalog.execute("ALTER TABLE users ALTER COLUMN role SET DEFAULT 'admin'");
            catalog.execute("ALTER TABLE candidates ADD COLUMN nickname text");
            SampleProject project = hotgigsProject("adopt-differs");

            BuildResult refused = project.build().args("hotgigs:baseline").property("hotgigs.url", db.url()).log("refused.log").run();

            assertTrue(refused.failed(), refused::describe);
            assertFalse(refused.hasStackTrace(), refused::describe);
            String message = refused.errorMessage();
            assertTrue(message.contains("Baseline refused: the schema of database " + db.name()), refused::describe);
            assertTrue(message.contains("3 differences. Nothing was recorded."), refused::describe);
            assertTrue(message.contains("- column public.candidates.nickname is not created by the migrations (found: text)"),
                    refused::describe);
            assertTrue(message.contains("- column public.users.role differs: expected text DEFAULT 'recruiter'::text NOT NULL, "
                    + "found text DEFAULT 'admin'::text NOT NULL"), refused::describe);
            assertTrue(message.contains("- index public.idx_users_role is missing (expected: CREATE INDEX idx_users_role ON "
                    + "public.users USING btree (role))"), refused::describe);
            assertEquals(3, message.lines().filter(line -> line.contains("  - ")).count(), refused::describe);
            assertFalse(catalog.hasTable("public", "schema_migrations"));
        }
    }

    @Test
    void driftFindsAnIndexMadeByHandAndIsCleanOnceItIsDropped() {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            SampleProject project = hotgigsProject("drift");
            assertTrue(project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("migrate.log").run().succeeded());
            catalog.execute("CREATE INDEX candidates_by_hand ON candidates (created_at)");

            BuildResult drifted = project.build().args("hotgigs:drift").property("hotgigs.url", db.url())
                    .property("hotgigs.driftFile", "target/drift.json").log("drifted.log").run();
            assertTrue(drifted.failed(), drifted::describe);
            assertEquals(1, drifted.count("[WARNING] index public.candidates_by_hand is not created by the migrations (found: "
                    + "CREATE INDEX candidates_by_hand ON public.candidates USING btree (created_at))"), drifted::describe);
            assertTrue(drifted.errorMessage().contains("Schema drift: database " + db.name() + " differs from its migrations in 1 place"),
                    drifted::describe);
            String json = read(project.directory().resolve("target/drift.json"));
            assertTrue(json.contains("\"formatVersion\": 1") && json.contains("\"drifted\": true")
                    && json.contains("\"object\": \"index public.candidates_by_hand\""), json);

            catalog.execute("DROP INDEX candidates_by_hand");
            BuildResult clean = project.build().args("hotgigs:drift").property("hotgigs.url", db.url()).log("clean.log").run();
            assertTrue(clean.succeeded(), clean::describe);
            assertEquals(1, clean.linesContaining("[INFO] No drift: ").size(), clean::describe);
            assertEquals(List.of("001", "002"), catalog.successfulVersions(), "drift wrote nothing");
        }
    }

    private static List<String> states(String statusJson) {
        return statusJson.lines().filter(line -> line.contains("\"state\": "))
                .map(line -> line.replaceAll(".*\"state\": \"([A-Z_]+)\".*", "$1")).toList();
    }

    private static List<String> kinds(Catalog catalog) {
        try (var connection = catalog.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT version, kind FROM public.schema_migrations ORDER BY installed_rank")) {
            List<String> kinds = new java.util.ArrayList<>();
            while (rows.next()) {
                kinds.add(rows.getString(1) + "|" + rows.getString(2));
            }
            return kinds;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
