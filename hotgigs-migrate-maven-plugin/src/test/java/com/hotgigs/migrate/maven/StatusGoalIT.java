package com.hotgigs.migrate.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status goal against a real PostgreSQL: the table on the console and the JSON file. */
@MojoTest
class StatusGoalIT {

    private static final String POM = "src/test/resources/unit/database/pom.xml";
    private static final String SHA256 = "[0-9a-f]{64}";
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)";

    private final GoalFixture fixture = new GoalFixture();

    @AfterEach
    void dropDatabase() {
        fixture.close();
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    void showsAppliedAndPendingMigrationsAndWritesThemAsJson(StatusMojo status) throws Exception {
        fixture.write("001_create_candidates.sql", "CREATE TABLE candidates (id int);\n")
                .write("002_create_jobs.sql", "CREATE TABLE jobs (id int);\n");
        fixture.migrateUpTo("001");
        Path statusFile = fixture.project.resolve("target/hotgigs/status.json");
        setVariableValueToObject(fixture.aim(status), "statusFile", statusFile.toFile());

        List<String> log = GoalFixture.run(status);

        String user = fixture.rows("SELECT session_user").get(0);
        assertEquals(8, log.size(), String.join("\n", log));
        assertTrue(log.get(1).matches("\\[INFO] Version  Name               State    Installed on {16}Installed by +Time +Transaction"), log.get(1));
        assertTrue(log.get(2).matches("\\[INFO] -{7}  -{17}  -{7}  -{26}  -+  -+  -{13}"), log.get(2));
        assertTrue(log.get(3).matches("\\[INFO] 001      create_candidates  APPLIED  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d "
                + "[+-]\\d\\d:\\d\\d  " + user + " +\\d+ ms +per-migration"), log.get(3));
        assertTrue(log.get(4).matches("\\[INFO] 002      create_jobs        PENDING +per-migration"), log.get(4));
        assertEquals("[INFO] Wrote the status to " + statusFile, log.get(5));
        assertTrue(log.get(6).matches("\\[INFO] Checked 2 migrations in \\d+ ms"), log.get(6));
        assertEquals("[INFO] hotgigs: 1 applied, 1 pending, 0 failed; schema at 001", log.get(7));

        String json = Files.readString(statusFile, StandardCharsets.UTF_8);
        assertTrue(json.matches("""
                \\{
                  "formatVersion": 1,
                  "database": "%s",
                  "schema": "public",
                  "currentVersion": "001",
                  "migrations": \\[
                    \\{"version": "001", "name": "create_candidates", "script": "001_create_candidates.sql", "state": "APPLIED", \
                "checksum": "%s", "installedOn": "%s", "installedBy": "%s", "executionTimeMs": \\d+, "transactionMode": "PER_MIGRATION"},
                    \\{"version": "002", "name": "create_jobs", "script": "002_create_jobs.sql", "state": "PENDING", \
                "checksum": "%s", "installedOn": null, "installedBy": null, "executionTimeMs": null, "transactionMode": "PER_MIGRATION"}
                  ]
                }
                """.formatted(fixture.database.name(), SHA256, TIMESTAMP, user, SHA256)), json);
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    void tellsWhatIsWorthKnowingBesideTheTable(StatusMojo status) throws Exception {
        fixture.write("001_create_candidates.sql", "CREATE TABLE candidates (id int);\n");
        fixture.migrateUpTo("001");
        Files.move(fixture.migrations.resolve("001_create_candidates.sql"), fixture.migrations.resolve("001_candidates.sql"));

        List<String> log = GoalFixture.run(fixture.aim(status));

        assertTrue(log.contains("[WARNING] Migration 001_create_candidates was renamed to 001_candidates after it was applied; "
                + "its content is unchanged, so it counts as applied."), String.join("\n", log));
        assertEquals("[INFO] hotgigs: 1 applied, 0 pending, 0 failed; schema at 001", log.get(log.size() - 1));
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    void readsOnlyAndCreatesNothing(StatusMojo status) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");

        List<String> log = GoalFixture.run(fixture.aim(status));

        assertTrue(log.get(3).matches("\\[INFO] 001      a     PENDING +per-migration"), log.get(3));
        assertEquals("[INFO] hotgigs: 0 applied, 1 pending, 0 failed; schema at none", log.get(log.size() - 1));
        assertFalse(log.stream().anyMatch(line -> line.contains("Wrote")), "no status file unless asked");
        assertEquals(List.of("f"), fixture.rows("SELECT to_regclass('public.schema_migrations') IS NOT NULL"));
    }
}
