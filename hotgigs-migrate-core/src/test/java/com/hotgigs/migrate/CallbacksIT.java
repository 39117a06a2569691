package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import com.hotgigs.migrate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.tableExists;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallbacksIT {

    /** Records, when the table exists, which script wrote the row and in which transaction. */
    private static final String NOTE = "DO $$ BEGIN IF to_regclass('public.tx') IS NOT NULL THEN "
            + "INSERT INTO tx VALUES ('%s', pg_catalog.txid_current()); END IF; END $$;\n";

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private final List<String> told = new ArrayList<>();
    private final MigrationListener recording = new MigrationListener() {
        @Override
        public void applying(MigrationInfo migration) {
            told.add("Applying " + migration.displayName());
        }

        @Override
        public void applied(MigrationInfo migration) {
            told.add("Applied " + migration.displayName());
        }

        @Override
        public void callbackRunning(String name, String migration) {
            told.add("Running callback " + name + (migration == null ? "" : " for " + migration));
        }

        @Override
        public void warning(String message) {
            told.add("WARN " + message);
        }
    };

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private Migrator migrator() {
        return new Migrator(migrations.configFor(database).build(), recording);
    }

    @Test
    void callbacksRunInTheirOrderAndEachMigrationOnesInItsTransaction() throws SQLException {
        migrations.write("001_tx.sql", "CREATE TABLE tx (script text, txid bigint);\n")
                .write("002_jobs.sql", "CREATE TABLE jobs (id int);\n" + NOTE.formatted("002_jobs"))
                .write("beforeMigrate.sql", "SELECT 1;\n")
                .write("beforeEachMigrate.sql", NOTE.formatted("beforeEachMigrate"))
                .write("afterEachMigrate__note.sql", NOTE.formatted("afterEachMigrate"))
                .write("afterMigrate.sql", NOTE.formatted("afterMigrate"));

        migrator().migrate();

        assertEquals(List.of("Running callback beforeMigrate",
                "Applying 001_tx", "Running callback beforeEachMigrate for 001_tx", "Running callback afterEachMigrate__note for 001_tx",
                "Applied 001_tx",
                "Applying 002_jobs", "Running callback beforeEachMigrate for 002_jobs", "Running callback afterEachMigrate__note for 002_jobs",
                "Applied 002_jobs",
                "Running callback afterMigrate"), told);
        // 001 made the table, so its afterEachMigrate wrote the first row, in 001's transaction.
        List<String> notes = rows(database, "SELECT script, txid FROM tx ORDER BY txid, script");
        assertEquals(5, notes.size(), notes.toString());
        String tx001 = notes.get(0).split("\\|")[1];
        String tx002 = notes.get(1).split("\\|")[1];
        assertEquals(List.of("afterEachMigrate|" + tx001, "002_jobs|" + tx002, "afterEachMigrate|" + tx002,
                "beforeEachMigrate|" + tx002), notes.subList(0, 4));
        assertTrue(notes.get(4).startsWith("afterMigrate|") && !notes.get(4).endsWith("|" + tx002), notes.toString());
        assertEquals(List.of("001|tx|MIGRATION", "002|jobs|MIGRATION"),
                rows(database, "SELECT version, name, kind FROM schema_migrations ORDER BY installed_rank"));
    }

    @Test
    void callbacksOfOneNameInTwoLocationsBothRunAndAreToldApart(@TempDir Path shared) throws SQLException, IOException {
        Files.writeString(shared.resolve("afterMigrate.sql"), "CREATE TABLE from_shared (id int);\n");
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n").write("afterMigrate.sql", "CREATE TABLE from_own (id int);\n")
                .write("beforeMigrate.sql", "SELECT 1;\n");

        new Migrator(migrations.configFor(database).locations(List.of("filesystem:" + directory, "filesystem:" + shared)).build(),
                recording).migrate();

        // One file name in two locations: both run, in the order of their paths.
        List<String> afterMigrate = java.util.stream.Stream.of("filesystem:" + directory, "filesystem:" + shared).sorted()
                .map(location -> "Running callback afterMigrate from " + location).toList();
        assertEquals(List.of("Running callback beforeMigrate", "Applying 001_jobs", "Applied 001_jobs",
                afterMigrate.get(0), afterMigrate.get(1)), told);
        assertTrue(tableExists(database, "from_own") && tableExists(database, "from_shared"));
    }

    @Test
    void aFailingAfterEachMigrateRollsItsMigrationBackAndNamesTheCallbacksLine() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                .write("afterEachMigrate.sql", "-- a check every migration must pass\nSELECT 1 / (SELECT count(*) FROM pg_class WHERE relname = 'nothing');\n");

        CallbackFailedException e = assertThrows(CallbackFailedException.class, () -> migrator().migrate());

        assertEquals(ErrorCode.CALLBACK_FAILED, e.code());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("Migration 001_jobs failed: its callback afterEachMigrate failed at filesystem:"
                + directory + "/afterEachMigrate.sql line 2, column 1:"), e.getMessage());
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
        assertFalse(tableExists(database, "jobs"));
        assertEquals(List.of("001|f"), rows(database, "SELECT version, success FROM schema_migrations"));
        assertTrue(value(database, "SELECT error FROM schema_migrations").startsWith("callback afterEachMigrate at filesystem:"),
                value(database, "SELECT error FROM schema_migrations"));
    }

    @Test
    void aFailingBeforeEachMigrateRollsItsMigrationBackAndTheNextRunRetriesIt() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                .write("beforeEachMigrate.sql", "SELECT no_such_function();\n")
                .write("afterEachMigrateError.sql", "SELECT 1;\n");

        CallbackFailedException e = assertThrows(CallbackFailedException.class, () -> migrator().migrate());

        assertTrue(e.getMessage().contains("its callback beforeEachMigrate failed at filesystem:" + directory
                + "/beforeEachMigrate.sql line 1, column 8:"), e.getMessage());
        assertTrue(told.contains("Running callback afterEachMigrateError for 001_jobs"), told.toString());
        assertFalse(tableExists(database, "jobs"));

        migrations.write("beforeEachMigrate.sql", "SELECT 1;\n");
        migrator().migrate();

        assertTrue(tableExists(database, "jobs"));
        assertEquals(List.of("001|f", "001|t"), rows(database, "SELECT version, success FROM schema_migrations ORDER BY installed_rank"));
    }

    @Test
    void anAfterMigrateGrantsWithARolePlaceholderOnEveryMigrate() throws SQLException {
        String role = database.name() + "_app";
        admin("CREATE ROLE " + role + " NOLOGIN");
        try {
            migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                    .write("afterMigrate__grants.sql", "GRANT SELECT ON ALL TABLES IN SCHEMA ${hotgigs:schema} TO ${app_role};\n");
            Migrator migrator = new Migrator(migrations.configFor(database).placeholders(Map.of("app_role", role)).build(), recording);
            migrator.migrate();
            assertEquals("t", value(database, "SELECT has_table_privilege('" + role + "', 'jobs', 'SELECT')"));

            // A table made outside the migrations is granted by the next migrate, which has nothing to apply.
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE made_by_hand (id int)");
            }
            told.clear();
            MigrateResult again = migrator.migrate();

            assertTrue(again.applied().isEmpty());
            assertEquals(List.of("Running callback afterMigrate__grants"), told);
            assertEquals("t", value(database, "SELECT has_table_privilege('" + role + "', 'made_by_hand', 'SELECT')"));
            assertEquals("1", value(database, "SELECT count(*) FROM schema_migrations"));
        } finally {
            database.close();
            admin("DROP ROLE " + role);
            database = TestDatabase.create();
        }
    }

    @Test
    void aFailingBeforeMigrateLeavesAFreshDatabaseAsItWasWithoutAHistoryTable() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                .write("beforeMigrate.sql", "-- the precondition\nSELECT 1 / 0;\n")
                .write("afterMigrateError.sql", "SELECT 1;\n");

        CallbackFailedException e = assertThrows(CallbackFailedException.class, () -> migrator().migrate());

        assertTrue(e.getMessage().contains("beforeMigrate.sql line 2"), e.getMessage());
        assertTrue(told.contains("Running callback afterMigrateError"), told.toString());
        assertEquals(List.of(), rows(database, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"),
                "neither the history table nor the migration's table was made");
    }

    @Test
    void aFailingAfterMigrateFailsTheGoalWithItsLineAndLeavesTheMigrationsApplied() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                .write("afterMigrate.sql", "ANALYZE jobs;\nGRANT SELECT ON jobs TO no_such_role;\n")
                .write("afterMigrateError.sql", "SELECT 1;\n");

        CallbackFailedException e = assertThrows(CallbackFailedException.class, () -> migrator().migrate());

        assertTrue(e.getMessage().startsWith("Callback afterMigrate failed at filesystem:" + directory + "/afterMigrate.sql line 2, column 1:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("role \"no_such_role\" does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("The migrations this run applied are committed and recorded."), e.getMessage());
        assertTrue(told.contains("Running callback afterMigrateError"), told.toString());
        assertTrue(tableExists(database, "jobs"));
        assertEquals(List.of("001|t"), rows(database, "SELECT version, success FROM schema_migrations"));
    }

    @Test
    void aCallbackNameWeDoNotKnowIsWarnedAboutNamingTheKnownOnesAndNotRun() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                .write("afterMigrat.sql", "CREATE TABLE typo (id int);\n")
                .write("beforeClean.sql", "CREATE TABLE flyway_only (id int);\n");

        migrator().migrate();

        assertTrue(told.stream().anyMatch(line -> line.startsWith("WARN Callback file filesystem:" + directory + "/afterMigrat.sql is not run: "
                + "'afterMigrat' is not a callback name hotgigs-migrate knows (names are case-sensitive). The callbacks are beforeMigrate, "
                + "beforeEachMigrate, afterEachMigrate, afterEachMigrateError, afterMigrate, afterMigrateError")), told.toString());
        assertTrue(told.stream().anyMatch(line -> line.contains("'beforeClean' is a Flyway callback that hotgigs-migrate does not run")),
                told.toString());
        assertFalse(tableExists(database, "typo"));
        assertFalse(tableExists(database, "flyway_only"));
        assertTrue(tableExists(database, "jobs"));
    }

    @Test
    void validateAndStatusCallbacksRunReadOnlyAndAFailingOneNamesItsLine() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                .write("beforeValidate.sql", "-- the schema must be there\nDO $$ BEGIN IF to_regclass('public.jobs') IS NULL THEN "
                        + "RAISE EXCEPTION 'jobs is missing'; END IF; END $$;\n")
                .write("afterStatus.sql", "CREATE TABLE written_by_status (id int);\n");

        CallbackFailedException missing = assertThrows(CallbackFailedException.class, () -> migrator().validate(false));
        assertTrue(missing.getMessage().startsWith("Callback beforeValidate failed at filesystem:" + directory
                + "/beforeValidate.sql line 2, column 1:"), missing.getMessage());
        assertTrue(missing.getMessage().contains("jobs is missing"), missing.getMessage());

        CallbackFailedException readOnly = assertThrows(CallbackFailedException.class, () -> migrator().status());
        assertTrue(readOnly.getMessage().contains("read-only transaction"), readOnly.getMessage());
        assertFalse(tableExists(database, "written_by_status"));

        migrations.delete("afterStatus.sql");
        migrator().migrate();
        assertTrue(migrator().validate(true).valid());
        assertTrue(told.contains("Running callback beforeValidate"), told.toString());
    }

    @Test
    void flywaysBeforeInfoRunsBeforeStatusAndIsLoggedByItsOwnName() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n").write("beforeInfo.sql", "SELECT 1;\n");

        migrator().status();

        assertEquals(List.of("Running callback beforeInfo"), told);
    }

    @Test
    void aCallbackThatCannotBeSplitStopsTheRunBeforeAnythingIsWritten() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                .write("afterMigrate.sql", "SELECT 1;\nSELECT 'unterminated;\n");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> migrator().migrate());

        assertTrue(e.getMessage().startsWith("Callback afterMigrate (filesystem:" + directory + "/afterMigrate.sql) line 2: "
                + "unterminated quoted string starting at line 2, column 8"), e.getMessage());
        assertTrue(e.getMessage().endsWith(". Nothing was run."), e.getMessage());
        assertFalse(tableExists(database, "schema_migrations"));
        assertFalse(tableExists(database, "jobs"));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection admin = TestPostgres.shared().connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
