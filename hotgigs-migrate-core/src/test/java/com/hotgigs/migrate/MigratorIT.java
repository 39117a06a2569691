package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.tableExists;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigratorIT {

    private static final String CREATE_CANDIDATES = """
            CREATE TABLE candidates (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
            INSERT INTO candidates VALUES (1, 'ada@example.com');
            """;
    private static final String CREATE_JOBS = """
            CREATE TABLE jobs (id bigint PRIMARY KEY, title text NOT NULL);
            CREATE FUNCTION job_title(bigint) RETURNS text LANGUAGE plpgsql AS $fn$
            BEGIN
              RETURN (SELECT title FROM jobs WHERE id = $1);
            END;
            $fn$;
            """;

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
    void appliesPendingMigrationsInVersionOrderAndRecordsEach() throws SQLException {
        migrations.write("2_create_jobs.sql", CREATE_JOBS).write("001_create_candidates.sql", CREATE_CANDIDATES);

        MigrateResult result = migrations.migratorFor(database).migrate();

        assertEquals(List.of("001", "2"), result.applied().stream().map(MigrationInfo::version).toList());
        assertEquals("2", result.currentVersion());
        assertEquals("ada@example.com", value(database, "SELECT email FROM candidates"));
        assertTrue(tableExists(database, "jobs"));
        assertEquals(List.of("001|create_candidates|t", "2|create_jobs|t"), history(database));
        assertEquals(List.of("001_create_candidates.sql|64|t", "2_create_jobs.sql|64|t"),
                rows(database, "SELECT script, length(checksum), installed_by = session_user FROM schema_migrations ORDER BY installed_rank"));
    }

    @Test
    void secondRunAppliesNothing() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES);
        migrations.migratorFor(database).migrate();

        MigrateResult second = migrations.migratorFor(database).migrate();

        assertTrue(second.applied().isEmpty());
        assertEquals(1, second.alreadyApplied());
        assertEquals("1", value(database, "SELECT count(*) FROM schema_migrations"));
        assertEquals("1", value(database, "SELECT count(*) FROM candidates"));
    }

    @Test
    void failedMigrationRollsBackIsRecordedWithLineAndIsRetried() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES)
                .write("002_broken.sql", """
                        CREATE TABLE offers (id bigint PRIMARY KEY);
                        INSERT INTO offers VALUES (1);

                        INSERT INTO offers
                          VALUES (no_such_column);
                        """);

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> migrations.migratorFor(database).migrate());

        assertEquals(5, failure.line());
        assertEquals("42703", failure.sqlState());
        assertTrue(failure.getMessage().contains("002_broken.sql line 5, column 11"), failure.getMessage());
        assertTrue(failure.getMessage().contains("column \"no_such_column\" does not exist"), failure.getMessage());
        assertTrue(failure.getMessage().contains("nothing of 002_broken remains"), failure.getMessage());
        assertFalse(tableExists(database, "offers"));
        assertEquals(List.of("001|create_candidates|t", "002|broken|f"), history(database));
        assertTrue(value(database, "SELECT error FROM schema_migrations WHERE NOT success").contains("line 5, column 11"));

        migrations.write("002_broken.sql", "CREATE TABLE offers (id bigint PRIMARY KEY);\nINSERT INTO offers VALUES (1);\n");
        MigrateResult retried = migrations.migratorFor(database).migrate();

        assertEquals(List.of("002"), retried.applied().stream().map(MigrationInfo::version).toList());
        assertEquals(List.of("001|create_candidates|t", "002|broken|f", "002|broken|t"), history(database));
        assertEquals("1", value(database, "SELECT count(*) FROM offers"));
    }

    @Test
    void deferredConstraintFailingAtCommitRollsBackAndIsRecordedAsAFailedAttempt() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES)
                .write("002_offers.sql", """
                        CREATE TABLE offers (id bigint PRIMARY KEY,
                          candidate_id bigint REFERENCES candidates DEFERRABLE INITIALLY DEFERRED);
                        INSERT INTO offers VALUES (1, 42);
                        """);

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> migrations.migratorFor(database).migrate());

        assertEquals("23503", failure.sqlState());
        assertEquals(3, failure.line());
        assertTrue(failure.getMessage().startsWith("Migration 002_offers failed when it was committed with its history row, "
                + "filesystem:" + directory + "/002_offers.sql after its last statement (line 3):"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Its transaction was rolled back: nothing of 002_offers remains."), failure.getMessage());
        assertFalse(tableExists(database, "offers"));
        assertEquals(List.of("001|create_candidates|t", "002|offers|f"), history(database));
        assertTrue(value(database, "SELECT error FROM schema_migrations WHERE version = '002'")
                .contains("after its last statement (line 3): ERROR: insert or update on table \"offers\""));
    }

    @Test
    void migrationWhoseHistoryRowCannotBeWrittenLeavesNothingBehind() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES)
                .write("002_guard_history.sql", """
                        CREATE TABLE offers (id bigint PRIMARY KEY);
                        CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS $fn$
                        BEGIN
                          RAISE EXCEPTION 'history is read-only';
                        END;
                        $fn$;
                        CREATE TRIGGER refuse_history BEFORE INSERT ON schema_migrations
                          FOR EACH ROW EXECUTE FUNCTION refuse_history();
                        """);

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> migrations.migratorFor(database).migrate());

        assertTrue(failure.getMessage().contains("history is read-only"), failure.getMessage());
        assertFalse(tableExists(database, "offers"));
        assertEquals("0", value(database, "SELECT count(*) FROM pg_trigger WHERE tgname = 'refuse_history'"));
        assertEquals(List.of("001|create_candidates|t", "002|guard_history|f"), history(database));
    }

    @Test
    void aScriptOfOnlyCommentsIsAppliedAndRecordedWithAWarning() throws SQLException {
        migrations.write("001_placeholder.sql", "-- kept for numbering; the change moved to 002\n/* nothing */\n")
                .write("002_create_candidates.sql", CREATE_CANDIDATES);
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        MigrationListener listener = new MigrationListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };

        MigrateResult result = new Migrator(migrations.configFor(database).build(), listener).migrate();

        assertEquals(List.of("001", "002"), result.applied().stream().map(MigrationInfo::version).toList());
        assertEquals(List.of("001|placeholder|t", "002|create_candidates|t"), history(database));
        // An unsaved file would otherwise become an applied version that no later edit may change.
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Migration 001_placeholder has no statement (filesystem:"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("Write its statements before it is applied, or remove the file."), warnings.get(0));
    }

    @Test
    void editedAppliedMigrationStopsTheRunBeforeAnythingIsApplied() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES);
        migrations.migratorFor(database).migrate();
        String applied = value(database, "SELECT checksum FROM schema_migrations");
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES + " ")
                .write("002_create_jobs.sql", CREATE_JOBS);

        ValidationException failure = assertThrows(ValidationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(1, failure.problems().size());
        String problem = failure.problems().get(0);
        assertTrue(problem.contains("001_create_candidates.sql") && problem.contains(applied), problem);
        assertFalse(tableExists(database, "jobs"));
        assertEquals("1", value(database, "SELECT count(*) FROM schema_migrations"));
    }

    @Test
    void windowsLineEndingsValidateAgainstAMigrationAppliedWithUnixOnes() {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES);
        migrations.migratorFor(database).migrate();
        migrations.write("001_create_candidates.sql", "\uFEFF" + CREATE_CANDIDATES.replace("\n", "\r\n"));

        ValidationReport report = migrations.migratorFor(database).validate(true);

        assertTrue(report.valid(), report.problems().toString());
    }

    @Test
    void targetAppliesUpToAndIncludingItsVersion() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES).write("002_create_jobs.sql", CREATE_JOBS);

        MigrateResult result = new Migrator(migrations.configFor(database).target("1").build()).migrate();

        assertEquals(1, result.applied().size());
        assertEquals(1, result.pending());
        assertFalse(tableExists(database, "jobs"));
    }

    @Test
    void failedMigrationBeyondTheTargetIsCountedAsFailedNotPending() {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES).write("002_broken.sql", "SELECT 1/0;\n")
                .write("003_create_jobs.sql", CREATE_JOBS);
        assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        MigrateResult result = new Migrator(migrations.configFor(database).target("001").build()).migrate();

        assertEquals(0, result.applied().size());
        assertEquals(1, result.failed());
        assertEquals(1, result.pending());
    }

    @Test
    void pendingMigrationOlderThanTheNewestAppliedNeedsOutOfOrder() throws SQLException {
        migrations.write("002_create_jobs.sql", CREATE_JOBS);
        migrations.migratorFor(database).migrate();
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES);

        ValidationException failure = assertThrows(ValidationException.class, () -> migrations.migratorFor(database).migrate());
        assertTrue(failure.getMessage().contains("hotgigs.outOfOrder"), failure.getMessage());
        assertFalse(tableExists(database, "candidates"));

        new Migrator(migrations.configFor(database).outOfOrder(true).build()).migrate();
        assertTrue(tableExists(database, "candidates"));
    }

    @Test
    void eachMigrationStartsFromACleanSessionAndBookkeepingIgnoresTheScriptsSettings() throws SQLException {
        migrations.write("001_settings.sql", """
                        CREATE SCHEMA elsewhere;
                        SET search_path = elsewhere;
                        CREATE TABLE decoy (id int);
                        SET default_transaction_read_only = on;
                        SET statement_timeout = '10ms';
                        """)
                .write("002_create_jobs.sql", CREATE_JOBS + "SELECT pg_sleep(0.1);\n");

        migrations.migratorFor(database).migrate();

        assertEquals("public", value(database, "SELECT schemaname FROM pg_tables WHERE tablename = 'jobs'"));
        assertEquals("elsewhere", value(database, "SELECT schemaname FROM pg_tables WHERE tablename = 'decoy'"));
        assertEquals(List.of("001|settings|t", "002|create_jobs|t"), history(database));
    }

    @Test
    void serverNoticesReachTheListener() {
        migrations.write("001_notice.sql", "DO $$ BEGIN RAISE NOTICE 'seeded % rows', 3; END $$;\n");
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        MigrationListener listener = new MigrationListener() {
            @Override
            public void serverMessage(String migration, String severity, String message) {
                messages.add(migration + ": " + severity + ": " + message);
            }
        };

        new Migrator(migrations.configFor(database).build(), listener).migrate();

        assertEquals(List.of("001_notice: NOTICE: seeded 3 rows"), messages);
    }

    @Test
    void copyFromStdinDataIsLoaded() throws SQLException {
        migrations.write("001_copy.sql", """
                CREATE TABLE skills (id int, name text);
                COPY skills (id, name) FROM stdin;
                1\tJava
                2\tSQL; with a semicolon
                \\.
                INSERT INTO skills VALUES (3, 'Go');
                """);

        migrations.migratorFor(database).migrate();

        assertEquals(List.of("1|Java", "2|SQL; with a semicolon", "3|Go"), rows(database, "SELECT id, name FROM skills ORDER BY id"));
    }

    @Test
    void scriptMixingConcurrentIndexWithTransactionalStatementsIsRefusedBeforeAnythingIsWritten() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES)
                .write("002_mixed.sql", "CREATE TABLE notes (id int);\nCREATE INDEX CONCURRENTLY notes_id ON notes (id);\n");

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.MIXED_TRANSACTIONAL_SCRIPT, failure.code());
        assertTrue(failure.getMessage().contains("002_mixed.sql") && failure.getMessage().contains("line 2"), failure.getMessage());
        assertFalse(tableExists(database, "candidates"));
        assertFalse(tableExists(database, "schema_migrations"));
    }

    @Test
    void nonTransactionalScriptRunsOutsideATransaction() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES)
                .write("002_index.sql", "CREATE INDEX CONCURRENTLY candidates_email ON candidates (email);\nVACUUM ANALYZE candidates;\n");

        migrations.migratorFor(database).migrate();

        assertEquals("t", value(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'candidates_email'::regclass"));
        assertEquals(List.of("001|create_candidates|t", "002|index|t"), history(database));
    }

    @Test
    void failedConcurrentIndexTellsWhatRemainsAndHowToDropIt() throws SQLException {
        migrations.write("001_data.sql", "CREATE TABLE tags (name text);\nINSERT INTO tags VALUES ('a'), ('a');\n")
                .write("002_unique.sql", "CREATE UNIQUE INDEX CONCURRENTLY tags_name ON tags (name);\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals("23505", failure.sqlState());
        assertTrue(failure.getMessage().contains("the INVALID index public.tags_name behind: drop it with DROP INDEX CONCURRENTLY IF EXISTS public.tags_name;"), failure.getMessage());
        assertEquals(List.of("001|data|t", "002|unique|f"), history(database));
    }

    @Test
    void commitWithNoBeginIsRefused() {
        migrations.write("001_commit.sql", "CREATE TABLE a (id int);\nCOMMIT;\n");

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.TRANSACTION_CONTROL, failure.code());
        assertTrue(failure.getMessage().contains("001_commit.sql line 2: 'COMMIT' closes no transaction"), failure.getMessage());
    }

    @Test
    void historyTableOfAnotherToolIsRefusedAndLeftUntouched() throws SQLException {
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_migrations (version varchar(255) PRIMARY KEY, applied_at timestamp)");
            statement.execute("INSERT INTO schema_migrations VALUES ('20200101', now())");
        }
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES);

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.FOREIGN_HISTORY_TABLE, failure.code());
        assertTrue(failure.getMessage().contains("installed_rank integer"), failure.getMessage());
        assertEquals(List.of("20200101"), rows(database, "SELECT version FROM schema_migrations"));
        assertFalse(tableExists(database, "candidates"));
    }

    @Test
    void aRelationOfTheHistoryTablesNameWithoutColumnsIsRefusedToo() throws SQLException {
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_migrations ()");
        }
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES);

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).status());

        assertEquals(ErrorCode.FOREIGN_HISTORY_TABLE, failure.code());
        assertTrue(failure.getMessage().contains("it has columns (), expected (installed_rank integer"), failure.getMessage());
    }

    @Test
    void historyTableGoesWhereConfiguredAndItsSchemaIsCreated() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES);

        new Migrator(migrations.configFor(database).schema("ats").table("history").build()).migrate();

        assertEquals("1", value(database, "SELECT count(*) FROM ats.history WHERE success"));
        assertFalse(tableExists(database, "public.schema_migrations"));
    }

    @Test
    void statusReportsEveryState() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES)
                .write("002_create_jobs.sql", CREATE_JOBS)
                .write("003_gone.sql", "CREATE TABLE gone (id int);\n");
        migrations.migratorFor(database).migrate();
        migrations.write("002_create_jobs.sql", CREATE_JOBS + "-- edited\n")
                .delete("003_gone.sql")
                .write("004_broken.sql", "SELECT 1/0;\n")
                .write("005_later.sql", "SELECT 1;\n");
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_migrations VALUES (4, '004', 'broken', '004_broken.sql', 'x', 'me', now(), 1, false, 'boom')");
        }

        StatusReport status = migrations.migratorFor(database).status();

        assertEquals("003", status.currentVersion());
        assertEquals(List.of("001 APPLIED", "002 CHECKSUM_MISMATCH", "003 MISSING", "004 FAILED", "005 PENDING"),
                status.migrations().stream().map(m -> m.version() + " " + m.state()).toList());
        ValidationReport report = migrations.migratorFor(database).validate(false);
        assertEquals(3, report.problems().size(), report.problems().toString());
        assertEquals(4, migrations.migratorFor(database).validate(true).problems().size());
    }

    @Test
    void statusOfAnEmptyDatabaseCreatesNothing() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES);

        StatusReport status = migrations.migratorFor(database).status();

        assertNull(status.currentVersion());
        assertEquals(1, status.count(MigrationState.PENDING));
        assertFalse(tableExists(database, "schema_migrations"));
    }

    @Test
    void statusShowsAPendingScriptMigrateWouldRefuseAndSaysWhy() throws SQLException {
        migrations.write("001_create_candidates.sql", CREATE_CANDIDATES).write("009_x.sql", "-- hotgigs:transaction maybe\nSELECT 1;\n");
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        MigrationListener listener = new MigrationListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };

        StatusReport status = new Migrator(migrations.configFor(database).build(), listener).status();

        assertEquals(2, status.count(MigrationState.PENDING));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Pending migration 009_x cannot be run as it is, and migrate would refuse it"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("'-- hotgigs:transaction maybe' names no transaction mode"), warnings.get(0));
        assertFalse(tableExists(database, "schema_migrations"));
    }
}
