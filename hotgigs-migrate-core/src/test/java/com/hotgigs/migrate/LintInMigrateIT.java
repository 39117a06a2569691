package com.hotgigs.migrate;

import com.hotgigs.migrate.lint.LintSettings;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lint inside migrate and validate: warnings for what is about to run, a failure before anything is written with failOnLint. */
class LintInMigrateIT {

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final MigrationListener listener = new MigrationListener() {
        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    @BeforeEach
    void migrateTheFirst() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int, title text);\nCREATE INDEX jobs_id ON jobs (id);\n");
        new Migrator(migrations.configFor(database).build(), listener).migrate();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aTableCreatedEarlierInTheSameRunHasNoReadersYet() {
        assertEquals(List.of(), warnings, "001 creates jobs and indexes it in one run");
    }

    @Test
    void aFindingInAPendingMigrationIsAWarningAndTheMigrationRuns() throws SQLException {
        migrations.write("002_index.sql", "-- titles\nCREATE INDEX jobs_title ON jobs (title);\n");
        new Migrator(migrations.configFor(database).build(), listener).migrate();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("filesystem:" + directory + "/002_index.sql line 2: [add-index-non-concurrently] "
                + "CREATE INDEX on the existing table jobs without CONCURRENTLY"), warnings.get(0));
        assertEquals("t", value(database, "SELECT (to_regclass('jobs_title') IS NOT NULL)::text").substring(0, 1));
    }

    @Test
    void aPendingRepeatableIsLintedByValidateAndMigrateAsItIsSent() {
        migrations.write("R__titles.sql", "CREATE INDEX IF NOT EXISTS jobs_title ON jobs (title);\n");
        ValidationReport validated = new Migrator(migrations.configFor(database).build(), listener).validate(false);
        assertTrue(validated.warnings().stream().anyMatch(w -> w.contains("R__titles.sql line 1: [add-index-non-concurrently]")),
                validated.warnings().toString());
        warnings.clear();

        new Migrator(migrations.configFor(database).build(), listener).migrate();

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("filesystem:" + directory + "/R__titles.sql line 1: [add-index-non-concurrently] "),
                warnings.get(0));
    }

    @Test
    void failOnLintFailsBeforeAnythingIsWritten() throws SQLException {
        migrations.write("002_index.sql", "CREATE INDEX jobs_title ON jobs (title);\n")
                .write("003_more.sql", "ALTER TABLE jobs ADD COLUMN salary int;\n");
        List<String> historyBefore = rows(database, "SELECT * FROM public.schema_migrations ORDER BY installed_rank");
        LintFailedException failure = assertThrows(LintFailedException.class, () -> new Migrator(migrations.configFor(database)
                .lint(new LintSettings(true, Set.of())).build(), listener).migrate());
        assertEquals(ErrorCode.LINT_FAILED, failure.code());
        assertTrue(failure.getMessage().startsWith("Lint found 1 hazard and hotgigs.failOnLint is true; nothing was applied."),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("002_index.sql line 1: [add-index-non-concurrently]"), failure.getMessage());
        assertEquals(historyBefore, rows(database, "SELECT * FROM public.schema_migrations ORDER BY installed_rank"));
        assertEquals("f", value(database, "SELECT (to_regclass('jobs_title') IS NOT NULL)::text").substring(0, 1));
        assertEquals("0", value(database, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'salary'"));

        ValidationReport validated = new Migrator(migrations.configFor(database).lint(new LintSettings(true, Set.of())).build())
                .validate(false);
        assertEquals(1, validated.problems().size(), "validate with failOnLint fails on it too: " + validated.problems());
    }

    @Test
    void anExemptedStatementRunsWithoutAWarning() {
        migrations.write("002_index.sql", "-- hotgigs:lint-ignore add-index-non-concurrently\nCREATE INDEX jobs_title ON jobs (title);\n");
        new Migrator(migrations.configFor(database).lint(new LintSettings(true, Set.of())).build(), listener).migrate();
        assertEquals(List.of(), warnings);
    }

    @Test
    void anUnknownRuleInADirectiveStopsTheRunBeforeAnythingRuns() throws SQLException {
        migrations.write("002_index.sql", "-- hotgigs:lint-ignore add-index-nonconcurrently\nCREATE INDEX jobs_title ON jobs (title);\n");
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> new Migrator(migrations.configFor(database).build(), listener).migrate());
        assertEquals(ErrorCode.UNKNOWN_LINT_RULE, failure.code());
        assertTrue(failure.getMessage().startsWith("filesystem:" + directory + "/002_index.sql line 1: '-- hotgigs:lint-ignore "
                + "add-index-nonconcurrently' names no lint rule; the rules are "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Correct the id. Nothing was run."), failure.getMessage());
        assertEquals("1", value(database, "SELECT count(*) FROM public.schema_migrations"));
        assertEquals("f", value(database, "SELECT (to_regclass('jobs_title') IS NOT NULL)::text").substring(0, 1));
    }

    @Test
    void validateWarnsAboutPendingMigrations() {
        migrations.write("002_drop.sql", "ALTER TABLE jobs DROP COLUMN title;\n");
        ValidationReport report = new Migrator(migrations.configFor(database).build()).validate(false);
        assertTrue(report.valid(), report.problems().toString());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains("002_drop.sql line 1: [rename-or-drop]")),
                report.warnings().toString());
    }

    @Test
    void missingLockTimeoutReadsTheConfiguredTimeout() {
        migrations.write("002_column.sql", "ALTER TABLE jobs ADD COLUMN salary int;\n");
        new Migrator(migrations.configFor(database).lockTimeout(java.time.Duration.ZERO).build(), listener).migrate();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("[missing-lock-timeout] 002_column runs with no lock_timeout"), warnings.get(0));
    }
}
