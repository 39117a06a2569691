package com.hotgigs.migrate.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validate goal against a real PostgreSQL: what passes, and every kind of failure it names. */
@MojoTest
class ValidateGoalIT {

    private static final String POM = "src/test/resources/unit/database/pom.xml";

    private final GoalFixture fixture = new GoalFixture();

    @AfterEach
    void dropDatabase() {
        fixture.close();
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void passesWhenTheDatabaseMatchesTheFilesEvenWithPendingOnes(ValidateMojo validate) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "CREATE TABLE b (id int);\n");
        fixture.migrateUpTo("001");

        List<String> log = GoalFixture.run(fixture.aim(validate));

        assertEquals("[INFO] hotgigs: 1 applied, 1 pending, 0 failed; schema at 001; validation passed",
                log.get(log.size() - 1));
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void failsOnAnEditedMigrationNamingIt(ValidateMojo validate) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "CREATE TABLE b (id int);\n");
        fixture.migrateUpTo(null);
        fixture.write("002_b.sql", "CREATE TABLE b (id int); -- edited\n");
        RecordingMavenLog log = new RecordingMavenLog();
        validate.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> fixture.aim(validate).execute());

        String[] message = e.getMessage().split(System.lineSeparator());
        assertEquals("Validation failed with 1 problem:", message[0]);
        assertTrue(message[1].startsWith("  - Migration 002_b (filesystem:migrations/002_b.sql) was edited after it was applied"),
                message[1]);
        assertEquals(2, message.length);
        assertEquals("[INFO] hotgigs: 2 applied, 0 pending, 0 failed; schema at 002; 1 checksum mismatch, 0 missing"
                + "; validation failed with 1 problem", log.lines().get(log.lines().size() - 1));
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    @MojoParameter(name = "failOnPending", value = "true")
    void failOnPendingListsEveryProblem(ValidateMojo validate) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "CREATE TABLE b (id int);\n");
        fixture.migrateUpTo("001");
        Files.delete(fixture.migrations.resolve("001_a.sql"));
        validate.setLog(new RecordingMavenLog());

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> fixture.aim(validate).execute());

        String[] message = e.getMessage().split(System.lineSeparator());
        assertEquals("Validation failed with 2 problems:", message[0]);
        assertTrue(message[1].startsWith("  - Migration 001_a "), message[1]);
        assertEquals("  - Migration 002_b is pending: run migrate before releasing.", message[2]);
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void failsOnAFailedMigration(ValidateMojo validate) throws Exception {
        fixture.write("001_broken.sql", "SELECT * FROM nowhere;\n");
        assertThrows(RuntimeException.class, () -> fixture.migrateUpTo(null));
        validate.setLog(new RecordingMavenLog());

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> fixture.aim(validate).execute());

        assertTrue(e.getMessage().contains("Migration 001_broken failed on its last attempt"), e.getMessage());
    }
}
