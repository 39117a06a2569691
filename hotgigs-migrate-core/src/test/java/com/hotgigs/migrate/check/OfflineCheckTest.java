package com.hotgigs.migrate.check;

import com.hotgigs.migrate.CheckReport;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.lint.LintSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline check and the manifest, on files only: the URL points at a port nothing listens on, so
 * any attempt to connect would fail the test.
 */
class OfflineCheckTest {

    /** Port 9 (discard): nothing answers there, so a goal that tried to connect would fail. */
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:9/none?connectTimeout=1";

    @TempDir
    Path directory;
    private Path migrations;
    private Path manifest;

    @BeforeEach
    void writeMigrations() throws IOException {
        migrations = Files.createDirectories(directory.resolve("db"));
        manifest = migrations.resolve("hotgigs.sum");
        write("001_jobs.sql", "CREATE TABLE jobs (id bigint PRIMARY KEY, title text);\n");
        write("002_index.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS jobs_title ON jobs (title);\n");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql, StandardCharsets.UTF_8);
    }

    private Migrator migrator(MigratorConfig.Builder settings) {
        return new Migrator(settings.build());
    }

    private MigratorConfig.Builder config() {
        return MigratorConfig.builder().url(NOWHERE).locations(List.of("filesystem:" + migrations)).lockWait(Duration.ZERO);
    }

    private CheckReport check() {
        return migrator(config()).check(manifest);
    }

    @Test
    void theManifestListsEveryMigrationSortedByVersionWithItsOwnChecksum() throws Exception {
        write("010_later.sql", "SELECT 1;\r\n");
        write("2.1_between.sql", "SELECT 2;\n");
        assertEquals(4, migrator(config()).writeManifest(manifest));
        String text = Files.readString(manifest);
        List<String> lines = List.of(text.split("\n"));
        assertEquals(5, lines.size(), text);
        assertTrue(lines.get(0).startsWith("001 ") && lines.get(0).endsWith(" 001_jobs.sql"), lines.get(0));
        assertTrue(lines.get(1).startsWith("002 "), lines.get(1));
        assertTrue(lines.get(2).startsWith("2.1 "), "versions compare numerically: " + lines.get(2));
        assertTrue(lines.get(3).startsWith("010 "), lines.get(3));
        assertEquals("001 " + sha256("CREATE TABLE jobs (id bigint PRIMARY KEY, title text);\n") + " 001_jobs.sql", lines.get(0));
        assertEquals("010 " + sha256("SELECT 1;\n") + " 010_later.sql", lines.get(3), "CRLF counts as LF, as in the history");
        assertEquals("checksum " + sha256(text.substring(0, text.lastIndexOf("checksum "))), lines.get(4));
        assertTrue(text.endsWith("\n") && !text.contains("\r"), "LF only, the same bytes everywhere");
        assertTrue(check().passed(), check().problems().toString());
    }

    @Test
    void aListedMigrationEditedRemovedOrOneNotListedIsNamedWithTheFix() throws Exception {
        migrator(config()).writeManifest(manifest);
        write("001_jobs.sql", "CREATE TABLE jobs (id bigint PRIMARY KEY, title text); \n");
        Files.delete(migrations.resolve("002_index.sql"));
        write("003_new.sql", "SELECT 1;\n");
        List<String> problems = check().problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("filesystem:" + migrations + "/001_jobs.sql was edited after it was listed in "
                + manifest), problems.get(0));
        assertTrue(problems.get(0).contains("put the change in a new migration"), problems.get(0));
        assertTrue(problems.get(1).startsWith("002_index.sql is listed in " + manifest + " but no longer exists"), problems.get(1));
        assertTrue(problems.get(2).startsWith("filesystem:" + migrations + "/003_new.sql is not listed in " + manifest
                + ": run mvn hotgigs:manifest"), problems.get(2));
    }

    @Test
    void repeatablesAreLintedAndCheckedAndCallbacksCheckedButTheManifestListsVersionsOnly() throws Exception {
        write("R__job_titles.sql", "CREATE INDEX job_titles ON jobs (title);\n");
        write("R__broken.sql", "CREATE OR REPLACE VIEW broken AS SELECT 'unterminated;\n");
        write("afterMigrate.sql", "GRANT SELECT ON jobs TO ${app_role};\n");
        assertEquals(2, migrator(config()).writeManifest(manifest), "the manifest lists the versioned migrations");

        CheckReport report = check();

        List<String> problems = report.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("R__broken.sql") && p.contains("line 1")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("afterMigrate.sql") && p.contains("app_role")), problems.toString());
        assertEquals(List.of("add-index-non-concurrently"), report.lint().findings().stream().map(f -> f.rule().id()).toList(),
                "the repeatable's CREATE INDEX on an existing table: " + report.lint().findings());
        assertEquals("R__job_titles", report.lint().findings().get(0).migration());
    }

    @Test
    void aSecretValueInALintedStatementOrAProblemIsShownAsItsPlaceholder() throws Exception {
        write("003_index.sql", "CREATE INDEX s ON jobs (s) WHERE s > '${db_password}';\n");
        write("R__broken.sql", "SELECT '${db_password}', 'unterminated;\n");
        MigratorConfig.Builder settings = config().placeholders(Map.of("db_password", "Tr0ub4dor-3"));
        migrator(settings).writeManifest(manifest);

        CheckReport report = migrator(settings).check(manifest);

        assertEquals("CREATE INDEX s ON jobs (s) WHERE s > '${db_password}'",
                report.lint().findings().get(0).statement());
        String everything = report.problems() + " " + report.lint().findings().stream().map(f -> f.message()).toList()
                + " " + com.hotgigs.migrate.report.LintJson.render(report.lint());
        assertTrue(everything.contains("R__broken.sql"), everything);
        assertFalse(everything.contains("Tr0ub4dor-3"), everything);
    }

    @Test
    void aManifestEditedByHandIsSeen() throws Exception {
        migrator(config()).writeManifest(manifest);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("001_jobs.sql", "001_job.sql"));
        List<String> problems = check().problems();
        assertTrue(problems.get(0).startsWith(manifest + " was edited by hand: its last line is not the checksum of the lines above."),
                problems.toString());

        // One character of a listed checksum changed: the manifest is at fault, not the untouched file.
        migrator(config()).writeManifest(manifest);
        String listed = Files.readString(manifest);
        int hash = listed.indexOf(' ') + 1;
        Files.writeString(manifest, listed.substring(0, hash) + (listed.charAt(hash) == 'a' ? 'b' : 'a') + listed.substring(hash + 1));
        assertEquals(List.of(manifest + " was edited by hand: its last line is not the checksum of the lines above. Run mvn "
                + "hotgigs:manifest to write it from the migrations, check the difference, and commit it."), check().problems());
    }

    @Test
    void aListedMigrationRenamedOrMovedIsNamedAsOneRename() throws Exception {
        migrator(config()).writeManifest(manifest);
        Files.move(migrations.resolve("002_index.sql"), Files.createDirectories(migrations.resolve("sub")).resolve("002_title_index.sql"));

        List<String> problems = check().problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("002_index.sql is listed in " + manifest + " but was renamed or moved to filesystem:"
                + migrations + "/sub/002_title_index.sql (the same version 002 and content)"), problems.get(0));
    }

    @Test
    void twoBranchesThatEachAddedTheSameVersionFailNamingBothFiles() throws Exception {
        migrator(config()).writeManifest(manifest);
        String base = Files.readString(manifest);
        write("003_add_salary.sql", "ALTER TABLE jobs ADD COLUMN salary numeric;\n");
        migrator(config()).writeManifest(manifest);
        String ours = Files.readString(manifest);
        Files.delete(migrations.resolve("003_add_salary.sql"));
        write("003_add_location.sql", "ALTER TABLE jobs ADD COLUMN location text;\n");
        migrator(config()).writeManifest(manifest);
        String theirs = Files.readString(manifest);
        write("003_add_salary.sql", "ALTER TABLE jobs ADD COLUMN salary numeric;\n");
        // What git leaves after merging the two branches' manifests.
        String[] a = ours.split("\n");
        String[] b = theirs.split("\n");
        Files.writeString(manifest, a[0] + "\n" + a[1] + "\n<<<<<<< HEAD\n" + a[2] + "\n" + a[3] + "\n=======\n" + b[2] + "\n" + b[3]
                + "\n>>>>>>> location\n");
        assertTrue(base.lines().count() == 3);

        List<String> problems = check().problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Duplicate migration version (003): filesystem:" + migrations + "/003_add_location.sql and "
                + "filesystem:" + migrations + "/003_add_salary.sql have the same version"), problems.get(0));
        assertTrue(problems.get(0).endsWith("have the same version. Give one of them the next free version (two branches each "
                + "added one: rename either) and run mvn hotgigs:manifest."), problems.get(0));
        assertTrue(problems.get(1).startsWith(manifest + " has merge-conflict markers (line 3, 6, 9): two branches changed the "
                + "migrations."), problems.get(1));
    }

    @Test
    void aBadlyNamedFileIsAProblemNamingItAndHowToRenameIt() throws Exception {
        migrator(config()).writeManifest(manifest);
        write("3_add salary.SQL", "SELECT 1;\n");
        List<String> problems = check().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Migration file filesystem:" + migrations + "/3_add salary.SQL ends in .SQL, not .sql"),
                problems.get(0));
        assertTrue(problems.get(0).contains("Rename it"), problems.get(0));
        assertEquals(CheckReport.UNKNOWN, check().migrations(), "the locations could not be read as migrations");

        // Two bad files: two problems of the check's own list, not one that lists them under a heading of its own.
        write("4_other.SQL", "SELECT 1;\n");
        List<String> both = check().problems();
        assertEquals(2, both.size(), both.toString());
        assertTrue(both.stream().allMatch(p -> p.startsWith("Migration file filesystem:")), both.toString());
    }

    @Test
    void noManifestIsAProblemThatSaysHowToWriteOne() {
        List<String> problems = check().problems();
        assertEquals(List.of("The manifest " + manifest + " does not exist. Run mvn hotgigs:manifest and commit the file it writes, "
                + "so that a migration edited or removed, or one added twice on two branches, is seen without a database."), problems);
    }

    @Test
    void splitterErrorsMixedScriptsPlaceholdersAndBadNamesAreProblemsEachNamingItsFile() throws Exception {
        write("003_quote.sql", "SELECT 'unterminated;\n");
        write("004_mixed.sql", "CREATE TABLE notes (id int);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS notes_id ON notes (id);\n");
        write("005_role.sql", "GRANT SELECT ON jobs TO ${app_role};\n");
        write("006_meta.sql", "\\connect other\n");
        migrator(config()).writeManifest(manifest);
        List<String> problems = check().problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("003_quote.sql) line 1"), problems.get(0));
        assertTrue(problems.get(1).contains("004_mixed.sql) mixes statements"), problems.get(1));
        assertTrue(problems.get(2).contains("005_role.sql line 1, column 25: the placeholder '${app_role}' has no value"), problems.get(2));
        assertTrue(problems.get(3).contains("006_meta.sql) line 1"), problems.get(3));

        Files.delete(migrations.resolve("003_quote.sql"));
        Files.delete(migrations.resolve("004_mixed.sql"));
        Files.delete(migrations.resolve("006_meta.sql"));
        migrator(config()).writeManifest(manifest);
        assertTrue(migrator(config().placeholders(Map.of("app_role", "hotgigs_app"))).check(manifest).passed());
    }

    @Test
    void lintFindingsAreWarningsUnlessFailOnLint() throws Exception {
        write("003_title_index.sql", "CREATE INDEX jobs_title_plain ON jobs (title);\n");
        migrator(config()).writeManifest(manifest);
        CheckReport warned = check();
        assertTrue(warned.passed(), warned.problems().toString());
        assertEquals(List.of("add-index-non-concurrently"), warned.lint().findings().stream().map(f -> f.rule().id()).toList(),
                "the table of 001 is judged as in use: each file alone");
        CheckReport failed = migrator(config().lint(new LintSettings(true, Set.of()))).check(manifest);
        assertEquals(1, failed.problems().size());
        assertTrue(failed.problems().get(0).contains("003_title_index.sql line 1: [add-index-non-concurrently]"), failed.problems().get(0));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
