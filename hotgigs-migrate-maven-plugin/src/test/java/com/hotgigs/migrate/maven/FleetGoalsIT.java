package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The goals on several targets: what they log, report and fail with. */
@MojoTest
class FleetGoalsIT {

    private static final String POM = "src/test/resources/unit/database/pom.xml";

    private final GoalFixture fixture = new GoalFixture();

    /** The session whose properties a test named targets in, cleared after it. */
    private MavenSession targetsSession;

    @AfterEach
    void dropDatabase() {
        if (targetsSession != null) {
            targetsSession.getUserProperties().remove("hotgigs.schemas");
        }
        fixture.close();
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "schemas", value = "tenant_a,tenant_b,tenant_c")
    @MojoParameter(name = "parallelism", value = "2")
    void migrateLogsEachFinishedTargetTheTableAndTheSummaryAndFailsNamingTheBrokenOne(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "\nCREATE TABLE b (id int);\n");
        // tenant_b is at 001, and has since been given a table that 002 creates.
        new Migrator(MigratorConfig.builder().url(fixture.database.url()).schema("tenant_b").searchPath("tenant_b").target("001")
                .locations(List.of("filesystem:" + fixture.migrations)).build()).migrate();
        execute("CREATE TABLE tenant_b.b (id int)");
        Path report = fixture.project.resolve("target/fleet.json");
        Path reports = fixture.project.resolve("target/hotgigs-reports");
        setVariableValueToObject(fixture.aim(mojo), "reportFile", report.toFile());
        setVariableValueToObject(mojo, "reportsDirectory", reports.toFile());
        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        List<String> lines = log.visible();
        String all = String.join("\n", lines);
        assertTrue(lines.get(0).matches("\\[INFO] 3 targets from jdbc:postgresql://.* as \\w+, history table schema_migrations in each, 2 at once"),
                lines.get(0));
        assertTrue(lines.contains("[INFO] tenant_a: Applying 001_a"), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[INFO] tenant_a: applied 2 in \\d+ ms, at 002 \\([123]/3\\)")), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[WARNING] tenant_b: FAILED after \\d+ ms: Migration 002_b failed at "
                + "filesystem:migrations/002_b.sql line 2, column 1: ERROR: relation \"b\" already exists \\(SQLSTATE 42P07\\) "
                + "\\([123]/3\\)")), all);
        int header = lines.indexOf("[INFO] Target    State   Applied  New  Pending  Failed  Version  Time");
        assertTrue(header > 0, all);
        assertTrue(lines.get(header + 2).matches("\\[INFO] tenant_a  OK      2        2    0        0       002      \\d+ ms"), all);
        assertTrue(lines.get(header + 3).matches("\\[INFO] tenant_b  FAILED  1        0    0        1       001      \\d+ ms"), all);
        assertTrue(lines.get(header + 4).matches("\\[INFO] tenant_c  OK      2        2    0        0       002      \\d+ ms"), all);
        assertEquals("[INFO] Wrote the report of every target to " + report, lines.get(header + 5));
        assertTrue(lines.get(header + 6).matches("\\[INFO] hotgigs: 3 targets, 2 done, 1 failed, 0 not started; 4 migrations "
                + "applied in \\d+ ms"), lines.get(header + 6));
        assertTrue(e.getMessage().startsWith("1 of 3 targets failed; the others are done:\n  - tenant_b: Migration 002_b failed at "
                + "filesystem:migrations/002_b.sql line 2, column 1:"), e.getMessage());

        String json = Files.readString(report);
        assertTrue(json.startsWith("{\n  \"formatVersion\": 1,\n  \"goal\": \"migrate\",\n  \"targetCount\": 3,\n  \"failedCount\": 1,"), json);
        assertTrue(json.contains("{\"target\": \"tenant_b\", \"kind\": \"SCHEMA\", \"state\": \"FAILED\", \"applied\": 1, "
                + "\"appliedNow\": 0, \"pending\": 0, \"failed\": 1, \"currentVersion\": \"001\""), json);
        assertTrue(json.contains("\"code\": \"MIGRATION_FAILED\""), json);
        assertTrue(json.contains("\"script\": \"filesystem:migrations/002_b.sql\", \"line\": 2}"), json);
        for (String tenant : List.of("tenant_a", "tenant_c")) {
            assertEquals(List.of("001|t", "002|t"), fixture.rows("SELECT version, success FROM " + tenant
                    + ".schema_migrations ORDER BY installed_rank"));
        }
        assertEquals(List.of("001|t", "002|f"), fixture.rows("SELECT version, success FROM tenant_b.schema_migrations ORDER BY installed_rank"));

        // One JUnit report per target, its suite named for it; the broken one's failure has file, line and the server's message.
        assertEquals(List.of("TEST-hotgigs.migrate.tenant_a.xml", "TEST-hotgigs.migrate.tenant_b.xml", "TEST-hotgigs.migrate.tenant_c.xml"),
                files(reports));
        Element good = suite(reports.resolve("TEST-hotgigs.migrate.tenant_a.xml"));
        assertEquals("hotgigs.migrate.tenant_a", good.getAttribute("name"));
        assertEquals(List.of("001_a", "002_b"), caseNames(good));
        assertEquals("0", good.getAttribute("failures"));
        Element broken = suite(reports.resolve("TEST-hotgigs.migrate.tenant_b.xml"));
        assertEquals("hotgigs.migrate.tenant_b", broken.getAttribute("name"));
        assertEquals(List.of("001_a", "002_b"), caseNames(broken));
        assertEquals("1", broken.getAttribute("failures"));
        Element failed = (Element) broken.getElementsByTagName("testcase").item(1);
        assertEquals("migrations/002_b.sql", failed.getAttribute("file"));
        assertEquals("2", failed.getAttribute("line"));
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("SQLSTATE 42P07", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").contains("ERROR: relation \"b\" already exists"), failure.getAttribute("message"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "schemas", value = "tenant_a,tenant_b,tenant_c")
    @MojoParameter(name = "shard", value = "3/2")
    void aBadShardIsRefusedBeforeAnythingRuns(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fixture.aim(mojo).execute());

        assertTrue(e.getMessage().startsWith("Setting 'shard' (hotgigs.shard) has the invalid value '3/2': expected i/n"), e.getMessage());
        assertEquals(List.of("0"), fixture.rows("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant_%'"));
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    @MojoParameter(name = "schemas", value = "tenant_a,tenant_b")
    void statusShowsEveryTargetInOneTable(StatusMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        execute("CREATE SCHEMA tenant_a");
        setVariableValueToObject(mojo, "buildDirectory", fixture.project.resolve("target").toFile());

        List<String> lines = GoalFixture.run(fixture.aim(mojo));

        String all = String.join("\n", lines);
        assertTrue(lines.contains("[INFO] tenant_a: at none, 1 pending, 0 failed (1/2)")
                || lines.contains("[INFO] tenant_a: at none, 1 pending, 0 failed (2/2)"), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[INFO] tenant_b  OK     0        0    1        0       none     \\d+ ms")), all);
        assertTrue(Files.readString(fixture.project.resolve("target/hotgigs-reports/status-targets.json")).contains("\"goal\": \"status\""));
        assertEquals(List.of("0"), fixture.rows("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_b'"));
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    @MojoParameter(name = "schemas", value = "tenant_a,tenant_b")
    void statusOnTargetsWritesAStatusFileEachAndTellsAnEditedMigration(StatusMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        migrateTenantUpTo("tenant_a", "001");
        migrateTenantUpTo("tenant_b", "001");
        execute("UPDATE tenant_b.schema_migrations SET checksum = 'deadbeef' WHERE version = '001'");
        Path statusFile = fixture.project.resolve("target/status.json");
        setVariableValueToObject(mojo, "statusFile", statusFile.toFile());
        setVariableValueToObject(mojo, "buildDirectory", fixture.project.resolve("target").toFile());

        List<String> lines = GoalFixture.run(fixture.aim(mojo));

        String all = String.join("\n", lines);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[INFO] tenant_b: at 001, 0 pending, 0 failed; 1 checksum mismatch, "
                + "0 missing \\([12]/2\\)")), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[INFO] tenant_a: at 001, 0 pending, 0 failed \\([12]/2\\)")), all);
        assertFalse(Files.exists(statusFile), "one file per target, none for the fleet");
        assertTrue(Files.readString(fixture.project.resolve("target/status-tenant_a.json")).contains("\"state\": \"APPLIED\""));
        assertTrue(Files.readString(fixture.project.resolve("target/status-tenant_b.json")).contains("\"state\": \"CHECKSUM_MISMATCH\""));
        assertTrue(lines.contains("[INFO] Wrote the status to " + fixture.project.resolve("target/status-tenant_b.json")), all);
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void aTargetListThatIsSetButNamesNothingIsRefusedNotRunOnTheConfiguredDatabase(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        // As Maven gives -Dhotgigs.schemas=, (its empty elements are null) and a blank CI variable.
        for (List<String> blank : List.<List<String>>of(java.util.Arrays.asList(null, null), List.of(" ", ""))) {
            setVariableValueToObject(mojo, "schemas", blank);

            MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fixture.aim(mojo).execute());

            assertTrue(e.getMessage().startsWith("Setting 'schemas' (hotgigs.schemas) is set but names no target. Nothing was run."),
                    e.getMessage());
        }
        setVariableValueToObject(mojo, "schemas", null);
        setVariableValueToObject(mojo, "targetsQuery", "  ");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fixture.aim(mojo).execute());

        assertTrue(e.getMessage().startsWith("Setting 'targetsQuery' (hotgigs.targetsQuery) is set but blank"), e.getMessage());
        assertEquals(List.of("0"), fixture.rows("SELECT count(*) FROM pg_tables WHERE tablename IN ('a', 'schema_migrations')"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "schemas", value = "tenant_a,tenant_b")
    void aReportFileThatCannotBeWrittenIsRefusedBeforeAnyTargetIsMigrated(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        Path notADirectory = Files.writeString(fixture.project.resolve("plain-file"), "");
        setVariableValueToObject(fixture.aim(mojo), "reportFile", notADirectory.resolve("fleet.json").toFile());

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("Could not write the report file " + notADirectory.resolve("fleet.json")), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was run."), e.getMessage());
        assertEquals(List.of("0"), fixture.rows("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant_%'"));
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    @MojoParameter(name = "schemas", value = "tenant_a,tenant_b")
    @MojoParameter(name = "failOnPending", value = "true")
    void validateFailsNamingEachTargetThatIsBehindWithAJUnitReportEach(ValidateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        setVariableValueToObject(mojo, "buildDirectory", fixture.project.resolve("target").toFile());
        Path reports = fixture.project.resolve("target/hotgigs-reports");
        setVariableValueToObject(mojo, "reportsDirectory", reports.toFile());

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> fixture.aim(mojo).execute());

        assertTrue(e.getMessage().startsWith("2 of 2 targets failed; the others are done:\n  - tenant_a: 1 problem:\n  - "
                + "Migration 001_a is pending: run migrate before releasing."), e.getMessage());
        assertTrue(e.getMessage().contains("\n  - tenant_b: 1 problem:"), e.getMessage());
        Element suite = suite(reports.resolve("TEST-hotgigs.validate.tenant_b.xml"));
        assertEquals("hotgigs.validate.tenant_b", suite.getAttribute("name"));
        assertEquals(List.of("001_a"), caseNames(suite));
        assertEquals("1", suite.getAttribute("failures"));
        assertTrue(Files.isRegularFile(reports.resolve("TEST-hotgigs.validate.tenant_a.xml")));
    }

    @Test
    @InjectMojo(goal = "plan", pom = POM)
    @MojoParameter(name = "schemas", value = "tenant_a,tenant_b")
    void planWritesAPlanPerTargetOfWhatIsPendingThere(PlanMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_a_index.sql", "CREATE INDEX a_id ON a (id);\n");
        migrateTenantUpTo("tenant_a", "001");
        Path plan = fixture.project.resolve("target/hotgigs/plan.sql");
        setVariableValueToObject(fixture.aim(mojo), "planFile", plan.toFile());
        setVariableValueToObject(mojo, "buildDirectory", fixture.project.resolve("target").toFile());

        List<String> lines = GoalFixture.run(mojo);

        String all = String.join("\n", lines);
        String planA = Files.readString(fixture.project.resolve("target/hotgigs/plan-tenant_a.sql"));
        String planB = Files.readString(fixture.project.resolve("target/hotgigs/plan-tenant_b.sql"));
        assertTrue(planA.contains("CREATE INDEX a_id ON a (id);") && !planA.contains("CREATE TABLE a"), planA);
        assertTrue(planB.contains("CREATE TABLE a (id int);") && planB.contains("CREATE INDEX a_id ON a (id);"), planB);
        assertFalse(Files.exists(plan), "with several targets, no plan of the configured schema");
        assertTrue(lines.contains("[INFO] Wrote the plan to " + fixture.project.resolve("target/hotgigs/plan-tenant_b.sql")), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[INFO] tenant_a: plan of 1 migration, \\d+ statements, at 001, 1 pending, "
                + "0 failed \\([12]/2\\)")), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[INFO] tenant_b  OK     0        0    2        0       none     \\d+ ms")), all);
        assertTrue(lines.get(lines.size() - 1).matches("\\[INFO] hotgigs: 2 targets, 2 done, 0 failed, 0 not started; 0 migrations "
                + "applied in \\d+ ms"), all);
        assertEquals(List.of("0"), fixture.rows("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_b'"));
    }

    /** -Dhotgigs.schemas=tenant_a,tenant_b, as a user running an offline goal in a fleet build would pass it. */
    private void namingTargetsInTheSession(AbstractOfflineMojo mojo) throws Exception {
        targetsSession = (MavenSession) getVariableValueFromObject(mojo, "session");
        targetsSession.getUserProperties().setProperty("hotgigs.schemas", "tenant_a,tenant_b");
    }

    @Test
    @InjectMojo(goal = "lint", pom = POM)
    void lintSaysTargetsDoNotApplyAndLintsEveryMigrationOnceWithoutADatabase(LintMojo mojo) throws Exception {
        // lint declares no target parameters: targets reach it as the build's properties.
        namingTargetsInTheSession(mojo);
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_a_index.sql", "CREATE INDEX a_id ON a (id);\n");
        Path lint = fixture.project.resolve("target/hotgigs/lint.json");
        setVariableValueToObject(fixture.aim(mojo), "lintFile", lint.toFile());
        // No server there: lint must not try one.
        setVariableValueToObject(mojo, "url", "jdbc:postgresql://127.0.0.1:1/nowhere");

        List<String> lines = GoalFixture.run(mojo);

        assertEquals("[INFO] Targets (hotgigs.schemas, hotgigs.databases, hotgigs.targetsQuery) do not apply to hotgigs:lint, "
                + "which reads no database: it runs once, on the migrations", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[INFO] hotgigs: linted 2 migrations in ")), String.join("\n", lines));
        assertTrue(Files.isRegularFile(lint));
    }

    @Test
    @InjectMojo(goal = "plan", pom = POM)
    @MojoParameter(name = "schemas", value = "tenant_a,tenant_b")
    @MojoParameter(name = "parallelism", value = "33")
    void planOnTargetsRefusesABadParallelismBeforeAnythingRuns(PlanMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fixture.aim(mojo).execute());

        assertTrue(e.getMessage().startsWith("Setting 'parallelism' (hotgigs.parallelism) has the invalid value '33': expected 1 to 32"),
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    void checkSaysTargetsDoNotApplyAndRunsOnceWithoutADatabase(CheckMojo mojo) throws Exception {
        namingTargetsInTheSession(mojo);
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        Path manifest = fixture.project.resolve("migrations/hotgigs.sum");
        setVariableValueToObject(fixture.aim(mojo), "manifestFile", manifest.toFile());
        setVariableValueToObject(mojo, "lintFile", fixture.project.resolve("target/hotgigs/lint.json").toFile());
        // No server there: check must not try one.
        setVariableValueToObject(mojo, "url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);

        assertThrows(MojoFailureException.class, mojo::execute, "no manifest was written: check fails on that alone");

        assertEquals("[INFO] Targets (hotgigs.schemas, hotgigs.databases, hotgigs.targetsQuery) do not apply to hotgigs:check, "
                + "which reads no database: it runs once, on the migrations", log.visible().get(0));
        assertTrue(log.visible().stream().anyMatch(l -> l.startsWith("[INFO] hotgigs: checked 1 migration against ")),
                String.join("\n", log.visible()));
    }

    private void migrateTenantUpTo(String tenant, String version) {
        new Migrator(MigratorConfig.builder().url(fixture.database.url()).user(fixture.database.user())
                .password(fixture.database.password()).schema(tenant).searchPath(tenant).target(version)
                .locations(List.of("filesystem:" + fixture.migrations)).build()).migrate();
    }

    private static List<String> files(Path directory) throws Exception {
        try (var listing = Files.list(directory)) {
            return listing.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static Element suite(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static List<String> caseNames(Element suite) {
        NodeList cases = suite.getElementsByTagName("testcase");
        return IntStream.range(0, cases.getLength()).mapToObj(i -> ((Element) cases.item(i)).getAttribute("name")).toList();
    }

    private void execute(String sql) throws Exception {
        try (var connection = fixture.database.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
