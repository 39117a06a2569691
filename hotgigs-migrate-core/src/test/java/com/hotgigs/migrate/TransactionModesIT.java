package com.hotgigs.migrate;

import com.hotgigs.migrate.report.StatusJson;
import com.hotgigs.migrate.testing.PostgresClients;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.tableExists;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scripts written for other runners, each applied by the engine to one database and by psql (the
 * up part, for goose and dbmate files, as those tools cut it) to another: the schemas must dump alike.
 */
class TransactionModesIT {

    @TempDir
    Path directory;
    @TempDir
    Path psqlCopies;
    private MigrationDirectory migrations;
    private TestDatabase engine;
    private TestDatabase reference;
    private final List<MigrationInfo> applying = new ArrayList<>();
    private final MigrationListener recorder = new MigrationListener() {
        @Override
        public void applying(MigrationInfo migration) {
            applying.add(migration);
        }
    };

    @BeforeEach
    void createDatabases() {
        assumeTrue(PostgresClients.available(), "psql and pg_dump of PostgreSQL 15 are needed to compare with");
        migrations = new MigrationDirectory(directory);
        engine = TestDatabase.create();
        reference = TestDatabase.create();
    }

    @AfterEach
    void dropDatabases() {
        if (engine != null) {
            engine.close();
            reference.close();
        }
    }

    private MigrateResult migrate(MigratorConfig.Builder config) {
        return new Migrator(config.build(), recorder).migrate();
    }

    private MigrateResult migrate() {
        return migrate(migrations.configFor(engine));
    }

    /** Applies each file's up part with psql -f, in file order, and says the dumps are the same. */
    private void assertSameSchemaAsPsql(String... files) throws IOException {
        for (String file : files) {
            String text = Files.readString(directory.resolve(file), StandardCharsets.UTF_8);
            Path copy = psqlCopies.resolve(file);
            Files.writeString(copy, upPart(text), StandardCharsets.UTF_8);
            PostgresClients.PsqlRun run = PostgresClients.psql(reference, copy);
            assertEquals(0, run.exitCode(), () -> "psql -f " + file + ": " + run.errors());
        }
        assertEquals(PostgresClients.schemaDump(reference), PostgresClients.schemaDump(engine, "public.schema_migrations"));
    }

    /** What goose and dbmate run of a file: the lines between its up marker and its down marker. */
    private static String upPart(String text) {
        List<String> lines = text.lines().toList();
        int up = -1;
        int down = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).toLowerCase();
            if (line.startsWith("-- +goose up") || line.startsWith("-- migrate:up")) {
                up = i;
            } else if (line.startsWith("-- +goose down") || line.startsWith("-- migrate:down")) {
                down = i;
            }
        }
        return String.join("\n", lines.subList(up + 1, down)) + "\n";
    }

    private String checksumOf(String file) throws IOException, NoSuchAlgorithmException {
        byte[] bytes = Files.readAllBytes(directory.resolve(file));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private List<TransactionMode> appliedModes() {
        return applying.stream().map(MigrationInfo::transactionMode).toList();
    }

    @Test
    void wrappedScriptsRunTheirBodyInTheMigrationsTransactionAndItsFirstStatementIsTheTransactionsFirst()
            throws Exception {
        migrations.write("001_accounts.sql", """
                -- written for golang-migrate
                BEGIN;
                CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);
                INSERT INTO accounts VALUES (1, 'ada');
                COMMIT;
                """)
                .write("002_serializable.sql", """
                BEGIN;
                SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
                CREATE TABLE isolation_seen AS SELECT current_setting('transaction_isolation') AS level;
                COMMIT;
                """)
                .write("003_start.sql", """
                START TRANSACTION ISOLATION LEVEL REPEATABLE READ;
                CREATE TABLE isolation_begun AS SELECT current_setting('transaction_isolation') AS level;
                ALTER TABLE accounts ADD COLUMN email text;
                END;
                """);

        migrate();

        assertEquals("serializable", value(engine, "SELECT level FROM isolation_seen"));
        assertEquals("repeatable read", value(engine, "SELECT level FROM isolation_begun"));
        assertEquals(List.of("001|accounts|t", "002|serializable|t", "003|start|t"), history(engine));
        assertEquals(List.of(TransactionMode.PER_MIGRATION, TransactionMode.PER_MIGRATION, TransactionMode.PER_MIGRATION),
                appliedModes());
        assertSameSchemaAsPsql("001_accounts.sql", "002_serializable.sql", "003_start.sql");
    }

    @Test
    void aWrappedScriptThatRetriesAfterALockTimeoutStillStartsItsTransactionWithSetTransaction() throws Exception {
        migrations.write("001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        migrate();
        migrations.write("002_serializable.sql", """
                BEGIN;
                SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
                ALTER TABLE accounts ADD COLUMN level text DEFAULT current_setting('transaction_isolation');
                INSERT INTO accounts (id) VALUES (1);
                COMMIT;
                """);
        CompletableFuture<MigrateResult> run;
        try (Connection holder = engine.connect(); var statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            run = CompletableFuture.supplyAsync(() -> migrate(migrations.configFor(engine).lockTimeout(Duration.ofMillis(200))
                    .lockRetries(5).lockRetryPause(Duration.ofMillis(300))));
            Thread.sleep(1_000);
            holder.rollback();
        }

        MigrateResult result = run.join();

        assertEquals(List.of("002"), result.applied().stream().map(MigrationInfo::version).toList());
        assertEquals("serializable", value(engine, "SELECT level FROM accounts WHERE id = 1"));
    }

    @Test
    void aPrismaFileWithTwoBlocksRunsAsWrittenAndIsRecordedAfterItsLastStatement() throws Exception {
        migrations.write("001_init.sql", """
                -- CreateTable
                BEGIN;
                CREATE TABLE "User" (id serial PRIMARY KEY, email text NOT NULL);
                COMMIT;

                BEGIN;
                CREATE TABLE "Post" (id serial PRIMARY KEY, author_id int REFERENCES "User"(id));
                INSERT INTO "User" (email) VALUES ('ada@example.com');
                COMMIT;
                CREATE INDEX CONCURRENTLY "Post_author_id_idx" ON "Post"(author_id);
                """);

        migrate();

        assertEquals(List.of(TransactionMode.AS_WRITTEN), appliedModes());
        assertEquals(List.of("001|init|t"), history(engine));
        assertEquals("t", value(engine, "SELECT indisvalid FROM pg_index WHERE indexrelid = '\"Post_author_id_idx\"'::regclass"));
        assertSameSchemaAsPsql("001_init.sql");
        assertTrue(migrate().applied().isEmpty(), "a second run applies nothing");
    }

    @Test
    void gooseFilesRunTheirUpSectionOnlyWithTheirAnnotationsAndKeepTheWholeFilesChecksum() throws Exception {
        migrations.write("20240101120000_users.sql", """
                -- +goose Up
                CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
                -- +goose StatementBegin
                CREATE FUNCTION normalized_email(text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN
                  RETURN lower(trim($1));
                END;
                $$;
                -- +goose StatementEnd
                INSERT INTO users VALUES (1, normalized_email('  Ada@Example.com '));

                -- +goose Down
                -- +goose StatementBegin
                DROP FUNCTION normalized_email(text);
                -- +goose StatementEnd
                DROP TABLE users;
                """)
                .write("20240102120000_users_email_index.sql", """
                -- +goose NO TRANSACTION
                -- +goose Up
                ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
                CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email);

                -- +goose Down
                DROP INDEX CONCURRENTLY users_email;
                ALTER TABLE users DROP COLUMN created_at;
                """);

        migrate();

        assertEquals(List.of(TransactionMode.PER_MIGRATION, TransactionMode.NONE), appliedModes());
        assertEquals("ada@example.com", value(engine, "SELECT email FROM users"));
        assertTrue(tableExists(engine, "users"), "the down section did not run");
        assertEquals(List.of(checksumOf("20240101120000_users.sql"), checksumOf("20240102120000_users_email_index.sql")),
                rows(engine, "SELECT checksum FROM schema_migrations ORDER BY installed_rank"));
        assertSameSchemaAsPsql("20240101120000_users.sql", "20240102120000_users_email_index.sql");
    }

    @Test
    void dbmateFilesRunTheirUpSectionAndTransactionFalseRunsWithoutATransaction() throws Exception {
        migrations.write("20240101120000_create_jobs.sql", """
                -- migrate:up
                CREATE TABLE jobs (id bigint PRIMARY KEY, title text NOT NULL);

                -- migrate:down
                DROP TABLE jobs;
                """)
                .write("20240102120000_jobs_title_index.sql", """
                -- migrate:up transaction:false
                CREATE INDEX CONCURRENTLY jobs_title ON jobs (title);
                ALTER TABLE jobs ADD COLUMN closed boolean NOT NULL DEFAULT false;

                -- migrate:down
                DROP INDEX jobs_title;
                """);

        migrate();

        assertEquals(List.of(TransactionMode.PER_MIGRATION, TransactionMode.NONE), appliedModes());
        assertSameSchemaAsPsql("20240101120000_create_jobs.sql", "20240102120000_jobs_title_index.sql");
    }

    @Test
    void sqlxAndAtlasFilesSayNoTransactionTheirOwnWay() throws Exception {
        migrations.write("20240101120000_tables.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, customer bigint);\n")
                .write("20240102120000_sqlx_index.sql", """
                -- no-transaction
                CREATE INDEX CONCURRENTLY orders_customer ON orders (customer);
                ALTER TABLE orders ADD COLUMN note text;
                """)
                .write("20240103120000_atlas_index.sql", """
                -- atlas:txmode none

                -- create index "orders_note" to table: "orders"
                CREATE INDEX CONCURRENTLY orders_note ON orders (note);
                COMMENT ON INDEX orders_note IS 'made outside a transaction';
                """);

        migrate();

        assertEquals(List.of(TransactionMode.PER_MIGRATION, TransactionMode.NONE, TransactionMode.NONE), appliedModes());
        assertSameSchemaAsPsql("20240101120000_tables.sql", "20240102120000_sqlx_index.sql", "20240103120000_atlas_index.sql");
    }

    @Test
    void aMixedFileRunsUnderTheNoTransactionSettingAndStatusShowsEachMode() throws Exception {
        migrations.write("001_tags.sql", "CREATE TABLE tags (name text);\n")
                .write("002_mixed.sql", """
                ALTER TABLE tags ADD COLUMN id bigint;
                CREATE INDEX CONCURRENTLY tags_name ON tags (name);
                CREATE TYPE mood AS ENUM ('ok');
                ALTER TYPE mood ADD VALUE 'great';
                CREATE TABLE moods (m mood DEFAULT 'great');
                """)
                .write("003_wrapped.sql", "BEGIN;\nCREATE TABLE wrapped (id int);\nCOMMIT;\n");
        MigratorConfig.Builder config = migrations.configFor(engine).transactionMode(TransactionMode.NONE);

        migrate(config);

        assertEquals(List.of(TransactionMode.NONE, TransactionMode.NONE, TransactionMode.NONE), appliedModes());
        assertSameSchemaAsPsql("001_tags.sql", "002_mixed.sql", "003_wrapped.sql");
        migrations.write("004_pending.sql", "CREATE TABLE pending (id int);\n");
        StatusReport status = new Migrator(migrations.configFor(engine).build()).status();
        assertEquals(Arrays.asList(TransactionMode.PER_MIGRATION, null, TransactionMode.PER_MIGRATION,
                TransactionMode.PER_MIGRATION), status.migrations().stream().map(MigrationInfo::transactionMode).toList(),
                "without the setting the files run per migration, and the mixed one would be refused: no mode");
        StatusReport configured = new Migrator(config.build()).status();
        assertTrue(StatusJson.render(configured).contains("\"script\": \"002_mixed.sql\", \"state\": \"APPLIED\""));
        assertEquals(4, StatusJson.render(configured).split("\"transactionMode\": \"NONE\"", -1).length - 1,
                StatusJson.render(configured));
    }

    @Test
    void aNoTransactionScriptThatFailsAtItsThirdStatementSaysTheFirstTwoTookEffect() throws SQLException {
        migrations.write("001_five.sql", """
                -- hotgigs:transaction none
                CREATE TABLE one (id int);
                CREATE TABLE two (id int);
                INSERT INTO missing VALUES (3);
                CREATE TABLE four (id int);
                CREATE TABLE five (id int);
                """);

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, this::migrate);

        assertEquals(4, failure.line());
        assertTrue(failure.getMessage().contains("It runs outside the engine's transaction (none), so statements 1-2 (lines 2-3) took effect and remain."), failure.getMessage());
        assertEquals(List.of("001|five|f"), history(engine));
        assertTrue(value(engine, "SELECT error FROM schema_migrations").contains("001_five.sql line 4"));
        assertTrue(tableExists(engine, "one") && tableExists(engine, "two"));
        assertFalse(tableExists(engine, "four"));
    }

    @Test
    void anAsWrittenScriptThatFailsInItsSecondBlockKeepsTheFirstAndRollsBackTheSecond() throws SQLException {
        migrations.write("001_blocks.sql", """
                CREATE TABLE outside (id int);
                BEGIN;
                CREATE TABLE first_block (id int);
                COMMIT;
                BEGIN;
                CREATE TABLE second_block (id int);
                INSERT INTO second_block VALUES ('not a number');
                COMMIT;
                """);

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, this::migrate);

        assertEquals(7, failure.line());
        assertTrue(failure.getMessage().contains("statement 1 (line 1), the block of statements 2-4 (lines 2-4), committed all "
                + "took effect and remain; the block opened at line 5 (statements 5-6 (lines 5-6) ran in it) was rolled back"),
                failure.getMessage());
        assertEquals(List.of("001|blocks|f"), history(engine));
        assertTrue(tableExists(engine, "outside") && tableExists(engine, "first_block"));
        assertFalse(tableExists(engine, "second_block"));
    }

    @Test
    void aWrappedScriptThatFailsLeavesOnlyItsFailedAttempt() throws SQLException {
        migrations.write("001_wrapped.sql", "BEGIN;\nCREATE TABLE kept_out (id int);\nSELECT 1/0;\nCOMMIT;\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, this::migrate);

        assertEquals(3, failure.line());
        assertTrue(failure.getMessage().contains("Its transaction was rolled back: nothing of 001_wrapped remains."), failure.getMessage());
        assertEquals(List.of("001|wrapped|f"), history(engine));
        assertFalse(tableExists(engine, "kept_out"));
    }

    @Test
    void aNewEnumValueUsedInTheSameTransactionFailsWithTheDirectiveThatRunsItAndRunsWithIt() throws Exception {
        String script = """
                CREATE TYPE mood AS ENUM ('ok');
                ALTER TYPE mood ADD VALUE 'great';
                CREATE TABLE moods (m mood NOT NULL DEFAULT 'great');
                """;
        migrations.write("001_mood.sql", script);

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, this::migrate);

        assertEquals("55P04", failure.sqlState());
        assertTrue(failure.getMessage().contains("Put '-- hotgigs:transaction none' above its first statement"), failure.getMessage());
        assertEquals(List.of("001|mood|f"), history(engine));
        assertFalse(tableExists(engine, "moods"));

        migrations.write("001_mood.sql", "-- hotgigs:transaction none\n" + script);
        migrate();
        assertEquals(List.of("001|mood|f", "001|mood|t"), history(engine));
        assertSameSchemaAsPsql("001_mood.sql");
    }

    @Test
    void aBadScriptLaterInTheRunStopsItBeforeAnythingIsWritten() throws SQLException {
        migrations.write("001_good.sql", "BEGIN;\nCREATE TABLE good (id int);\nCOMMIT;\n")
                .write("002_unclosed.sql", "BEGIN;\nCREATE TABLE never (id int);\n");

        ConfigurationException failure = assertThrows(ConfigurationException.class, this::migrate);

        assertEquals(ErrorCode.TRANSACTION_CONTROL, failure.code());
        assertTrue(failure.getMessage().contains("002_unclosed.sql line 1: 'BEGIN' opens a transaction block that is never closed"),
                failure.getMessage());
        assertFalse(tableExists(engine, "good"));
        assertFalse(tableExists(engine, "schema_migrations"));
    }

    @Test
    void sessionStateAScriptSetsAtTopLevelEndsWithTheScriptInEveryMode() throws SQLException {
        migrations.write("001_schemas.sql", "CREATE SCHEMA other;\n")
                .write("002_none.sql", """
                -- hotgigs:transaction none
                SET search_path = other;
                SET standard_conforming_strings = off;
                CREATE TABLE in_other (id int);
                """)
                .write("003_as_written.sql", """
                SET timezone = 'Asia/Tokyo';
                BEGIN;
                CREATE TABLE other_block (id int);
                COMMIT;
                BEGIN;
                CREATE TABLE second (id int);
                COMMIT;
                """)
                .write("004_after.sql", """
                CREATE TABLE seen AS SELECT current_setting('search_path') AS path, current_setting('TimeZone') AS zone,
                    current_setting('standard_conforming_strings') AS strings, 'a\\b'::text AS backslash;
                """);

        migrate();

        assertTrue(tableExists(engine, "other.in_other"));
        assertTrue(tableExists(engine, "public.other_block"), "003 ran with the default search_path");
        String serverZone;
        try (Connection fresh = engine.connect(); var query = fresh.createStatement();
             var zone = query.executeQuery("SELECT current_setting('TimeZone')")) {
            zone.next();
            serverZone = zone.getString(1);
        }
        assertEquals(List.of("\"$user\", public|" + serverZone + "|on|a\\b"), rows(engine, "SELECT * FROM public.seen"));
    }
}
