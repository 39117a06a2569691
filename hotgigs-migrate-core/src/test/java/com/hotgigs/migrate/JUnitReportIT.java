package com.hotgigs.migrate;

import com.hotgigs.migrate.report.JUnitReport;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JUnit XML reports of real runs, parsed as a CI server parses them. */
class JUnitReportIT {

    @TempDir
    Path directory;
    @TempDir
    Path reports;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aSuccessfulRunHasOnePassedCasePerMigrationWithItsTime() throws Exception {
        migrations.write("001_candidates.sql", "CREATE TABLE candidates (id bigint PRIMARY KEY);\n")
                .write("002_jobs.sql", "CREATE TABLE jobs (id bigint PRIMARY KEY);\n")
                .write("003_offers.sql", "CREATE TABLE offers (id bigint PRIMARY KEY);\n");

        MigrateResult result = new Migrator(migrations.configFor(database).target("002").build()).migrate();
        Path file = JUnitReport.ofMigrate(result).write(reports);

        assertEquals("TEST-hotgigs.migrate.xml", file.getFileName().toString());
        Element suite = parse(file);
        assertEquals("hotgigs.migrate." + database.name(), suite.getAttribute("name"));
        assertCounts(suite, 3, 0, 0, 1);
        assertEquals(List.of("001_candidates", "002_jobs", "003_offers"), names(suite));
        for (String name : List.of("001_candidates", "002_jobs")) {
            Element passed = testCase(suite, name);
            assertEquals(0, passed.getElementsByTagName("failure").getLength() + passed.getElementsByTagName("skipped").getLength());
            String recordedMs = value(database, "SELECT execution_time_ms FROM schema_migrations WHERE version = '" + name.substring(0, 3) + "'");
            assertEquals(Long.parseLong(recordedMs), Math.round(Double.parseDouble(passed.getAttribute("time")) * 1000), name);
        }
        assertEquals(1, testCase(suite, "003_offers").getElementsByTagName("skipped").getLength());
        assertEquals("002", property(suite, "currentVersion"));
    }

    @Test
    void aFailedMigrationIsAFailureWithFileLineAndTheServersMessage() throws Exception {
        migrations.write("001_candidates.sql", "CREATE TABLE candidates (id bigint PRIMARY KEY);\n")
                .write("002_broken.sql", "CREATE TABLE offers (id bigint PRIMARY KEY);\n\nINSERT INTO offers\n  VALUES (no_such_column);\n")
                .write("003_later.sql", "CREATE TABLE later (id bigint);\n");
        Migrator migrator = migrations.migratorFor(database);

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, migrator::migrate);
        Element suite = parse(JUnitReport.ofFailedMigrate(migrator.status(), failure).write(reports));

        assertCounts(suite, 3, 1, 0, 1);
        Element broken = testCase(suite, "002_broken");
        assertEquals(directory + "/002_broken.sql", broken.getAttribute("file"));
        assertEquals("4", broken.getAttribute("line"), "the line of the column PostgreSQL points at");
        Element failed = (Element) broken.getElementsByTagName("failure").item(0);
        assertNotNull(failed, "002_broken has a failure element");
        assertEquals("SQLSTATE 42703", failed.getAttribute("type"));
        assertTrue(failed.getAttribute("message").contains("column \"no_such_column\" does not exist"), failed.getAttribute("message"));
        assertEquals(failure.getMessage(), failed.getTextContent());
        // What the report says is what the history table recorded for the attempt.
        String recorded = value(database, "SELECT error FROM schema_migrations WHERE version = '002' AND NOT success");
        assertTrue(failed.getTextContent().contains(recorded.substring(recorded.indexOf(": ") + 2)), recorded);
        Element applied = testCase(suite, "001_candidates");
        assertEquals(0, applied.getElementsByTagName("failure").getLength() + applied.getElementsByTagName("skipped").getLength());
        assertTrue(((Element) testCase(suite, "003_later").getElementsByTagName("skipped").item(0)).getAttribute("message")
                .contains("an earlier migration failed"));
    }

    @Test
    void validateFailsTheEditedMigrationAndPassesTheOthers() throws Exception {
        migrations.write("001_candidates.sql", "CREATE TABLE candidates (id bigint PRIMARY KEY);\n")
                .write("002_jobs.sql", "CREATE TABLE jobs (id bigint PRIMARY KEY);\n");
        migrations.migratorFor(database).migrate();
        migrations.write("002_jobs.sql", "CREATE TABLE jobs (id bigint PRIMARY KEY, title text);\n")
                .write("003_offers.sql", "CREATE TABLE offers (id bigint PRIMARY KEY);\n");

        ValidationReport report = migrations.migratorFor(database).validate(false);
        Element suite = parse(JUnitReport.ofValidate(report).write(reports));

        assertEquals("hotgigs.validate." + database.name(), suite.getAttribute("name"));
        assertCounts(suite, 3, 1, 0, 1);
        Element failed = (Element) testCase(suite, "002_jobs").getElementsByTagName("failure").item(0);
        assertEquals("CHECKSUM_MISMATCH", failed.getAttribute("type"));
        assertEquals(report.problems().get(0), failed.getAttribute("message"));
        assertTrue(failed.getAttribute("message").contains(value(database, "SELECT checksum FROM schema_migrations WHERE version = '002'")));
    }

    @Test
    void aRunThatCannotReachTheDatabaseIsOneError() throws Exception {
        MigratorConfig config = MigratorConfig.builder().url("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2")
                .user("nobody").locations(List.of("filesystem:" + directory)).build();
        MigrationException failure = assertThrows(MigrationException.class, () -> new Migrator(config).migrate());

        Element suite = parse(JUnitReport.ofError("migrate", failure).write(reports));

        assertCounts(suite, 1, 0, 1, 0);
        Element error = (Element) testCase(suite, "migrate").getElementsByTagName("error").item(0);
        assertEquals(failure.code().name(), error.getAttribute("type"));
        assertEquals(failure.getMessage(), error.getTextContent());
    }

    private static Element parse(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        return document.getDocumentElement();
    }

    private static void assertCounts(Element suite, int tests, int failures, int errors, int skipped) {
        assertEquals("testsuite", suite.getTagName());
        assertEquals(List.of(tests, failures, errors, skipped), List.of(
                Integer.parseInt(suite.getAttribute("tests")), Integer.parseInt(suite.getAttribute("failures")),
                Integer.parseInt(suite.getAttribute("errors")), Integer.parseInt(suite.getAttribute("skipped"))),
                "tests, failures, errors, skipped");
        assertEquals(tests, suite.getElementsByTagName("testcase").getLength());
        assertEquals(failures, suite.getElementsByTagName("failure").getLength());
        assertEquals(errors, suite.getElementsByTagName("error").getLength());
        assertEquals(skipped, suite.getElementsByTagName("skipped").getLength());
    }

    private static List<String> names(Element suite) {
        List<String> names = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }

    private static Element testCase(Element suite, String name) {
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            if (testCase.getAttribute("name").equals(name)) {
                assertEquals(suite.getAttribute("name"), testCase.getAttribute("classname"));
                return testCase;
            }
        }
        throw new AssertionError("no test case " + name + " in " + names(suite));
    }

    private static String property(Element suite, String name) {
        NodeList properties = suite.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }
}
