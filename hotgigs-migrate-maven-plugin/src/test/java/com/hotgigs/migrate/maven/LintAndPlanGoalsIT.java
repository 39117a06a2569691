package com.hotgigs.migrate.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lint and plan goals through Maven's mojo API: what they log and write, and how they fail. */
@MojoTest
class LintAndPlanGoalsIT {

    private static final String POM = "src/test/resources/unit/database/pom.xml";

    private final GoalFixture fixture = new GoalFixture();

    @AfterEach
    void dropDatabase() {
        fixture.close();
    }

    @Test
    @InjectMojo(goal = "lint", pom = POM)
    void lintWarnsWritesTheJsonAndFailsWithFailOnLint(LintMojo mojo) throws Exception {
        fixture.write("001_jobs.sql", "CREATE TABLE jobs (id int, title text);\n")
                .write("002_index.sql", "CREATE INDEX jobs_title ON jobs (title);\n");
        Path json = fixture.project.resolve("target/lint.json");
        setVariableValueToObject(mojo, "lintFile", json.toFile());
        List<String> log = GoalFixture.run(fixture.aim(mojo));
        assertTrue(log.get(0).startsWith("[WARNING] filesystem:migrations/002_index.sql line 1: [add-index-non-concurrently] "),
                String.join("\n", log));
        assertTrue(log.get(log.size() - 1).matches("\\[INFO] hotgigs: linted 2 migrations in \\d+ ms: 1 finding"), log.toString());
        String written = Files.readString(json);
        assertTrue(written.startsWith("{\n  \"formatVersion\": 1,\n  \"migrations\": 2,\n  \"findings\": [\n    {\"rule\": "
                + "\"add-index-non-concurrently\", \"migration\": \"002_index\", \"script\": \"002_index.sql\", \"line\": 1, "), written);

        setVariableValueToObject(mojo, "failOnLint", true);
        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> GoalFixture.run(mojo));
        assertTrue(failure.getMessage().startsWith("Lint found 1 hazard and hotgigs.failOnLint is true: 002_index."),
                failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "lint", pom = POM)
    void lintWarnsAboutACallbackNameWithATypoAsMigrateDoes(LintMojo mojo) throws Exception {
        fixture.write("001_jobs.sql", "CREATE TABLE jobs (id int, title text);\n").write("afterMigrat.sql", "ANALYZE;\n");

        List<String> log = GoalFixture.run(fixture.aim(mojo));

        assertTrue(log.stream().anyMatch(line -> line.startsWith("[WARNING] ") && line.contains("afterMigrat.sql")
                && line.contains("afterMigrate")), String.join("\n", log));
    }

    @Test
    @InjectMojo(goal = "plan", pom = POM)
    void planWritesThePlanAndAppliesNothing(PlanMojo mojo) throws Exception {
        fixture.write("001_jobs.sql", "CREATE TABLE jobs (id int, title text);\n");
        fixture.migrateUpTo("001");
        fixture.write("002_index.sql", "CREATE INDEX jobs_title ON jobs (title);\n");
        Path plan = fixture.project.resolve("target/plan.sql");
        setVariableValueToObject(mojo, "planFile", plan.toFile());
        List<String> log = GoalFixture.run(fixture.aim(mojo));
        assertTrue(log.get(log.size() - 1).matches("\\[INFO] hotgigs: plan of 1 migration, \\d+ statements, 1 lint finding in "
                + "\\d+ ms; nothing was applied"), String.join("\n", log));
        String sql = Files.readString(plan);
        assertTrue(sql.contains("-- filesystem:migrations/002_index.sql line 1\nCREATE INDEX jobs_title ON jobs (title);\n"), sql);
        assertEquals(List.of("1"), fixture.rows("SELECT count(*) FROM public.schema_migrations"));
        assertEquals(List.of("f"), fixture.rows("SELECT to_regclass('jobs_title') IS NOT NULL"));
    }

    @Test
    @InjectMojo(goal = "plan", pom = POM)
    void aPlanWithNoDatabaseNamesTheOfflineGoalAndLeavesNoEarlierPlan(PlanMojo mojo) throws Exception {
        fixture.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n");
        fixture.aim(mojo);
        Path plan = earlierPlan(mojo);
        setVariableValueToObject(mojo, "url", "jdbc:postgresql://127.0.0.1:9/nowhere?connectTimeout=2");
        MojoExecutionException failure = assertThrows(MojoExecutionException.class, () -> GoalFixture.run(mojo));
        assertTrue(failure.getMessage().endsWith("hotgigs:check checks the migrations without one."), failure.getMessage());
        assertFalse(Files.exists(plan), "a CI artifact must not show the last run's plan as this one's");
    }

    @Test
    @InjectMojo(goal = "plan", pom = POM)
    void aPlanWithABadLockTimeoutFailsAndLeavesNoEarlierPlan(PlanMojo mojo) throws Exception {
        fixture.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n");
        fixture.aim(mojo);
        Path plan = earlierPlan(mojo);
        setVariableValueToObject(mojo, "lockTimeout", "2 seconds");
        MojoExecutionException failure = assertThrows(MojoExecutionException.class, () -> GoalFixture.run(mojo));
        assertTrue(failure.getMessage().contains("lockTimeout"), failure.getMessage());
        assertFalse(Files.exists(plan), "a CI artifact must not show the last run's plan as this one's");
    }

    /** The plan an earlier, good run left where this one writes. */
    private Path earlierPlan(PlanMojo mojo) throws Exception {
        Path plan = fixture.project.resolve("target/plan.sql");
        Files.createDirectories(plan.getParent());
        Files.writeString(plan, "-- the plan of an earlier run\n");
        setVariableValueToObject(mojo, "planFile", plan.toFile());
        return plan;
    }
}
