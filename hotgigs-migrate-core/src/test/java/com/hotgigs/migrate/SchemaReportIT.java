package com.hotgigs.migrate;

import com.hotgigs.migrate.report.HtmlReport;
import com.hotgigs.migrate.schema.SchemaTables;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which tables a report draws: a schema target's or a configured schema other than {@code public}
 * draws its own tables only, not its neighbours'; the default {@code public} draws every user schema.
 */
class SchemaReportIT {

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory).write("001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts);\n");
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aSchemaTargetsReportDrawsThatSchemasTablesOnly() throws SQLException {
        // A table shared by every tenant, which the tenants' notes refer to.
        execute("CREATE TABLE public.regions (code text PRIMARY KEY)");
        migrations.write("002_notes.sql", "CREATE TABLE notes (id bigint PRIMARY KEY, region_code text REFERENCES public.regions);\n");
        FleetConfig fleet = new FleetConfig(migrations.configFor(database).build(),
                List.of(Target.schema("tenant_a"), Target.schema("tenant_b")), null, 1, false, null);
        assertTrue(new Fleet(fleet).migrate().succeeded());

        FleetResult<DatabaseReport> reports = new Fleet(fleet).report();

        assertTrue(reports.succeeded(), () -> reports.failures().toString());
        for (TargetOutcome<DatabaseReport> outcome : reports.outcomes()) {
            String schema = outcome.target().value();
            SchemaTables tables = outcome.result().tables();
            assertEquals(List.of(schema + ".accounts", schema + ".notes", schema + ".orders"),
                    tables.tables().stream().map(SchemaTables.Table::qualifiedName).toList(), "no other tenant's, no public table, no history");
            assertEquals(List.of(schema + ".notes->public.regions", schema + ".orders->" + schema + ".accounts"),
                    tables.foreignKeys().stream().map(key -> key.fromTable() + "->" + key.toTable()).toList(),
                    "its tables' foreign keys, the one into public included");
            String html = HtmlReport.page(outcome.result(), OffsetDateTime.now());
            assertTrue(html.contains("data-table=\"" + schema + ".orders\""), html);
            assertFalse(html.contains("data-table=\"public.regions\""), html);
            String other = schema.equals("tenant_a") ? "tenant_b" : "tenant_a";
            assertFalse(html.contains(other), "the other tenant does not appear on the page:\n" + html);
        }
    }

    @Test
    void aConfiguredSchemaOtherThanPublicDrawsItsTablesOnly() throws SQLException {
        migrations.write("002_app.sql", "CREATE TABLE app.settings (name text PRIMARY KEY);\n"
                + "CREATE TABLE app.users (id bigint PRIMARY KEY, settings_name text REFERENCES app.settings);\n");
        Migrator migrator = new Migrator(migrations.configFor(database).schema("app").build());
        // With no search_path of its own, 001's unqualified tables land in public: the report leaves them out.
        assertEquals(2, migrator.migrate().applied().size());

        SchemaTables tables = migrator.report().tables();

        assertEquals(List.of("app.settings", "app.users"), tables.tables().stream().map(SchemaTables.Table::qualifiedName).toList());
        assertEquals(List.of("app.users->app.settings"), tables.foreignKeys().stream().map(key -> key.fromTable() + "->" + key.toTable()).toList());
        assertFalse(tables.severalSchemas());
    }

    @Test
    void theDefaultPublicSchemaDrawsEveryUserSchema() throws SQLException {
        migrations.write("002_audit.sql", "CREATE SCHEMA audit;\nCREATE TABLE audit.events (id bigint PRIMARY KEY);\n");
        Migrator migrator = migrations.migratorFor(database);
        assertEquals(2, migrator.migrate().applied().size());

        SchemaTables tables = migrator.report().tables();

        assertEquals(List.of("audit.events", "public.accounts", "public.orders"),
                tables.tables().stream().map(SchemaTables.Table::qualifiedName).toList());
        assertTrue(tables.severalSchemas());
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
