package com.hotgigs.migrate.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.reporting.MavenReportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report goals against a real PostgreSQL: report's HTML file of its own, and site-report's page of the site. */
@MojoTest
class ReportGoalIT {

    private static final String POM = "src/test/resources/unit/database/pom.xml";

    private final GoalFixture fixture = new GoalFixture();

    @AfterEach
    void dropDatabase() {
        fixture.close();
    }

    @Test
    @InjectMojo(goal = "report", pom = POM)
    void writesTheHistoryAndTheDiagramIntoOnePage(ReportMojo report) throws Exception {
        fixture.write("001_create_companies.sql", "CREATE TABLE companies (id int PRIMARY KEY, name text NOT NULL);\n")
                .write("002_create_jobs.sql", "CREATE TABLE jobs (id int PRIMARY KEY, company_id int REFERENCES companies);\n");
        fixture.migrateUpTo("001");
        Path directory = fixture.project.resolve("target/hotgigs/report");
        setVariableValueToObject(fixture.aim(report), "reportOutputDirectory", directory.toFile());

        List<String> log = GoalFixture.run(report);

        Path page = directory.resolve("index.html");
        assertEquals("[INFO] Wrote the report to " + page, log.get(1), String.join("\n", log));
        assertEquals("[INFO] hotgigs: 1 applied, 1 pending, 0 failed; schema at 001", log.get(2));
        assertEquals(3, log.size(), String.join("\n", log));
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("data-state=\"APPLIED\" data-version=\"001\""), html);
        assertTrue(html.contains("data-state=\"PENDING\" data-version=\"002\""), html);
        assertTrue(html.contains("<g class=\"table\" data-table=\"public.companies\""), html);
        assertFalse(html.contains("data-table=\"public.jobs\""), "002 is not applied: no jobs table yet");
        assertFalse(html.contains("schema_migrations\""), "the history table is not part of the schema drawn");
        assertEquals(List.of("f"), fixture.rows("SELECT to_regclass('public.jobs') IS NOT NULL"), "the goal applies nothing");
    }

    @Test
    @InjectMojo(goal = "report", pom = POM)
    void severalTargetsGetAPageEach(ReportMojo report) throws Exception {
        fixture.write("001_create_accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        Path directory = fixture.project.resolve("target/hotgigs/report");
        fixture.aim(report);
        setVariableValueToObject(report, "reportOutputDirectory", directory.toFile());
        setVariableValueToObject(report, "schemas", List.of("tenant_a", "tenant_b"));
        setVariableValueToObject(report, "reportFile", fixture.project.resolve("target/report-targets.json").toFile());

        List<String> log = GoalFixture.run(report);

        for (String tenant : List.of("tenant_a", "tenant_b")) {
            Path page = directory.resolve(tenant).resolve("index.html");
            assertTrue(log.contains("[INFO] Wrote the report to " + page), String.join("\n", log));
            String html = Files.readString(page, StandardCharsets.UTF_8);
            assertTrue(html.contains("history in schema <b>" + tenant + "</b>"), html);
            assertTrue(html.contains("data-state=\"PENDING\" data-version=\"001\""), html);
        }
        assertFalse(Files.exists(directory.resolve("index.html")), "no page for the configured database beside the targets'");
    }

    @Test
    @InjectMojo(goal = "site-report", pom = POM)
    void inASiteTheSameReportIsRenderedIntoTheSitesPage(SiteReportMojo report) throws Exception {
        fixture.write("001_create_companies.sql", "CREATE TABLE companies (id int PRIMARY KEY);\n");
        fixture.migrateUpTo("001");
        Path directory = fixture.project.resolve("target/site");
        fixture.aim(report).setReportOutputDirectory(directory.toFile());
        report.setLog(new RecordingMavenLog());
        List<String> calls = new ArrayList<>();

        report.generate(recordingSink(calls), Locale.ENGLISH);

        assertEquals("hotgigs-report", report.getOutputName());
        assertTrue(report.canGenerateReport());
        assertEquals(List.of("head", "title", "text Database migrations", "title_", "head_", "body", "rawText", "body_", "flush", "close"),
                calls.stream().map(call -> call.startsWith("rawText ") ? "rawText" : call).toList());
        String fragment = calls.get(6).substring("rawText ".length());
        assertTrue(fragment.startsWith("<div class=\"hotgigs-report\">") && fragment.contains("data-table=\"public.companies\""), fragment);
        assertFalse(Files.exists(directory.resolve("index.html")), "in a site the report is the site's page, not a file of its own");
    }

    @Test
    @InjectMojo(goal = "site-report", pom = POM)
    void inASiteSeveralTargetsShareThePage(SiteReportMojo report) throws Exception {
        fixture.write("001_create_accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        fixture.aim(report).setReportOutputDirectory(fixture.project.resolve("target/site").toFile());
        setVariableValueToObject(report, "schemas", List.of("tenant_a", "tenant_b"));
        setVariableValueToObject(report, "reportFile", fixture.project.resolve("target/report-targets.json").toFile());
        report.setLog(new RecordingMavenLog());
        List<String> calls = new ArrayList<>();

        report.generate(recordingSink(calls), Locale.ENGLISH);

        List<String> raw = calls.stream().filter(call -> call.startsWith("rawText ")).toList();
        assertEquals(1, raw.size(), String.join("\n", calls));
        for (String tenant : List.of("tenant_a", "tenant_b")) {
            assertTrue(raw.get(0).contains("history in schema <b>" + tenant + "</b>"), raw.get(0));
        }
        assertFalse(Files.exists(fixture.project.resolve("target/hotgigs/report")), "no files of report's beside the site's page");
    }

    @Test
    @InjectMojo(goal = "site-report", pom = POM)
    void aSiteReportThatCannotReachItsDatabaseFailsTheSiteNamingTheCause(SiteReportMojo report) throws Exception {
        fixture.aim(report);
        setVariableValueToObject(report, "url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        report.setLog(new RecordingMavenLog());

        MavenReportException failure = assertThrows(MavenReportException.class,
                () -> report.generate(recordingSink(new ArrayList<>()), Locale.ENGLISH));

        assertTrue(failure.getMessage().contains("127.0.0.1:1"), failure.getMessage());
    }

    /**
     * Only a build that put the reporting API on the plugin's class path gets this far outside a site. Refused
     * before any database is read: the unreachable URL is never tried.
     */
    @Test
    @InjectMojo(goal = "site-report", pom = POM)
    void runOutsideASiteItSaysWhereItBelongsAndWritesNothing(SiteReportMojo report) throws Exception {
        fixture.aim(report);
        setVariableValueToObject(report, "url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        report.setLog(new RecordingMavenLog());

        MojoExecutionException failure = assertThrows(MojoExecutionException.class, report::execute);

        assertTrue(failure.getMessage().contains("was run outside it"), failure.getMessage());
        assertTrue(failure.getMessage().contains("run hotgigs:report for a file of its own"), failure.getMessage());
        assertFalse(Files.exists(fixture.project.resolve("target/hotgigs/report")), "no file written");
    }

    @Test
    @InjectMojo(goal = "site-report", pom = POM)
    void withSkipTheSiteLeavesTheReportOut(SiteReportMojo report) throws Exception {
        setVariableValueToObject(report, "skip", true);

        assertFalse(report.canGenerateReport());
    }

    /** A Doxia sink that records the calls made on it: the site's renderer is not needed to see what the report writes. */
    private static Sink recordingSink(List<String> calls) {
        return (Sink) Proxy.newProxyInstance(Sink.class.getClassLoader(), new Class<?>[] {Sink.class}, (proxy, method, arguments) -> {
            calls.add(method.getName() + (arguments == null || arguments.length == 0 ? "" : " " + arguments[0]));
            return null;
        });
    }
}
