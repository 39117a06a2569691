package com.hotgigs.migrate;

import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.report.RecordingLog;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A history table of the first released format (as the plugin up to the history format 2 created
 * it) is upgraded in place by the first run that writes, once, and keeps its rows and meaning.
 */
class HistoryUpgradeIT {

    /** The table exactly as the first released format created it, with rows as that plugin wrote them. */
    private static final String RELEASED_FORMAT_1 = """
            CREATE TABLE public.schema_migrations (installed_rank integer PRIMARY KEY, version text NOT NULL,
              name text NOT NULL, script text NOT NULL, checksum text NOT NULL, installed_by text NOT NULL,
              installed_on timestamptz NOT NULL DEFAULT pg_catalog.now(), execution_time_ms integer NOT NULL,
              success boolean NOT NULL, error text);
            CREATE UNIQUE INDEX schema_migrations_applied_version ON public.schema_migrations (version) WHERE success;
            COMMENT ON TABLE public.schema_migrations IS 'hotgigs-migrate history: one row per attempt to apply a migration';
            """;
    private static final String CANDIDATES = "CREATE TABLE candidates (id bigint PRIMARY KEY);\n";

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aReleasedFormatTableIsUpgradedOnceByTheFirstRunThatWrites() throws SQLException {
        migrations.write("001_candidates.sql", CANDIDATES);
        migrateWithReleasedFormat();
        migrations.write("002_jobs.sql", "CREATE TABLE jobs (id bigint PRIMARY KEY);\n");

        // Reading goals read the old format and change nothing.
        StatusReport before = migrations.migratorFor(database).status();
        assertEquals(List.of("001 APPLIED", "002 PENDING"), states(before));
        assertEquals("10", value(database, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'schema_migrations'::regclass AND attnum > 0"));

        RecordingLog log = new RecordingLog();
        MigrateResult result = new Migrator(migrations.configFor(database).build(), new ProgressLog(log)).migrate();

        assertEquals(1, result.applied().size());
        assertTrue(log.lines().contains("[INFO] Upgraded history table public.schema_migrations from format 1 to format 2: "
                + "added columns kind (existing rows are migration attempts) and previous_checksum"), log.lines().toString());
        assertEquals(List.of("1|001|t|MIGRATION", "2|002|t|MIGRATION"),
                rows(database, "SELECT installed_rank, version, success, kind FROM schema_migrations ORDER BY installed_rank"));
        assertTrue(value(database, "SELECT obj_description('schema_migrations'::regclass, 'pg_class')")
                .startsWith("hotgigs-migrate history format 2:"));
        assertEquals("CREATE UNIQUE INDEX schema_migrations_applied_version ON public.schema_migrations USING btree (version) "
                        + "WHERE (success AND (kind = ANY (ARRAY['MIGRATION'::text, 'BASELINE'::text, 'IMPORT'::text])))",
                value(database, "SELECT pg_get_indexdef('schema_migrations_applied_version'::regclass)"));
        assertEquals("f", value(database, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'schema_migrations'::regclass "
                + "AND attname = 'version'"));

        migrations.write("003_offers.sql", "CREATE TABLE offers (id bigint PRIMARY KEY);\n");
        RecordingLog second = new RecordingLog();
        new Migrator(migrations.configFor(database).build(), new ProgressLog(second)).migrate();
        assertTrue(second.lines().stream().noneMatch(line -> line.contains("Upgraded")), second.lines().toString());
        assertEquals("3", value(database, "SELECT count(*) FROM schema_migrations WHERE kind = 'MIGRATION' AND success"));
    }

    @Test
    void theSeedsRecoverySqlKeepsItsMeaningAfterTheUpgrade() throws SQLException {
        migrations.write("001_candidates.sql", CANDIDATES).write("002_broken.sql", "SELECT 1/0;\n");
        migrateWithReleasedFormat();
        assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());
        assertEquals(List.of("001|t", "002|f"), rows(database, "SELECT version, success FROM schema_migrations ORDER BY installed_rank"));

        execute("DELETE FROM schema_migrations WHERE version = '002'");
        assertEquals(List.of("001 APPLIED", "002 PENDING"), states(migrations.migratorFor(database).status()));
        execute("TRUNCATE schema_migrations");
        assertEquals(List.of("001 PENDING", "002 PENDING"), states(migrations.migratorFor(database).status()));
    }

    @Test
    void theUniqueIndexRefusesASecondApplicationButLetsARepairRowShareTheVersion() throws SQLException {
        migrations.write("001_candidates.sql", CANDIDATES);
        migrations.migratorFor(database).migrate();

        execute("INSERT INTO schema_migrations (installed_rank, version, name, script, checksum, installed_by, execution_time_ms, "
                + "success, kind, previous_checksum) VALUES (2, '001', 'candidates', '001_candidates.sql', 'new', 'me', 0, true, "
                + "'REPAIR', 'old')");
        SQLException duplicate = assertThrows(SQLException.class, () -> execute("INSERT INTO schema_migrations (installed_rank, "
                + "version, name, script, checksum, installed_by, execution_time_ms, success) VALUES (3, '001', 'candidates', "
                + "'001_candidates.sql', 'x', 'me', 0, true)"));
        assertEquals("23505", duplicate.getSQLState());
        SQLException noVersion = assertThrows(SQLException.class, () -> execute("INSERT INTO schema_migrations (installed_rank, "
                + "name, script, checksum, installed_by, execution_time_ms, success) VALUES (3, 'x', 'x.sql', 'x', 'me', 0, true)"));
        assertEquals("23514", noVersion.getSQLState());
    }

    @Test
    void aTableWrittenByANewerFormatIsRefusedAndLeftUntouched() throws SQLException {
        migrations.write("001_candidates.sql", CANDIDATES).write("002_jobs.sql", "CREATE TABLE jobs (id bigint);\n");
        migrations.migratorFor(database).migrate();
        migrations.write("003_offers.sql", "CREATE TABLE offers (id bigint);\n");
        execute("ALTER TABLE schema_migrations ADD COLUMN environment text");
        execute("COMMENT ON TABLE schema_migrations IS 'hotgigs-migrate history format 3: from the future'");

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.NEWER_HISTORY_FORMAT, failure.code());
        assertEquals("History table public.schema_migrations was written by a newer hotgigs-migrate (history format 3; this "
                + "version reads formats 1 to 2). It was left untouched. Use the hotgigs-migrate version that last migrated "
                + "this database, or a newer one.", failure.getMessage());
        assertEquals("2", value(database, "SELECT count(*) FROM schema_migrations"));
        assertEquals("f", value(database, "SELECT to_regclass('offers') IS NOT NULL"));
    }

    private void migrateWithReleasedFormat() throws SQLException {
        execute(RELEASED_FORMAT_1 + "CREATE TABLE candidates (id bigint PRIMARY KEY);"
                + "INSERT INTO schema_migrations (installed_rank, version, name, script, checksum, installed_by, execution_time_ms, success) "
                + "VALUES (1, '001', 'candidates', '001_candidates.sql', '" + sha256(CANDIDATES) + "', 'postgres', 3, true)");
    }

    private void execute(String sql) throws SQLException {
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> states(StatusReport status) {
        return status.migrations().stream().map(m -> m.version() + " " + m.state()).toList();
    }

    private static String sha256(String text) {
        return com.hotgigs.migrate.migration.Checksum.of(com.hotgigs.migrate.migration.ScriptText.of(text)).hex();
    }
}
