package com.hotgigs.migrate.report;

import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HotGigs schema's report in a real browser: headless Chromium opens the page written for a
 * database migrated with the HotGigs migrations (and a failed and a pending one after them), runs
 * its script, and the DOM it ends with shows every HotGigs table and foreign key the catalog has
 * in the diagram and every migration in the timeline, with no script error. A screenshot is left
 * at target/hotgigs-report-screenshot.png for a person to look at.
 */
class HtmlReportBrowserIT {

    private static final Path HOTGIGS = Path.of("..", "hotgigs-schema", "src", "main", "resources", "db", "hotgigs").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "report-browser-it").toAbsolutePath();

    private static TestDatabase database;
    private static Path page;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void migrateHotgigsAndWriteTheReport() throws IOException {
        HeadlessChromium.requireInstalled();
        chromium = new HeadlessChromium(WORK);
        database = TestDatabase.create();
        Path later = Files.createDirectories(WORK.resolve("later-migrations"));
        Files.writeString(later.resolve("003_add_broken_view.sql"), "CREATE VIEW broken AS SELECT no_such_column FROM users;\n");
        Files.writeString(later.resolve("004_add_notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY);\n");
        MigratorConfig config = MigratorConfig.builder().url(database.url()).user(database.user()).password(database.password())
                .locations(List.of("filesystem:" + HOTGIGS, "filesystem:" + later)).build();
        assertThrows(MigrationFailedException.class, () -> new Migrator(config).migrate(), "003 fails, 004 stays pending");
        DatabaseReport report = new Migrator(config).report();
        page = HtmlReport.write(report, OffsetDateTime.now(), WORK.resolve("report"));
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theDiagramShowsEveryHotgigsTableAndForeignKeyWithoutScriptErrors() throws SQLException {
        HeadlessChromium.Visit visit = chromium.visit(page);

        assertEquals(List.of(), visit.console(), "the page logs nothing, and has no uncaught script error");
        assertTrue(visit.dom().contains("class=\"hotgigs-report\" data-ready=\"true\""), "the page's script ran to its end");
        Set<String> tables = catalog("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public' AND c.relname <> 'schema_migrations'");
        Set<String> foreignKeys = catalog("SELECT n.nspname || '.' || c.relname || '.' || con.conname FROM pg_constraint con "
                + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE con.contype = 'f'");
        assertTrue(tables.size() >= 20 && foreignKeys.size() >= 30, "the HotGigs schema is migrated: " + tables + foreignKeys);
        assertEquals(tables, attributes(visit.dom(), "g", "data-table"), "a box for each table, the history table left out");
        assertEquals(foreignKeys, attributes(visit.dom(), "path", "data-fk"), "a curve for each foreign key");
        assertTrue(visit.dom().contains("data-table=\"public.candidates\""), visit.dom());
        assertTrue(Pattern.compile("<g class=\"column pk\" data-column=\"id\">").matcher(visit.dom()).find(), "primary keys are marked");
    }

    @Test
    void theTimelineShowsAppliedFailedAndPendingMigrationsInTheOrderTheyRan() {
        HeadlessChromium.Visit visit = chromium.visit(page);

        Matcher entry = Pattern.compile("<li class=\"migration [^\"]+\" data-state=\"([A-Z_]+)\" data-version=\"([^\"]+)\">"
                + "<span class=\"when\">(<time datetime=\"[^\"]+\">[^<]+</time>|not yet run)</span>"
                + "<span class=\"what\">([^<]+)</span>").matcher(visit.dom());
        StringBuilder seen = new StringBuilder();
        while (entry.find()) {
            seen.append(entry.group(1)).append(' ').append(entry.group(4)).append(entry.group(3).startsWith("<time") ? " at" : " -").append('\n');
        }
        assertEquals("""
                APPLIED 001_initial_schema at
                APPLIED 002_comprehensive_ats_system at
                FAILED 003_add_broken_view at
                PENDING 004_add_notes -
                """, seen.toString());
        assertTrue(visit.dom().contains("hotgigs: 2 applied, 1 pending, 1 failed; schema at 002"), "the summary line heads the timeline");
    }

    @Test
    void thePageLoadsNothingFromElsewhere() throws IOException {
        String html = Files.readString(page, StandardCharsets.UTF_8);

        assertFalse(Pattern.compile("\\b(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no linked resources");
        assertFalse(Pattern.compile("url\\((?!#)").matcher(html).find(), "no style fetches anything");
        assertFalse(html.contains("@import"), "no imported style sheets");
    }

    @Test
    void aScreenshotIsLeftForAPersonToLookAt() throws IOException {
        Path png = Path.of("target", "hotgigs-report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(png);

        chromium.screenshot(page, png, 1600, 2400);

        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "a PNG of the page: " + bytes.length);
    }

    /** The browser check itself notices a broken script: otherwise the first test could not fail. */
    @Test
    void aScriptErrorOnThePageIsSeen() throws IOException {
        Path broken = WORK.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><body><p>x</p><script>document.body.noSuchMethod();</script></body></html>\n");

        HeadlessChromium.Visit visit = chromium.visit(broken);

        assertEquals(1, visit.console().size(), String.join("\n", visit.console()));
        assertTrue(visit.console().get(0).contains("Uncaught TypeError"), visit.console().get(0));
    }

    private static Set<String> attributes(String dom, String element, String attribute) {
        Matcher matcher = Pattern.compile("<" + element + " class=\"[^\"]*\" " + attribute + "=\"([^\"]+)\"").matcher(dom);
        Set<String> values = new TreeSet<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static Set<String> catalog(String sql) throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
