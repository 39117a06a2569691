package com.hotgigs.migrate.it;

import com.hotgigs.migrate.schema.CatalogReader;
import com.hotgigs.migrate.schema.SchemaCatalog;
import com.hotgigs.migrate.schema.SchemaDifference;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One Flyway project, with versioned, repeatable and callback files and a placeholder both tools
 * read alike, migrated by Flyway's own Maven plugin into one database and by hotgigs-migrate into
 * another: the two schemas are the same object by object (as PostgreSQL prints them), and so is
 * what the callbacks recorded. A second run of each applies nothing; an edited repeatable is applied
 * again by both. Flyway's database then switches to this plugin without applying anything again.
 */
class FlywayParityIT {

    private static final String INIT = "CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);\n";
    private static final String ADD_EMAIL = "ALTER TABLE accounts ADD COLUMN email text;\n"
            + "CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));\n";
    private static final String LEDGER = "CREATE TABLE ledger (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "    account_id bigint NOT NULL REFERENCES accounts (id), amount numeric(12, 2) NOT NULL DEFAULT 0);\n"
            + "CREATE INDEX ledger_account ON ledger (account_id);\n";
    private static final String ACCOUNT_NAMES = "CREATE OR REPLACE VIEW account_names AS SELECT id, name FROM accounts;\n";
    /** The placeholder inside a dollar-quoted body: both tools replace it there too. */
    private static final String APP_ROLE = "CREATE OR REPLACE FUNCTION app_role() RETURNS text LANGUAGE sql IMMUTABLE\n"
            + "AS $$ SELECT '${app_role}'::text $$;\n";
    /** Each callback records what it saw: the event, and how many tables and views the schema had then. */
    private static final String AUDIT = "INSERT INTO callback_audit (event, relations) SELECT '%s', count(*) FROM pg_class "
            + "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v') "
            + "AND relname NOT IN ('flyway_schema_history', 'schema_migrations');\n";
    private static final String BEFORE_MIGRATE = "CREATE TABLE IF NOT EXISTS callback_audit (id serial PRIMARY KEY, "
            + "event text NOT NULL, relations bigint NOT NULL);\n" + AUDIT.formatted("beforeMigrate");
    private static final Set<String> HISTORY_TABLES = Set.of("public.flyway_schema_history", "public.schema_migrations");

    private static SampleProject project() {
        return SampleProject.copy("flyway", "flyway-parity")
                .file("db/migration/V1__init.sql", INIT)
                .file("db/migration/V1.1__add_email.sql", ADD_EMAIL)
                .file("db/migration/V2__ledger.sql", LEDGER)
                .file("db/migration/R__account_names.sql", ACCOUNT_NAMES)
                .file("db/migration/R__app_role.sql", APP_ROLE)
                .file("db/migration/beforeMigrate.sql", BEFORE_MIGRATE)
                .file("db/migration/afterEachMigrate.sql", AUDIT.formatted("afterEachMigrate"))
                .file("db/migration/afterMigrate.sql", AUDIT.formatted("afterMigrate"));
    }

    private static BuildResult flyway(SampleProject project, TestDatabase db, String log) {
        BuildResult result = project.build().args("flyway:migrate").property("flyway.url", db.url())
                .property("flyway.user", "postgres").property("flyway.placeholders.app_role", "hotgigs_app")
                .env("REDGATE_DISABLE_TELEMETRY", "true").log(log).run();
        assertTrue(result.succeeded(), result::describe);
        return result;
    }

    private static BuildResult hotgigs(SampleProject project, TestDatabase db, String log) {
        BuildResult result = project.build().args("-f", "pom-hotgigs.xml", "hotgigs:migrate").property("hotgigs.url", db.url())
                .property("hotgigs.placeholders.app_role", "hotgigs_app").log(log).run();
        assertTrue(result.succeeded(), result::describe);
        return result;
    }

    @Test
    void flywaysPluginAndThisOneBuildTheSameSchemaRunTheSameCallbacksAndReapplyTheSameRepeatables() throws SQLException {
        try (TestDatabase byFlyway = TestDatabase.create(); TestDatabase byHotgigs = TestDatabase.create()) {
            SampleProject project = project();

            flyway(project, byFlyway, "flyway.log");
            BuildResult first = hotgigs(project, byHotgigs, "hotgigs.log");

            assertEquals(List.of("1_init", "1.1_add_email", "2_ledger", "R__account_names", "R__app_role"),
                    first.linesContaining("[INFO] Applying ").stream().map(FlywayParityIT::applied).toList(), first::describe);
            SchemaCatalog reference = catalog(byFlyway);
            assertTrue(reference.objects().keySet().containsAll(List.of("table public.accounts", "table public.ledger",
                    "index public.accounts_email", "view public.account_names", "function public.app_role()",
                    "table public.callback_audit")), reference.objects().keySet()::toString);
            assertSameSchema(reference, byHotgigs);
            assertEquals("hotgigs_app", value(byHotgigs, "SELECT app_role()"));
            assertEquals(value(byFlyway, "SELECT app_role()"), value(byHotgigs, "SELECT app_role()"));
            List<String> audit = audit(byFlyway);
            assertEquals(List.of("beforeMigrate 1", "afterEachMigrate 2", "afterEachMigrate 2", "afterEachMigrate 3",
                    "afterEachMigrate 4", "afterEachMigrate 4", "afterMigrate 4"), audit, "Flyway's callbacks");
            assertEquals(audit, audit(byHotgigs));

            BuildResult flywayAgain = flyway(project, byFlyway, "flyway-again.log");
            BuildResult hotgigsAgain = hotgigs(project, byHotgigs, "hotgigs-again.log");

            assertEquals(5, count(byFlyway, "SELECT count(*) FROM flyway_schema_history"), flywayAgain::describe);
            assertEquals(List.of(), hotgigsAgain.linesContaining("[INFO] Applying "), hotgigsAgain::describe);
            assertEquals(5, count(byHotgigs, "SELECT count(*) FROM schema_migrations"));
            assertEquals(List.of("beforeMigrate 4", "afterMigrate 4"), audit(byFlyway).subList(7, 9), "callbacks run every time");
            assertEquals(audit(byFlyway), audit(byHotgigs));

            project.file("db/migration/R__app_role.sql", APP_ROLE.replace("'${app_role}'::text", "'${app_role}'::text || ''"));
            BuildResult flywayEdited = flyway(project, byFlyway, "flyway-edited.log");
            BuildResult hotgigsEdited = hotgigs(project, byHotgigs, "hotgigs-edited.log");

            assertEquals(List.of("|R__app_role.sql"), rows(byFlyway, "SELECT coalesce(version, '') || '|' || script FROM "
                    + "flyway_schema_history WHERE installed_rank > 5 ORDER BY installed_rank"), flywayEdited::describe);
            assertEquals(List.of("R__app_role"), hotgigsEdited.linesContaining("[INFO] Applying ").stream()
                    .map(FlywayParityIT::applied).toList(), hotgigsEdited::describe);
            assertSameSchema(catalog(byFlyway), byHotgigs);
            assertTrue(value(byHotgigs, "SELECT pg_get_functiondef('app_role()'::regprocedure)").contains("|| ''"));
            assertEquals(List.of("beforeMigrate 4", "afterEachMigrate 4", "afterMigrate 4"), audit(byFlyway).subList(9, 12));
            assertEquals(audit(byFlyway), audit(byHotgigs));

            // Flyway's database switched to this plugin: Flyway's CRC-32 of each repeatable, taken after its placeholder
            // replacement, is the one of our text as sent, so neither repeatable runs again.
            BuildResult switched = project.build().args("-f", "pom-hotgigs.xml", "hotgigs:migrate")
                    .property("hotgigs.url", byFlyway.url()).property("hotgigs.placeholders.app_role", "hotgigs_app")
                    .property("hotgigs.importFlywayHistory", "true").log("switched.log").run();

            assertTrue(switched.succeeded(), switched::describe);
            assertEquals(List.of(), switched.linesContaining("[INFO] Applying "), switched::describe);
            for (String imported : List.of("1_init", "1.1_add_email", "2_ledger", "R__account_names", "R__app_role")) {
                assertEquals(1, switched.count("[INFO] Imported " + imported + " from Flyway's history (its file matches Flyway's "
                        + "checksum)"), switched::describe);
            }
        }
    }

    /** "[INFO] Applying 1.1_add_email ..." gives 1.1_add_email. */
    private static String applied(String line) {
        String rest = line.substring(line.indexOf("Applying ") + "Applying ".length());
        int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static void assertSameSchema(SchemaCatalog reference, TestDatabase found) throws SQLException {
        List<SchemaDifference> differences = reference.compareWith(catalog(found));
        assertEquals(List.of(), differences.stream().map(SchemaDifference::describe).toList());
    }

    private static SchemaCatalog catalog(TestDatabase db) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.url())) {
            return new CatalogReader(HISTORY_TABLES).read(connection);
        }
    }

    private static List<String> audit(TestDatabase db) throws SQLException {
        return rows(db, "SELECT event || ' ' || relations FROM callback_audit ORDER BY id");
    }

    private static String value(TestDatabase db, String sql) throws SQLException {
        return rows(db, sql).get(0);
    }

    private static int count(TestDatabase db, String sql) throws SQLException {
        return Integer.parseInt(value(db, sql));
    }

    private static List<String> rows(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.url()); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }
}
