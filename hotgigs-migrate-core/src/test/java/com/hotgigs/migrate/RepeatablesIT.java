package com.hotgigs.migrate;

import com.hotgigs.migrate.report.StatusJson;
import com.hotgigs.migrate.report.Summary;
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

class RepeatablesIT {

    private static final String JOBS = "CREATE TABLE jobs (id bigint PRIMARY KEY, title text NOT NULL, open boolean NOT NULL DEFAULT true);\n";

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private final List<String> roles = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
        for (String role : roles) {
            admin("DROP ROLE IF EXISTS " + role);
        }
    }

    private List<String> runs() throws SQLException {
        return rows(database, "SELECT coalesce(version, '-'), name, kind, success FROM public.schema_migrations ORDER BY installed_rank");
    }

    private static List<String> states(StatusReport status) {
        return status.migrations().stream().map(m -> m.displayName() + " " + m.state()).toList();
    }

    @Test
    void aRepeatableRunsAfterTheVersionedOnesAndAgainOnlyWhenItsTextChanges() throws SQLException {
        migrations.write("001_jobs.sql", JOBS)
                .write("R__open_jobs.sql", "CREATE OR REPLACE VIEW open_jobs AS SELECT id, title FROM jobs WHERE open;\n");

        MigrateResult first = migrations.migratorFor(database).migrate();
        MigrateResult second = migrations.migratorFor(database).migrate();

        assertEquals(List.of("001_jobs", "R__open_jobs"), first.applied().stream().map(MigrationInfo::displayName).toList());
        assertTrue(second.applied().isEmpty(), second.applied().toString());
        assertEquals(List.of("001|jobs|MIGRATION|t", "-|open_jobs|REPEATABLE|t"), runs());
        assertEquals("hotgigs: 1 applied, 0 pending, 0 failed; schema at 001; repeatables: 1 applied, 0 pending, 0 failed",
                Summary.of(second));

        migrations.write("R__open_jobs.sql", "CREATE OR REPLACE VIEW open_jobs AS SELECT id, title, open FROM jobs WHERE open;\n");
        assertEquals(List.of("001_jobs APPLIED", "R__open_jobs OUTDATED"), states(migrations.migratorFor(database).status()));
        MigrateResult third = migrations.migratorFor(database).migrate();

        assertEquals(List.of("R__open_jobs"), third.applied().stream().map(MigrationInfo::displayName).toList());
        assertEquals(List.of("id", "title", "open"), rows(database,
                "SELECT attname FROM pg_attribute WHERE attrelid = 'open_jobs'::regclass AND attnum > 0 ORDER BY attnum"));
        assertEquals(List.of("001|jobs|MIGRATION|t", "-|open_jobs|REPEATABLE|t", "-|open_jobs|REPEATABLE|t"), runs());
        assertEquals(List.of("001_jobs APPLIED", "R__open_jobs APPLIED"), states(migrations.migratorFor(database).status()));
    }

    @Test
    void aChangedPlaceholderValueAppliesTheRepeatableAgainAndValidateCallsItPending() throws SQLException {
        String first = database.name() + "_reader";
        String second = database.name() + "_analyst";
        roles.addAll(List.of(first, second));
        admin("CREATE ROLE " + first + " NOLOGIN; CREATE ROLE " + second + " NOLOGIN");
            migrations.write("001_jobs.sql", JOBS)
                    .write("R__grants.sql", "GRANT SELECT ON jobs TO ${reader_role};\n");
            new Migrator(migrations.configFor(database).placeholders(Map.of("reader_role", first)).build()).migrate();
            Migrator changed = new Migrator(migrations.configFor(database).placeholders(Map.of("reader_role", second)).build());

            ValidationReport before = changed.validate(true);
            MigrateResult result = changed.migrate();

            assertEquals(List.of("001_jobs APPLIED", "R__grants OUTDATED"), states(before.status()));
            assertEquals(1, before.problems().size(), before.problems().toString());
            assertTrue(before.problems().get(0).startsWith("Migration R__grants is pending: it changed since it last ran"),
                    before.problems().get(0));
            assertEquals(List.of("R__grants"), result.applied().stream().map(MigrationInfo::displayName).toList());
            assertEquals("t", value(database, "SELECT has_table_privilege('" + second + "', 'jobs', 'SELECT')"));
            assertTrue(changed.validate(true).valid());
    }

    @Test
    void repeatablesRunByNameUnlessADirectiveSaysWhatOneFollows() throws SQLException {
        migrations.write("001_jobs.sql", JOBS)
                .write("R__a_open_titles.sql", "-- hotgigs:after R__z_open_jobs\nCREATE VIEW open_titles AS SELECT title FROM open_jobs;\n")
                .write("R__m_counts.sql", "CREATE VIEW job_counts AS SELECT count(*) AS jobs FROM jobs;\n")
                .write("R__z_open_jobs.sql", "CREATE VIEW open_jobs AS SELECT * FROM jobs WHERE open;\n");
        List<String> told = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void applying(MigrationInfo migration) {
                told.add(migration.displayName());
            }
        };

        new Migrator(migrations.configFor(database).build(), listener).migrate();

        assertEquals(List.of("001_jobs", "R__m_counts", "R__z_open_jobs", "R__a_open_titles"), told);
        assertTrue(tableExists(database, "open_titles"));
        assertEquals(List.of("R__m_counts REPEATABLE", "R__z_open_jobs REPEATABLE", "R__a_open_titles REPEATABLE"),
                rows(database, "SELECT 'R__' || name || ' ' || kind FROM schema_migrations WHERE version IS NULL ORDER BY installed_rank"));
    }

    @Test
    void aNameWithASpaceIsNamedInDoubleQuotes() throws SQLException {
        migrations.write("001_jobs.sql", JOBS)
                .write("R__a titles.sql", "-- hotgigs:after \"R__z open jobs\", R__m_counts -- the views it reads\n"
                        + "CREATE VIEW open_titles AS SELECT title FROM open_jobs;\n")
                .write("R__m_counts.sql", "CREATE VIEW job_counts AS SELECT count(*) AS jobs FROM jobs;\n")
                .write("R__z open jobs.sql", "CREATE VIEW open_jobs AS SELECT * FROM jobs WHERE open;\n");

        migrations.migratorFor(database).migrate();

        assertEquals(List.of("m_counts", "z open jobs", "a titles"),
                rows(database, "SELECT name FROM schema_migrations WHERE version IS NULL ORDER BY installed_rank"));

        migrations.write("R__a titles.sql", "-- hotgigs:after \"R__z open jobs\nSELECT 1;\n");
        ConfigurationException open = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());
        assertTrue(open.getMessage().contains("R__a titles.sql line 1: '-- hotgigs:after \"R__z open jobs' has a '\"' that is not closed"),
                open.getMessage());
        migrations.write("R__a titles.sql", "-- hotgigs:after R__z open jobs\nSELECT 1;\n");
        ConfigurationException unquoted = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());
        assertTrue(unquoted.getMessage().contains("'-- hotgigs:after R__z' names no repeatable; the repeatables are \"R__a titles\", "
                + "R__m_counts, \"R__z open jobs\"."), unquoted.getMessage());
    }

    @Test
    void withoutDirectivesTheyRunInNameOrder() throws SQLException {
        migrations.write("R__b.sql", "CREATE TABLE b (id int);\n")
                .write("R__a.sql", "CREATE TABLE a (id int);\n")
                .write("R__c.sql", "CREATE TABLE c (id int);\n");

        migrations.migratorFor(database).migrate();

        assertEquals(List.of("a", "b", "c"), rows(database,
                "SELECT name FROM schema_migrations ORDER BY installed_rank"));
    }

    @Test
    void aCycleOrAnUnknownNameIsRefusedNamingTheFilesBeforeAnythingIsWritten() throws SQLException {
        migrations.write("R__a.sql", "-- hotgigs:after R__b\nCREATE TABLE a (id int);\n")
                .write("R__b.sql", "-- views\n-- hotgigs:after R__a\nCREATE TABLE b (id int);\n");

        ConfigurationException cycle = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.INVALID_MIGRATION_FILE, cycle.code());
        assertTrue(cycle.getMessage().contains("R__a.sql (line 1), filesystem:" + directory + "/R__b.sql (line 2) form a cycle: "
                + "R__a runs after R__b runs after R__a"), cycle.getMessage());

        migrations.write("R__b.sql", "-- hotgigs:after R__base_views\nCREATE TABLE b (id int);\n");
        ConfigurationException unknown = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());

        assertTrue(unknown.getMessage().contains("R__b.sql line 1: '-- hotgigs:after R__base_views' names no repeatable; "
                + "the repeatables are R__a, R__b."), unknown.getMessage());
        assertFalse(tableExists(database, "schema_migrations"));
        assertFalse(tableExists(database, "a"));
    }

    @Test
    void aFailingRepeatableIsRecordedWithItsLineStopsTheRunAndIsRetried() throws SQLException {
        migrations.write("001_jobs.sql", JOBS)
                .write("R__a_view.sql", "CREATE OR REPLACE VIEW titles AS\n  SELECT titel FROM jobs;\n")
                .write("R__b_later.sql", "CREATE TABLE later (id int);\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertTrue(failure.getMessage().startsWith("Migration R__a_view failed at filesystem:" + directory + "/R__a_view.sql line 2, column 10:"),
                failure.getMessage());
        assertEquals(List.of("001|jobs|MIGRATION|t", "-|a_view|REPEATABLE|f"), runs());
        assertFalse(tableExists(database, "titles"));
        assertFalse(tableExists(database, "later"));
        StatusReport status = migrations.migratorFor(database).status();
        assertEquals(List.of("001_jobs APPLIED", "R__a_view FAILED", "R__b_later PENDING"), states(status));
        assertTrue(migrations.migratorFor(database).validate(false).problems().get(0).startsWith("Migration R__a_view failed on its last attempt"));

        migrations.write("R__a_view.sql", "CREATE OR REPLACE VIEW titles AS\n  SELECT title FROM jobs;\n");
        MigrateResult retried = migrations.migratorFor(database).migrate();

        assertEquals(List.of("R__a_view", "R__b_later"), retried.applied().stream().map(MigrationInfo::displayName).toList());
        assertEquals(List.of("001|jobs|MIGRATION|t", "-|a_view|REPEATABLE|f", "-|a_view|REPEATABLE|t", "-|b_later|REPEATABLE|t"), runs());
        assertTrue(tableExists(database, "titles"));
    }

    @Test
    void aRemovedRepeatableIsReportedAndWhatItMadeStays() throws SQLException {
        migrations.write("001_jobs.sql", JOBS)
                .write("R__open_jobs.sql", "CREATE VIEW open_jobs AS SELECT * FROM jobs WHERE open;\n");
        migrations.migratorFor(database).migrate();
        migrations.delete("R__open_jobs.sql");

        MigrateResult result = migrations.migratorFor(database).migrate();
        StatusReport status = migrations.migratorFor(database).status();

        assertTrue(result.applied().isEmpty());
        assertEquals(List.of("001_jobs APPLIED", "R__open_jobs MISSING"), states(status));
        assertEquals("hotgigs: 1 applied, 0 pending, 0 failed; schema at 001; repeatables: 0 applied, 0 pending, 0 failed, 1 missing",
                Summary.of(status));
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("Repeatable migration R__open_jobs (R__open_jobs.sql) ran")
                && w.contains("hotgigs-migrate never drops it")), result.warnings().toString());
        assertTrue(tableExists(database, "open_jobs"));
        assertTrue(migrations.migratorFor(database).validate(true).valid());
    }

    @Test
    void theStatusJsonListsRepeatablesWithoutAVersion() throws SQLException {
        migrations.write("001_jobs.sql", JOBS).write("R__open_jobs.sql", "CREATE VIEW open_jobs AS SELECT * FROM jobs;\n");
        migrations.migratorFor(database).migrate();
        migrations.write("R__later.sql", "SELECT 1;\n");

        String json = StatusJson.render(migrations.migratorFor(database).status());

        assertTrue(json.contains("{\"version\": null, \"name\": \"open_jobs\", \"script\": \"R__open_jobs.sql\", \"state\": \"APPLIED\""), json);
        assertTrue(json.contains("{\"version\": null, \"name\": \"later\", \"script\": \"R__later.sql\", \"state\": \"PENDING\""), json);
    }

    @Test
    void aFileWithAVersionedNamePartAndNoPrefixIsRefusedSayingWhichRuleItBroke() throws SQLException {
        migrations.write("001_candidate_views.sql", "SELECT 1;\n").write("candidate_views.sql", "CREATE VIEW v AS SELECT 1;\n");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.INVALID_MIGRATION_FILE, e.code());
        assertTrue(e.getMessage().contains("candidate_views.sql is badly named: it has the name part of versioned migration "
                + "001_candidate_views but no version and no R__ prefix, so it is neither versioned nor repeatable. "
                + "For a repeatable, name it R__candidate_views.sql."), e.getMessage());
        assertFalse(tableExists(database, "schema_migrations"));
    }

    @Test
    void theSameRepeatableInTwoLocationsIsRefusedNamingBoth() throws IOException, SQLException {
        Path other = Files.createDirectories(directory.resolve("other"));
        Files.writeString(other.resolve("R__views.sql"), "SELECT 2;\n");
        migrations.write("R__views.sql", "SELECT 1;\n");
        Path first = Files.createDirectories(directory.resolve("first"));
        Files.move(directory.resolve("R__views.sql"), first.resolve("R__views.sql"));

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new Migrator(migrations.configFor(database)
                .locations(List.of("filesystem:" + first, "filesystem:" + other)).build()).migrate());

        assertTrue(e.getMessage().contains("Duplicate repeatable migration R__views: filesystem:" + first + "/R__views.sql and filesystem:"
                + other + "/R__views.sql have the same name"), e.getMessage());
        assertFalse(tableExists(database, "schema_migrations"));
    }

    @Test
    void anUnknownDirectiveWordIsAnErrorNamingFileAndLine() throws SQLException {
        migrations.write("R__jobs.sql", "-- the first table\n-- hotgigs:afer R__x\n" + JOBS);

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(ErrorCode.SCRIPT_DIRECTIVE, e.code());
        assertTrue(e.getMessage().contains("R__jobs.sql line 2: '-- hotgigs:afer R__x' is not a directive"), e.getMessage());
        assertFalse(tableExists(database, "jobs"));

        // The release gate fails on what migrate would refuse, rather than passing it with a warning.
        ValidationReport report = migrations.migratorFor(database).validate(false);

        assertFalse(report.valid());
        assertTrue(report.problems().stream().anyMatch(p -> p.startsWith("Pending migration R__jobs cannot be run as it is, and "
                + "migrate would refuse it before anything runs:") && p.contains("'-- hotgigs:afer R__x' is not a directive")),
                report.problems().toString());
    }

    @Test
    void anAfterDirectiveBelowTheFirstStatementOrInAVersionedMigrationIsRefused() throws SQLException {
        migrations.write("R__a.sql", "SELECT 1;\n-- hotgigs:after R__b\n").write("R__b.sql", "SELECT 2;\n");

        ConfigurationException late = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());
        assertTrue(late.getMessage().contains("R__a.sql line 2: '-- hotgigs:after R__b' comes after the script's first statement"),
                late.getMessage());

        migrations.delete("R__a.sql").write("001_jobs.sql", "-- hotgigs:after R__b\n" + JOBS);
        ConfigurationException versioned = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());
        assertTrue(versioned.getMessage().contains("001_jobs.sql line 1: '-- hotgigs:after' orders repeatables (R__<name>.sql) "
                + "among themselves"), versioned.getMessage());
        assertFalse(tableExists(database, "schema_migrations"));
    }

    @Test
    void aHistoryTableOfTheFirstFormatIsUpgradedOnceAndThenTakesRepeatables() throws SQLException {
        migrations.write("001_jobs.sql", JOBS);
        migrations.migratorFor(database).migrate();
        // What the first released plugin wrote: ten columns, no kind.
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE schema_migrations");
            statement.execute("CREATE TABLE schema_migrations (installed_rank integer PRIMARY KEY, version text NOT NULL, "
                    + "name text NOT NULL, script text NOT NULL, checksum text NOT NULL, installed_by text NOT NULL, "
                    + "installed_on timestamptz NOT NULL DEFAULT now(), execution_time_ms integer NOT NULL, success boolean NOT NULL, "
                    + "error text)");
            statement.execute("INSERT INTO schema_migrations VALUES (1, '001', 'jobs', '001_jobs.sql', '"
                    + migrations.migratorFor(database).status().migrations().get(0).checksum() + "', 'someone', now(), 5, true, NULL)");
        }
        migrations.write("R__open_jobs.sql", "CREATE VIEW open_jobs AS SELECT * FROM jobs;\n");

        MigrateResult result = migrations.migratorFor(database).migrate();

        assertEquals(List.of("R__open_jobs"), result.applied().stream().map(MigrationInfo::displayName).toList());
        assertEquals(List.of("001|jobs|MIGRATION|t", "-|open_jobs|REPEATABLE|t"), runs());
    }

    private static void admin(String sql) throws SQLException {
        try (Connection admin = TestPostgres.shared().connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
