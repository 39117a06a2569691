package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three tenant schemas built with psql adopted by one real build (hotgigs:baseline on
 * hotgigs.schemas), then checked by another (hotgigs:drift): each tenant is compared alone, and
 * only the tenant with an index made by hand is reported and fails the build.
 */
class FleetAdoptIT {

    private static final String CANDIDATES = """
            CREATE TABLE candidates (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            CREATE VIEW recent AS SELECT id, email FROM candidates WHERE created_at > now() - interval '7 days';
            """;
    private static final List<String> TENANTS = List.of("tenant_a", "tenant_b", "tenant_c");

    @Test
    void threeTenantsBuiltWithPsqlAreBaselinedInOneBuildAndDriftNamesOnlyTheOneChangedByHand() throws IOException {
        try (TestDatabase db = TestDatabase.create()) {
            Catalog catalog = new Catalog(db.url());
            SampleProject project = SampleProject.copy("app", "fleet-adopt").file("migrations/001_candidates.sql", CANDIDATES);
            for (String tenant : TENANTS) {
                Path script = project.directory().resolve(tenant + ".psql");
                Files.writeString(script, "CREATE SCHEMA " + tenant + ";\nSET search_path TO " + tenant + ";\n" + CANDIDATES);
                Psql.runFile(db.url(), script);
            }

            BuildResult baseline = project.build().args("hotgigs:baseline").property("hotgigs.url", db.url())
                    .property("hotgigs.schemas", String.join(",", TENANTS)).log("baseline.log").run();

            assertTrue(baseline.succeeded(), baseline::describe);
            for (String tenant : TENANTS) {
                assertEquals(1, baseline.lines().stream().filter(line -> line.matches("\\[INFO] " + tenant + ": baselined 1 migration up "
                        + "to 001, schema matches, at 001, 0 pending, 0 failed \\([123]/3\\)")).count(), baseline::describe);
                assertEquals(1, catalog.count("SELECT count(*) FROM " + tenant + ".schema_migrations WHERE kind = 'BASELINE'"), tenant);
            }
            assertEquals(1, baseline.lines().stream().filter(line -> line.matches("\\[INFO] hotgigs: 3 targets, 3 done, 0 failed, "
                    + "0 not started; 0 migrations applied in \\d+ ms")).count(), baseline::describe);
            assertFalse(catalog.hasTable("public", "schema_migrations"));

            catalog.execute("CREATE INDEX candidates_by_hand ON tenant_b.candidates (created_at)");
            BuildResult drift = project.build().args("hotgigs:drift").property("hotgigs.url", db.url())
                    .property("hotgigs.schemas", String.join(",", TENANTS)).log("drift.log").run();

            assertTrue(drift.failed(), drift::describe);
            assertFalse(drift.hasStackTrace(), drift::describe);
            assertEquals(1, drift.count("[WARNING] tenant_b: index tenant_b.candidates_by_hand is not created by the migrations "
                    + "(found: CREATE INDEX candidates_by_hand ON tenant_b.candidates USING btree (created_at))"), drift::describe);
            assertEquals(1, drift.linesContaining(" is not created by the migrations").size(), drift::describe);
            assertEquals(2, drift.lines().stream().filter(line -> line.matches("\\[INFO] tenant_[ac]: no drift \\(\\d+ objects "
                    + "compared\\), at 001, 0 pending, 0 failed \\([123]/3\\)")).count(), drift::describe);
            assertTrue(drift.errorMessage().contains("1 of 3 targets failed; the others are done:"), drift::describe);
            assertTrue(drift.errorMessage().contains("  - tenant_b: Schema drift: database " + db.name()
                    + " differs from its migrations in 1 place."), drift::describe);
            // Not migrate's "only what is still pending is applied": drift compares every target again.
            assertTrue(drift.errorMessage().contains("Fix them and run the goal again."), drift::describe);
            String json = read(project.directory().resolve("target/hotgigs-reports/drift-targets.json"));
            assertTrue(json.contains("{\"target\": \"tenant_b\", \"kind\": \"SCHEMA\", \"state\": \"FAILED\""), json);
            assertTrue(json.contains("\"problems\": [\"index tenant_b.candidates_by_hand is not created by the migrations"), json);
            assertEquals(2, json.lines().filter(line -> line.contains("\"state\": \"OK\"")).count(), json);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
