package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import com.hotgigs.migrate.testing.TestPostgres;
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

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.tableExists;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaceholdersIT {

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private String role;

    @BeforeEach
    void createDatabase() throws SQLException {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
        role = database.name() + "_app";
        admin("CREATE ROLE " + role + " NOLOGIN");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
        admin("DROP ROLE IF EXISTS " + role);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection admin = TestPostgres.shared().connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    private MigratorConfig.Builder config(Map<String, String> placeholders) {
        return migrations.configFor(database).placeholders(placeholders);
    }

    @Test
    void valuesReachTheDatabaseOutsideAndInsideDollarQuotes() throws SQLException {
        migrations.write("001_jobs.sql", """
                CREATE TABLE ${table_prefix}jobs (id bigint PRIMARY KEY);
                GRANT SELECT ON ${table_prefix}jobs TO ${app_role};
                CREATE FUNCTION whoami() RETURNS text LANGUAGE sql AS $body$ SELECT '${app_role}@${hotgigs:database}' $body$;
                DO $$ BEGIN EXECUTE 'GRANT EXECUTE ON FUNCTION whoami() TO ${app_role}'; END $$;
                COMMENT ON TABLE ${table_prefix}jobs IS 'from ${hotgigs:filename} into ${hotgigs:schema}.${hotgigs:table}';
                """);

        new Migrator(config(Map.of("app_role", role, "table_prefix", "ats_")).build()).migrate();

        assertTrue(tableExists(database, "ats_jobs"));
        assertEquals("t", value(database, "SELECT has_table_privilege('" + role + "', 'ats_jobs', 'SELECT')"));
        assertEquals("t", value(database, "SELECT has_function_privilege('" + role + "', 'whoami()', 'EXECUTE')"));
        assertEquals(role + "@" + database.name(), value(database, "SELECT whoami()"));
        assertEquals("from 001_jobs.sql into public.schema_migrations", value(database, "SELECT obj_description('ats_jobs'::regclass)"));
    }

    @Test
    void aChangedValueDoesNotFailTheAppliedMigration() throws SQLException {
        migrations.write("001_grants.sql", "CREATE TABLE jobs (id int);\nGRANT SELECT ON jobs TO ${app_role};\n");
        new Migrator(config(Map.of("app_role", role)).build()).migrate();

        MigrateResult again = new Migrator(config(Map.of("app_role", "someone_else")).build()).migrate();
        ValidationReport report = new Migrator(config(Map.of("app_role", "someone_else")).build()).validate(true);

        assertTrue(again.applied().isEmpty());
        assertTrue(report.problems().isEmpty(), report.problems().toString());
        assertEquals(List.of("001|grants|t"), history(database));
    }

    /** The server points into the text as sent; the failure names the line and column of the file as written. */
    @Test
    void aFailureAfterAReplacedValueIsAtTheColumnOfTheFile() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE ${prefix}jobs (id int, title text);\nSELECT ${prefix}jobs.id, nope FROM ${prefix}jobs;\n")
                .write("afterMigrate.sql", "SELECT '${prefix}', ${prefix}nope;\n");
        String prefix = "a_tenant_prefix_much_longer_than_its_name_";

        MigrationFailedException failed = assertThrows(MigrationFailedException.class,
                () -> new Migrator(config(Map.of("prefix", prefix)).build()).migrate());

        // "nope" is at column 26 of line 2 as written (column 26 + 42 - 9 as sent).
        assertTrue(failed.getMessage().contains("001_jobs.sql line 2, column 26:"), failed.getMessage());
        assertEquals(2, failed.line());
        assertEquals(List.of("001|jobs|f"), history(database));

        migrations.write("001_jobs.sql", "CREATE TABLE ${prefix}jobs (id int, title text);\n");
        MigrationException callback = assertThrows(MigrationException.class,
                () -> new Migrator(config(Map.of("prefix", prefix)).build()).migrate());
        assertTrue(callback.getMessage().contains("afterMigrate.sql line 1, column 21"), callback.getMessage());
    }

    @Test
    void aPlaceholderWithNoValueStopsTheRunBeforeAnythingIsWritten() throws SQLException {
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n")
                .write("002_grants.sql", "-- the reader\n\nGRANT SELECT ON jobs TO ${reader_role};\n");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new Migrator(config(Map.of("app_role", role)).build()).migrate());

        assertEquals(ErrorCode.UNKNOWN_PLACEHOLDER, e.code());
        assertTrue(e.getMessage().contains("002_grants.sql line 3, column 25: the placeholder '${reader_role}' has no value"),
                e.getMessage());
        assertFalse(tableExists(database, "jobs"));
        assertFalse(tableExists(database, "schema_migrations"));
    }

    @Test
    void replacementSwitchedOffSendsTheTextAsWritten() throws SQLException {
        migrations.write("001_template.sql", "CREATE TABLE templates (body text DEFAULT '${name}');\n")
                .write("002_directive.sql", "-- hotgigs:placeholders off\nINSERT INTO templates VALUES ('${hotgigs:user}');\n");

        new Migrator(config(Map.of()).placeholderReplacement(false).build()).migrate();

        assertEquals("'${name}'::text", value(database,
                "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'templates'::regclass"));
        assertEquals("${hotgigs:user}", value(database, "SELECT body FROM templates"));
    }

    @Test
    void theFileDirectiveAloneKeepsItsLiteral() throws SQLException {
        migrations.write("001_directive.sql", "-- hotgigs:placeholders off\nCREATE TABLE t (body text DEFAULT '${x}');\n")
                .write("002_replaced.sql", "INSERT INTO t VALUES ('${x}');\n");

        new Migrator(config(Map.of("x", "replaced")).build()).migrate();

        assertEquals("'${x}'::text", value(database, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 't'::regclass"));
        assertEquals("replaced", value(database, "SELECT body FROM t"));
    }

    @Test
    void aSecretValueIsNotInWhatTheServerSays() throws SQLException {
        migrations.write("001_notice.sql", "DO $$ BEGIN RAISE NOTICE 'connecting with %', '${db_password}'; END $$;\n");
        List<String> told = new java.util.ArrayList<>();
        MigrationListener recording = new MigrationListener() {
            @Override
            public void serverMessage(String migration, String severity, String message) {
                told.add(severity + ": " + message);
            }
        };

        new Migrator(config(Map.of("db_password", "Tr0ub4dor-3")).build(), recording).migrate();

        assertEquals(List.of("NOTICE: connecting with ${db_password}"), told);
        assertEquals(List.of("001|notice|t"), history(database));
    }

    @Test
    void aSecretValueIsNotInTheFailureMessage() throws SQLException {
        // The server quotes the value it could not read: invalid input syntax for type integer: "...".
        migrations.write("001_login.sql", "CREATE TABLE t (id int);\nSELECT '${db_password}'::int;\n");

        MigrationFailedException e = assertThrows(MigrationFailedException.class,
                () -> new Migrator(config(Map.of("db_password", "Tr0ub4dor-3")).build()).migrate());

        assertFalse(e.getMessage().contains("Tr0ub4dor-3"), e.getMessage());
        assertTrue(e.getMessage().contains("001_login.sql line 2"), e.getMessage());
        assertNull(e.getCause());
        assertFalse(tableExists(database, "t"));
        // The failed attempt's row, and validate, which reads it back, show the placeholder too.
        String recorded = value(database, "SELECT error FROM schema_migrations WHERE NOT success");
        assertTrue(recorded.contains("${db_password}") && !recorded.contains("Tr0ub4dor-3"), recorded);
        ValidationReport report = new Migrator(config(Map.of("db_password", "Tr0ub4dor-3")).build()).validate(false);
        assertFalse(report.valid());
        assertFalse(report.problems().toString().contains("Tr0ub4dor-3"), report.problems().toString());
    }

    /** A row written before failed attempts hid secrets still never shows one in validate. */
    @Test
    void validateHidesASecretThatAnOlderFailedAttemptRecorded() throws SQLException {
        migrations.write("001_login.sql", "SELECT '${db_password}'::int;\n");
        assertThrows(MigrationFailedException.class, () -> new Migrator(config(Map.of("db_password", "Tr0ub4dor-3")).build()).migrate());
        try (Connection connection = java.sql.DriverManager.getConnection(database.url());
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE schema_migrations SET error = replace(error, '${db_password}', 'Tr0ub4dor-3')");
        }

        ValidationReport report = new Migrator(config(Map.of("db_password", "Tr0ub4dor-3")).build()).validate(false);

        assertTrue(report.problems().toString().contains("${db_password}"), report.problems().toString());
        assertFalse(report.problems().toString().contains("Tr0ub4dor-3"), report.problems().toString());
    }

    @Test
    void aFailureKeepsItsKindWhenItsSecretIsMasked() throws SQLException {
        String terminating = "CREATE TABLE t (id int);\n"
                + "SELECT pg_terminate_backend(pg_backend_pid()) WHERE '${%s}' IS NOT NULL;\n";
        migrations.write("001_login.sql", terminating.formatted("login"));
        MigrationFailedException plain = assertThrows(MigrationFailedException.class,
                () -> new Migrator(config(Map.of("login", "app")).build()).migrate());
        migrations.write("001_login.sql", terminating.formatted("db_password"));

        MigrationFailedException masked = assertThrows(MigrationFailedException.class,
                () -> new Migrator(config(Map.of("db_password", "Tr0ub4dor-3")).build()).migrate());

        assertInstanceOf(ConnectionLostException.class, plain, plain::getMessage);
        assertInstanceOf(ConnectionLostException.class, masked, masked::getMessage);
        assertEquals(ErrorCode.CONNECTION_LOST, masked.code());
        assertNotEquals(ErrorCode.MIGRATION_FAILED, plain.kind());
        assertEquals(plain.kind(), masked.kind());
        assertFalse(masked.getMessage().contains("Tr0ub4dor-3"), masked.getMessage());
        assertTrue(masked.getMessage().contains("001_login.sql"), masked.getMessage());
        assertFalse(tableExists(database, "t"));
    }
}
