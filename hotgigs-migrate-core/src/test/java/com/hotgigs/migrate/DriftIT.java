package com.hotgigs.migrate;

import com.hotgigs.migrate.report.DriftJson;
import com.hotgigs.migrate.schema.EmbeddedReference;
import com.hotgigs.migrate.schema.SchemaDifference;
import com.hotgigs.migrate.testing.BinariesJar;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.hotgigs.migrate.Queries.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drift: a migrated database compared with its applied migrations replayed; reads only. */
class DriftIT {

    private static final String CANDIDATES = """
            CREATE TYPE candidate_status AS ENUM ('new', 'hired');
            CREATE TABLE candidates (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL,
                status candidate_status NOT NULL DEFAULT 'new');
            CREATE VIEW hired AS SELECT id, email FROM candidates WHERE status = 'hired';
            """;

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        migrations.write("001_candidates.sql", CANDIDATES);
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private Migrator migrator() {
        return new Migrator(migrations.configFor(database)
                .baseline(BaselineSettings.DEFAULTS.withReference(new EmbeddedReference(BinariesJar::of))).build());
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void anIndexMadeByHandIsDriftUntilItIsDroppedAndNothingIsWritten() throws SQLException {
        migrator().migrate();
        assertTrue(migrator().drift().clean());

        execute("CREATE INDEX candidates_email_by_hand ON candidates (email)");
        List<String> history = rows(database, "SELECT * FROM schema_migrations");
        DriftReport drifted = migrator().drift();

        assertEquals(List.of(new SchemaDifference("index public.candidates_email_by_hand", null,
                "CREATE INDEX candidates_email_by_hand ON public.candidates USING btree (email)", false)), drifted.drift());
        assertEquals("001", drifted.version());
        assertEquals(history, rows(database, "SELECT * FROM schema_migrations"));
        String json = DriftJson.render(drifted);
        assertTrue(json.startsWith("{\n  \"formatVersion\": 1,\n"), json);
        assertTrue(json.contains("\"drifted\": true"), json);
        assertTrue(json.contains("{\"object\": \"index public.candidates_email_by_hand\", \"expected\": null, "
                + "\"found\": \"CREATE INDEX candidates_email_by_hand ON public.candidates USING btree (email)\", \"extra\": false}"), json);

        execute("DROP INDEX candidates_email_by_hand");
        assertTrue(migrator().drift().clean());
    }

    @Test
    void changedEnumsViewsAndExtraTablesAreNamed() throws SQLException {
        migrator().migrate();
        execute("ALTER TYPE candidate_status ADD VALUE 'rejected'; CREATE OR REPLACE VIEW hired AS SELECT id, email FROM candidates; "
                + "CREATE TABLE audit (id int)");

        DriftReport drifted = migrator().drift();

        assertEquals(List.of("type public.candidate_status", "view public.hired"),
                drifted.drift().stream().map(SchemaDifference::object).toList());
        assertTrue(drifted.differences().stream().anyMatch(d -> d.extra() && d.object().equals("table public.audit")),
                drifted.differences().toString());
        assertEquals("enum ('new', 'hired', 'rejected')", drifted.drift().get(0).found());
    }

    @Test
    void aDatabaseThePluginNeverMigratedIsRefused() throws SQLException {
        execute(CANDIDATES);

        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> migrator().drift());

        assertEquals(ErrorCode.NO_HISTORY, refused.code());
        assertTrue(refused.getMessage().contains("hotgigs-migrate never migrated it"), refused.getMessage());
        assertTrue(refused.getMessage().contains("run hotgigs:baseline"), refused.getMessage());
        assertFalse(Queries.tableExists(database, "public.schema_migrations"));
    }

    @Test
    void anEditedAppliedMigrationStopsTheComparisonSayingSo() throws SQLException {
        migrator().migrate();
        migrations.write("001_candidates.sql", CANDIDATES + "-- edited\n");

        ValidationException refused = assertThrows(ValidationException.class, () -> migrator().drift());

        assertTrue(refused.getMessage().startsWith("Validation failed, so the schema was not compared (drift never writes):"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("001_candidates"), refused.getMessage());
    }
}
