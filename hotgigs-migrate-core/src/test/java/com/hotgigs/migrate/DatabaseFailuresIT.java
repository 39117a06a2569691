package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import com.hotgigs.migrate.testing.TestRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static com.hotgigs.migrate.Queries.tableExists;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of database failure the engine meets reads as what it is, with its own fix. */
class DatabaseFailuresIT {

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory).write("001_a.sql", "CREATE TABLE a (id int);\n");
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private Migrator migratorAs(TestRole role) {
        return new Migrator(MigratorConfig.builder().url(role.url()).locations(List.of("filesystem:" + directory))
                .lockWait(Duration.ofSeconds(60)).build());
    }

    @Test
    void aSchemaWithoutCreateIsAPermissionProblemWithItsGrant() throws SQLException {
        try (TestRole role = TestRole.create(database).asSuperuser("GRANT USAGE ON SCHEMA public TO PUBLIC")) {
            MigrationException failure = assertThrows(MigrationException.class, () -> migratorAs(role).migrate());

            assertEquals(ErrorCode.PERMISSION_DENIED, failure.code(), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("Creating the history table public.schema_migrations on "), failure.getMessage());
            assertTrue(failure.getMessage().contains("permission denied for schema public (SQLSTATE 42501)"), failure.getMessage());
            assertTrue(failure.getMessage().contains("GRANT USAGE, CREATE ON SCHEMA public TO " + role.name() + ";"), failure.getMessage());
            assertFalse(failure.getMessage().contains("failed talking"), failure.getMessage());
            assertFalse(tableExists(database, "public.schema_migrations"));
        }
    }

    @Test
    void aMissingSchemaWithoutCreateOnTheDatabaseSaysWhichGrantOrWhatToCreate() throws SQLException {
        try (TestRole role = TestRole.create(database)) {
            MigrationException failure = assertThrows(MigrationException.class, () -> new Migrator(MigratorConfig.builder()
                    .url(role.url()).schema("app").locations(List.of("filesystem:" + directory)).build()).migrate());

            assertEquals(ErrorCode.PERMISSION_DENIED, failure.code(), failure.getMessage());
            assertTrue(failure.getMessage().contains("permission denied for database " + database.name()), failure.getMessage());
            assertTrue(failure.getMessage().contains("GRANT CREATE ON DATABASE " + database.name() + " TO " + role.name() + ";"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("CREATE SCHEMA <schema> AUTHORIZATION <role>"), failure.getMessage());
            assertEquals("0", value(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'app'"));
        }
    }

    @Test
    void aReadOnlyDatabaseSaysWhereTheSettingComesFromAndHowToUndoIt() throws SQLException {
        try (var admin = java.sql.DriverManager.getConnection(database.adminUrl()); var statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " SET default_transaction_read_only = on");
        }

        MigrationException failure = assertThrows(MigrationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.READ_ONLY_SERVER, failure.code(), failure.getMessage());
        assertTrue(failure.getMessage().contains("cannot execute CREATE TABLE in a read-only transaction"), failure.getMessage());
        assertTrue(failure.getMessage().contains("The server is a primary, but default_transaction_read_only is on "
                + "(set in the database's settings)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("ALTER DATABASE " + database.name() + " RESET default_transaction_read_only"),
                failure.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));
        assertFalse(tableExists(database, "a"));
    }

    @Test
    void aMigrationRefusedForLackOfAPrivilegeNamesTheTableAndTheGrant() throws SQLException {
        try (TestRole role = TestRole.create(database).asSuperuser("GRANT USAGE, CREATE ON SCHEMA public TO PUBLIC")) {
            // The table comes after the first migration: a schema with objects but no history is refused as not
            // yet baselined, which is not what this test is about.
            migratorAs(role).migrate();
            role.asSuperuser("CREATE TABLE payroll (amount int)");
            migrations.write("002_b.sql", "SELECT 1;\nINSERT INTO payroll VALUES (1);\n");

            MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migratorAs(role).migrate());

            assertEquals(ErrorCode.PERMISSION_DENIED, failure.kind(), failure.getMessage());
            assertEquals(2, failure.line());
            assertTrue(failure.getMessage().contains("permission denied for table payroll"), failure.getMessage());
            assertTrue(failure.getMessage().contains("GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE payroll TO " + role.name() + ";"),
                    failure.getMessage());
            assertEquals("0", value(database, "SELECT count(*) FROM payroll"));
            assertEquals(List.of("001|a|t", "002|b|f"), Queries.history(database));
        }
    }

    @Test
    void aStatementTimeoutInAMigrationIsItsOwnKindAndSaysWhichSettingToRaise() throws SQLException {
        migrations.write("002_slow.sql", "SET statement_timeout = '200ms';\nSELECT pg_sleep(30);\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.STATEMENT_TIMEOUT, failure.kind(), failure.getMessage());
        assertEquals(ErrorCode.MIGRATION_FAILED, failure.code());
        assertEquals("57014", failure.sqlState());
        assertTrue(failure.getMessage().contains("ran longer than statement_timeout"), failure.getMessage());
        assertEquals(List.of("001|a|t", "002|slow|f"), Queries.history(database));
    }

    @Test
    void aFailedStatementThatSetsAPasswordIsEchoedWithoutIt() throws SQLException {
        migrations.write("002_roles.sql", "ALTER ROLE hg_no_such_role ENCRYPTED PASSWORD 'Lit3ral-s3cret';\n");
        assertEchoedWithoutSecret("Lit3ral-s3cret", "002_roles.sql");
        migrations.write("002_roles.sql", "CREATE ROLE hg_bare PASSWORD Bare-s3cret LOGIN;\n");
        assertEchoedWithoutSecret("Bare-s3cret", "002_roles.sql");
        migrations.write("002_roles.sql", "DO $$ BEGIN EXECUTE 'ALTER ROLE hg_no_such_role PASSWORD ''Dyn4mic-s3cret'''; END $$;\n");
        assertEchoedWithoutSecret("Dyn4mic-s3cret", "002_roles.sql");

        assertEquals("3", value(database, "SELECT count(*) FROM schema_migrations WHERE NOT success"));
        assertEquals("1", value(database, "SELECT count(*) FROM schema_migrations WHERE error LIKE '%PASSWORD ''****''%'"));
        assertEquals("0", value(database, "SELECT count(*) FROM schema_migrations WHERE error LIKE '%s3cret%'"));
    }

    private void assertEchoedWithoutSecret(String secret, String file) throws SQLException {
        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertTrue(failure.script().endsWith(file), failure.script());
        assertFalse(failure.getMessage().contains(secret), failure.getMessage());
        assertTrue(failure.getMessage().contains("****"), failure.getMessage());
        String error = value(database, "SELECT error FROM schema_migrations WHERE NOT success ORDER BY installed_rank DESC LIMIT 1");
        assertFalse(error.contains(secret), error);
    }
}
