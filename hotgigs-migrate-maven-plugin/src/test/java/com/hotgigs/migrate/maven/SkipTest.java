package com.hotgigs.migrate.maven;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.AbstractMojo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * hotgigs.skip skips every goal before anything is resolved or connected: the POM names a port
 * nothing listens on, so a goal that tried to connect would fail.
 */
@MojoTest
class SkipTest {

    private static final String POM = "src/test/resources/unit/skip/pom.xml";

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void migrate(MigrateMojo mojo) throws Exception {
        assertSkipped(mojo);
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    void status(StatusMojo mojo) throws Exception {
        assertSkipped(mojo);
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void validate(ValidateMojo mojo) throws Exception {
        assertSkipped(mojo);
    }

    @Test
    @InjectMojo(goal = "baseline", pom = POM)
    void baseline(BaselineMojo mojo) throws Exception {
        assertSkipped(mojo);
    }

    @Test
    @InjectMojo(goal = "drift", pom = POM)
    void drift(DriftMojo mojo) throws Exception {
        assertSkipped(mojo);
    }

    @Test
    @InjectMojo(goal = "repair", pom = POM)
    void repair(RepairMojo mojo) throws Exception {
        assertSkipped(mojo);
    }

    private static void assertSkipped(AbstractMojo mojo) throws Exception {
        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);

        mojo.execute();

        assertEquals(List.of("[INFO] Skipping: hotgigs.skip is true"), log.lines());
    }
}
