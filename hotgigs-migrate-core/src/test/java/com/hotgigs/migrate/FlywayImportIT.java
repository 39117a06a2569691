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
                + ", 'x', '" + type + "', '" + script + "', " + checksum + ", 'flyway_user', '2024-01-26 10:00:00', 42, " + success + ")");
    }

    private static int crc(String sql) {
        return FlywayChecksum.of(ScriptText.of(sql));
    }

    @Test
    void failedRowsAndRepeatableRunsAreReportedNotImported() throws SQLException {
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
        assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("[WARNING] Flyway's run of the repeatable R__views.sql (rank 3) "
                + "was not imported")), log.lines().toString());
        assertEquals(List.of("1|IMPORT|flyway_user|42|2024-01-26 10:00:00"), rows(database, "SELECT version, kind, installed_by, "
                + "execution_time_ms, to_char(installed_on, 'YYYY-MM-DD HH24:MI:SS') FROM schema_migrations"));
        assertEquals("3", rows(database, "SELECT count(*) FROM flyway_schema_history").get(0));
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
}
