package com.hotgigs.migrate;

import com.hotgigs.migrate.flyway.FlywayChecksum;
import com.hotgigs.migrate.migration.ScriptText;
import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.report.RecordingLog;
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
import java.util.Map;

import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.tableExists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Importing a flyway_schema_history of the shape Flyway creates on PostgreSQL, with rows as Flyway
 * writes them (FlywaySwitchIT in the it module has the real Flyway write them): failed rows, rows
 * without a file, newer rows and Flyway's baseline marker.
 */
class FlywayImportIT {

    private static final String FLYWAY_TABLE = """
            CREATE TABLE public.flyway_schema_history (installed_rank integer NOT NULL, version varchar(50),
              description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer,
              installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL,
              success boolean NOT NULL, CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank));
            CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history (success);
            """;
    private static final String ONE = "CREATE TABLE one (id int);\n";
    private static final String TWO = "CREATE TABLE two (id int);\n";

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() throws SQLException {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
        execute(FLYWAY_TABLE + ONE + TWO);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void flywayRow(int rank, String version, String type, String script, Integer checksum, boolean success)
            throws SQLException {
        execute("INSERT INTO flyway_schema_history VALUES (" + rank + ", " + (version == null ? "NULL" : "'" + version + "'")
                + ", 'x', '" + type + "', '" + script + "', " + checksum + ", 'flyway_user', timestamp '2024-01-26 10:00:00' + interval '1 minute' * "
                + (rank - 1) + ", 42, " + success + ")");
    }

    private static int crc(String sql) {
        return FlywayChecksum.of(ScriptText.of(sql));
    }

    @Test
    void failedRowsAreReportedNotImportedAndARepeatableWithoutAFileIsImportedAsMissing() throws SQLException {
        migrations.write("V1__one.sql", ONE).write("V2__two.sql", TWO);
        flywayRow(1, "1", "SQL", "V1__one.sql", crc(ONE), true);
        flywayRow(2, "2", "SQL", "V2__two.sql", crc(TWO), false);
        flywayRow(3, null, "SQL", "R__views.sql", 7, true);
        RecordingLog log = new RecordingLog();

        BaselineResult result = new Migrator(migrations.configFor(database).build(), new ProgressLog(log)).baseline();

        assertTrue(result.fromFlyway());
        assertEquals(List.of("1"), result.baselined().stream().map(MigrationInfo::version).toList());
        assertTrue(log.lines().contains("[WARNING] Flyway's failed attempt at version 2 (V2__two.sql) (rank 2) was not imported: "
                + "Flyway never applied it, so 2_two stays pending."), log.lines().toString());
        assertTrue(log.lines().contains("[WARNING] Flyway applied the repeatable R__views.sql (rank 3) but no local repeatable is "
                + "named R__views: its run is imported and shows as MISSING. What it created stays in the database; restore the "
                + "file if it should be kept up to date."), log.lines().toString());
        assertEquals(List.of("1|IMPORT|flyway_user|42|2024-01-26 10:00:00|1", "|REPEATABLE|flyway_user|42|2024-01-26 10:02:00|"
                        + "flyway-crc32:7"), rows(database, "SELECT coalesce(version, ''), kind, installed_by, execution_time_ms, "
                + "to_char(installed_on, 'YYYY-MM-DD HH24:MI:SS'), CASE WHEN kind = 'IMPORT' THEN '1' ELSE checksum END "
                + "FROM schema_migrations ORDER BY installed_rank"));
        assertEquals(List.of("1 APPLIED", "2 PENDING", "R__views MISSING"), new Migrator(migrations.configFor(database).build())
                .status().migrations().stream().map(m -> (m.repeatable() ? m.displayName() : m.version()) + " " + m.state())
                .toList());
        assertEquals("3", rows(database, "SELECT count(*) FROM flyway_schema_history").get(0));
    }

    @Test
    void aRepeatableWithFlywaysChecksumIsImportedAsAppliedAndAChangedOneAppliesOnTheNextMigrate() throws SQLException {
        // Flyway checksums a repeatable after placeholder replacement: with the same value, the text it checksummed is ours as sent.
        String grants = "CREATE OR REPLACE VIEW one_names AS SELECT id FROM one;\nCOMMENT ON VIEW one_names IS 'read by ${app_role}';\n";
        String grantsAsSent = grants.replace("${app_role}", "hotgigs_app");
        String twoNames = "CREATE OR REPLACE VIEW two_names AS SELECT id FROM two;\n";
        migrations.write("V1__one.sql", ONE).write("R__one_names.sql", grants)
                .write("R__two_names.sql", twoNames + "-- edited since Flyway ran it\n");
        flywayRow(1, "1", "SQL", "V1__one.sql", crc(ONE), true);
        flywayRow(2, null, "SQL", "R__one_names.sql", crc("an older text"), true);
        flywayRow(3, null, "SQL", "R__two_names.sql", crc(twoNames), true);
        flywayRow(4, null, "SQL", "R__one_names.sql", crc(grantsAsSent), true);
        execute(grantsAsSent + twoNames);
        RecordingLog log = new RecordingLog();
        MigratorConfig config = migrations.configFor(database).placeholders(Map.of("app_role", "hotgigs_app"))
                .baseline(BaselineSettings.DEFAULTS.withImportFlywayHistory(true)).build();

        MigrateResult result = new Migrator(config, new ProgressLog(log)).migrate();

        assertEquals(List.of("R__two_names"), result.applied().stream().map(MigrationInfo::displayName).toList());
        assertTrue(log.lines().contains("[INFO] Imported R__one_names from Flyway's history (its file matches Flyway's checksum)"),
                log.lines().toString());
        assertEquals(1, log.lines().stream().filter(l -> l.startsWith("[WARNING] filesystem:" + directory + "/R__two_names.sql "
                + "changed since Flyway last applied it (rank 3): Flyway recorded checksum " + crc(twoNames) + ", the file's, "
                + "placeholders replaced, is ")).count(), log.lines().toString());
        String oneNames = rows(database, "SELECT checksum FROM schema_migrations WHERE name = 'one_names'").get(0);
        assertEquals(List.of("1|IMPORT|flyway_user", "one_names|REPEATABLE|flyway_user|" + oneNames,
                        "two_names|REPEATABLE|flyway_user|flyway-crc32:" + crc(twoNames), "two_names|REPEATABLE|" + database.user()),
                rows(database, "SELECT concat_ws('|', coalesce(version, name), kind, installed_by, CASE WHEN checksum LIKE 'flyway%' "
                        + "OR name = 'one_names' THEN checksum END) FROM schema_migrations ORDER BY installed_rank"));
        assertEquals(List.of("4"), rows(database, "SELECT f.installed_rank FROM flyway_schema_history f JOIN schema_migrations s "
                + "ON s.installed_on = f.installed_on::timestamptz AND s.name = 'one_names'"), "the latest successful run is imported");
        MigrateResult again = new Migrator(config).migrate();
        assertEquals(List.of(), again.applied());
        assertEquals(List.of("1 APPLIED", "R__one_names APPLIED", "R__two_names APPLIED"), new Migrator(config).status().migrations()
                .stream().map(m -> (m.repeatable() ? m.displayName() : m.version()) + " " + m.state()).toList());

        MigrateResult otherValue = new Migrator(config.toBuilder().placeholders(Map.of("app_role", "reporting")).build()).migrate();
        assertEquals(List.of("R__one_names"), otherValue.applied().stream().map(MigrationInfo::displayName).toList(),
                "a changed placeholder value applies it again, as it would have under Flyway");
    }

    @Test
    void aFlywayHistoryOfRepeatableRunsOnlyIsImportedWithoutAVersion() throws SQLException {
        String views = "CREATE OR REPLACE VIEW one_ids AS SELECT id FROM one;\n";
        migrations.write("R__views.sql", views);
        flywayRow(1, null, "SQL", "R__views.sql", crc(views), true);
        execute(views);

        BaselineResult result = new Migrator(migrations.configFor(database).build()).baseline();

        assertEquals(null, result.version());
        assertEquals(List.of("R__views"), result.baselined().stream().map(MigrationInfo::displayName).toList());
        assertEquals(List.of(), new Migrator(migrations.configFor(database).build()).migrate().applied());
    }

    @Test
    void migrateOfRepeatablesOnlyOnAFlywayDatabaseImportsTheirRunsOrRefusesAsForVersionedFiles() throws SQLException {
        String views = "CREATE OR REPLACE VIEW one_ids AS SELECT id FROM one;\n";
        migrations.write("R__views.sql", views);
        flywayRow(1, null, "SQL", "R__views.sql", crc(views), true);
        execute(views);

        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> new Migrator(migrations.configFor(database).build()).migrate());
        assertEquals(ErrorCode.SCHEMA_NOT_EMPTY, refused.code());
        assertTrue(refused.getMessage().contains("-Dhotgigs.importFlywayHistory=true"), refused.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));

        MigrateResult result = new Migrator(migrations.configFor(database)
                .baseline(BaselineSettings.DEFAULTS.withImportFlywayHistory(true)).build()).migrate();

        assertEquals(List.of(), result.applied());
        assertEquals(List.of("views|REPEATABLE|flyway_user"), rows(database, "SELECT concat_ws('|', name, kind, installed_by) "
                + "FROM schema_migrations"));
    }

    @Test
    void rowsNewerThanEveryFileAndRowsWithoutAFileAreRefusedBeforeAnythingIsWritten() throws SQLException {
        migrations.write("V1__one.sql", ONE).write("V3__three.sql", "SELECT 3;\n");
        flywayRow(1, "1", "SQL", "V1__one.sql", crc(ONE), true);
        flywayRow(2, "2", "SQL", "V2__two.sql", crc(TWO), true);
        flywayRow(3, "4", "SQL", "V4__four.sql", 4, true);

        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> new Migrator(migrations.configFor(database).baseline(BaselineSettings.DEFAULTS.withImportFlywayHistory(true))
                        .build()).migrate());

        assertEquals(ErrorCode.FLYWAY_IMPORT_REFUSED, refused.code());
        assertTrue(refused.getMessage().contains("- Flyway applied version 2 (V2__two.sql) but no local migration has version 2."),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("- Flyway applied version 4 (V4__four.sql), newer than every local migration "
                + "(the newest is 3)"), refused.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));
    }

    @Test
    void filesUpToAFlywayBaselineAreBaselinedAndTheRestImported() throws SQLException {
        migrations.write("V1__one.sql", ONE).write("V2__two.sql", TWO).write("V3__three.sql", "CREATE TABLE three (id int);\n");
        flywayRow(1, "1", "BASELINE", "<< Flyway Baseline >>", null, true);
        flywayRow(2, "2", "SQL", "V2__two.sql", crc(TWO), true);

        MigrateResult result = new Migrator(migrations.configFor(database)
                .baseline(BaselineSettings.DEFAULTS.withImportFlywayHistory(true)).build()).migrate();

        assertEquals(List.of("3"), result.applied().stream().map(MigrationInfo::version).toList());
        assertEquals(List.of("1|BASELINE", "2|IMPORT", "3|MIGRATION"),
                rows(database, "SELECT version, kind FROM schema_migrations ORDER BY installed_rank"));
        assertEquals(List.of("1 BASELINE", "2 APPLIED", "3 APPLIED"), new Migrator(migrations.configFor(database).build()).status()
                .migrations().stream().map(m -> m.version() + " " + m.state()).toList());
    }

    @Test
    void flywaysSchemaCreationRowIsNoMigrationAndIsNotImported() throws SQLException {
        migrations.write("V1__one.sql", ONE);
        // What Flyway writes first when it created the schema itself (flyway.createSchemas, the default).
        flywayRow(0, null, "SCHEMA", "\"public\"", null, true);
        flywayRow(1, "1", "SQL", "V1__one.sql", crc(ONE), true);
        RecordingLog log = new RecordingLog();
        MigratorConfig config = migrations.configFor(database).baseline(BaselineSettings.DEFAULTS.withImportFlywayHistory(true)).build();

        MigrateResult result = new Migrator(config, new ProgressLog(log)).migrate();

        assertEquals(List.of(), result.applied());
        assertEquals(List.of("1|IMPORT"), rows(database, "SELECT concat_ws('|', coalesce(version, name), kind) FROM schema_migrations"));
        assertEquals(List.of(), log.lines().stream().filter(line -> line.startsWith("[WARNING]")).toList());
        assertEquals(List.of("1 APPLIED"), new Migrator(config).status().migrations().stream()
                .map(m -> (m.repeatable() ? m.displayName() : m.version()) + " " + m.state()).toList());
    }

    @Test
    void aMigrationFlywaysRepairMarkedDeletedIsImportedAsDeleted() throws SQLException {
        String gone = "CREATE TABLE gone (id int);\n";
        migrations.write("V1__one.sql", ONE).write("V2__two.sql", TWO);
        flywayRow(1, "1", "SQL", "V1__one.sql", crc(ONE), true);
        flywayRow(2, "1.5", "SQL", "V1_5__gone.sql", crc(gone), true);
        flywayRow(3, "2", "SQL", "V2__two.sql", crc(TWO), true);
        flywayRow(4, null, "SQL", "R__old_views.sql", 9, true);
        // What flyway repair writes once V1_5__gone.sql and R__old_views.sql were removed.
        flywayRow(5, "1.5", "DELETE", "V1_5__gone.sql", crc(gone), true);
        flywayRow(6, null, "DELETE", "R__old_views.sql", 9, true);
        RecordingLog log = new RecordingLog();
        MigratorConfig config = migrations.configFor(database).baseline(BaselineSettings.DEFAULTS.withImportFlywayHistory(true)).build();

        MigrateResult result = new Migrator(config, new ProgressLog(log)).migrate();

        assertEquals(List.of(), result.applied());
        assertTrue(log.lines().contains("[WARNING] Flyway's repair marked version 1.5 (V1_5__gone.sql) deleted (rank 5): it is "
                + "imported as applied and marked deleted, as hotgigs:repair marks a migration whose file was removed on purpose."),
                log.lines().toString());
        assertTrue(log.lines().contains("[WARNING] Flyway's repair marked the repeatable R__old_views.sql deleted (rank 6): its runs "
                + "were not imported."), log.lines().toString());
        assertEquals(List.of("1|IMPORT|one|flyway_user|2024-01-26 10:00:00", "2|IMPORT|two|flyway_user|2024-01-26 10:02:00",
                        "1.5|IMPORT|gone|flyway_user|2024-01-26 10:01:00|flyway-crc32:" + crc(gone),
                        "1.5|DELETED|gone|flyway_user|2024-01-26 10:04:00|flyway-crc32:" + crc(gone)),
                rows(database, "SELECT concat_ws('|', version, kind, name, installed_by, to_char(installed_on, 'YYYY-MM-DD HH24:MI:SS'), "
                        + "CASE WHEN version = '1.5' THEN checksum END) FROM schema_migrations ORDER BY installed_rank"));
        assertEquals(List.of("1 APPLIED", "1.5 DELETED", "2 APPLIED"), new Migrator(config).status().migrations().stream()
                .map(m -> m.version() + " " + m.state()).toList());
        assertTrue(new Migrator(config).validate(true).valid());
        assertEquals(List.of(), new Migrator(config).migrate().applied());
    }

    @Test
    void statusAndValidateSayThatMigrateRefusesADatabaseWithFlywaysHistoryOnly() throws SQLException {
        migrations.write("V1__one.sql", ONE).write("V2__two.sql", TWO);
        flywayRow(1, "1", "SQL", "V1__one.sql", crc(ONE), true);
        String refusal = "hotgigs:migrate refuses this database (SCHEMA_NOT_EMPTY): Database " + database.name() + " has Flyway's "
                + "history (public.flyway_schema_history) but no history table public.schema_migrations: migrating would run "
                + "every migration again. Take over Flyway's history with mvn hotgigs:baseline, or let migrate do it first with "
                + "-Dhotgigs.importFlywayHistory=true: each file is checked against the checksum Flyway recorded, and Flyway's "
                + "table is left as it is.";

        ValidationReport validation = new Migrator(migrations.configFor(database).build()).validate(false);
        assertEquals(List.of(refusal), validation.problems());
        RecordingLog log = new RecordingLog();
        new Migrator(migrations.configFor(database).build(), new ProgressLog(log)).status();
        assertTrue(log.lines().contains("[WARNING] " + refusal), log.lines().toString());

        assertTrue(new Migrator(migrations.configFor(database).baseline(BaselineSettings.DEFAULTS.withImportFlywayHistory(true))
                .build()).validate(false).valid(), "migrate would import Flyway's history first");
        assertFalse(tableExists(database, "public.schema_migrations"));
    }
}
