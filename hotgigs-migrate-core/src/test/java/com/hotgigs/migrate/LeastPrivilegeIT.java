package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import com.hotgigs.migrate.testing.TestRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each goal with a role that has exactly the privileges the README documents for it, and nothing
 * else: not a superuser, owner of neither the database nor the schema, no CREATE on the database.
 */
class LeastPrivilegeIT {

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory)
                .write("001_a.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n")
                .write("002_b.sql", "CREATE INDEX a_id ON a (id);\n");
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private MigratorConfig.Builder configAs(TestRole role) {
        return MigratorConfig.builder().url(role.url()).locations(List.of("filesystem:" + directory));
    }

    @Test
    void migrateNeedsOnlyUsageAndCreateOnTheTargetSchema() throws SQLException {
        try (TestRole role = TestRole.create(database).asSuperuser("GRANT USAGE, CREATE ON SCHEMA public TO PUBLIC")) {
            assertHasNoDatabaseRights(role);

            MigrateResult result = new Migrator(configAs(role).build()).migrate();

            assertEquals(2, result.applied().size());
            assertEquals("1", value(database, "SELECT count(*) FROM a"));
            assertEquals(role.name() + "|" + role.name(), value(database,
                    "SELECT string_agg(DISTINCT installed_by, ','), (SELECT tableowner FROM pg_tables WHERE tablename = 'schema_migrations') "
                            + "FROM public.schema_migrations"));
        }
    }

    @Test
    void migrateIntoASchemaTheRoleOwnsNeedsNothingOnTheDatabase() throws SQLException {
        try (TestRole role = TestRole.create(database)) {
            role.asSuperuser("CREATE SCHEMA app AUTHORIZATION " + role.name());
            migrations.write("001_a.sql", "CREATE TABLE app.a (id int);\n").delete("002_b.sql");
            assertHasNoDatabaseRights(role);

            new Migrator(configAs(role).schema("app").build()).migrate();

            assertEquals("1", value(database, "SELECT count(*) FROM app.schema_migrations WHERE success"));
        }
    }

    @Test
    void statusAndValidateNeedOnlyUsageOnTheSchemaAndSelectOnTheHistory() throws SQLException {
        migrations.migratorFor(database).migrate();
        migrations.write("003_c.sql", "SELECT 1;\n");
        try (TestRole role = TestRole.create(database)
                .asSuperuser("REVOKE ALL ON SCHEMA public FROM PUBLIC")
                .asSuperuser("GRANT USAGE ON SCHEMA public TO PUBLIC")) {
            role.asSuperuser("GRANT SELECT ON public.schema_migrations TO " + role.name());
            assertHasNoDatabaseRights(role);
            assertEquals("f", value(database, "SELECT has_schema_privilege('" + role.name() + "', 'public', 'CREATE')"));

            StatusReport status = new Migrator(configAs(role).build()).status();
            ValidationReport validation = new Migrator(configAs(role).build()).validate(true);

            assertEquals(List.of(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.PENDING),
                    status.migrations().stream().map(MigrationInfo::state).toList());
            assertEquals(1, validation.problems().size(), validation.problems().toString());
            assertTrue(validation.problems().get(0).contains("003_c is pending"), validation.problems().toString());
        }
    }

    @Test
    void statusWithoutSelectOnTheHistorySaysWhichGrantIsMissing() throws SQLException {
        migrations.migratorFor(database).migrate();
        try (TestRole role = TestRole.create(database).asSuperuser("GRANT USAGE ON SCHEMA public TO PUBLIC")) {
            MigrationException failure = assertThrows(MigrationException.class, () -> new Migrator(configAs(role).build()).status());

            assertEquals(ErrorCode.PERMISSION_DENIED, failure.code(), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("Reading the history table public.schema_migrations on "), failure.getMessage());
            // A read-only goal is told the read grant the README lists for it, not write grants it does not need.
            assertTrue(failure.getMessage().contains("GRANT SELECT ON TABLE schema_migrations TO " + role.name() + ";"),
                    failure.getMessage());
            assertFalse(failure.getMessage().contains("INSERT"), failure.getMessage());
        }
    }

    private void assertHasNoDatabaseRights(TestRole role) throws SQLException {
        assertEquals("f|f|f", value(database, "SELECT has_database_privilege('" + role.name() + "', current_database(), 'CREATE'), "
                + "pg_has_role('" + role.name() + "', (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER'), "
                + "(SELECT rolsuper FROM pg_roles WHERE rolname = '" + role.name() + "')"));
    }
}
