package com.hotgigs.migrate.maven;

import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** hotgigs:start writes its server's address into its own project's properties only, and stop takes it back. */
class ExportedAddressTest {

    private static final String URL = "jdbc:postgresql://localhost:6001/hotgigs_db";

    @Test
    void theAddressReachesTheProjectsGoalsAndItsTestJvmsThroughArgLine() {
        MavenProject project = new MavenProject();

        ExportedAddress.export(project, URL, "postgres", "");

        Properties properties = project.getProperties();
        assertEquals(URL, properties.getProperty("hotgigs.url"));
        assertEquals("postgres", properties.getProperty("hotgigs.user"));
        assertEquals("", properties.getProperty("hotgigs.password"));
        assertEquals("-Dhotgigs.url=" + URL + " -Dhotgigs.user=postgres -Dhotgigs.password=", properties.getProperty("argLine"));
    }

    @Test
    void anArgLineAlreadySetIsKeptAndComesBackAfterStop() {
        MavenProject project = new MavenProject();
        project.getProperties().setProperty("argLine", "-javaagent:/tmp/agent.jar=destfile=target/it.exec");
        project.getProperties().setProperty("hotgigs.user", "pom_default");

        ExportedAddress exported = ExportedAddress.export(project, URL, "postgres", "");
        assertEquals("-javaagent:/tmp/agent.jar=destfile=target/it.exec -Dhotgigs.url=" + URL
                + " -Dhotgigs.user=postgres -Dhotgigs.password=", project.getProperties().getProperty("argLine"));

        exported.withdraw();

        Properties properties = project.getProperties();
        assertEquals("-javaagent:/tmp/agent.jar=destfile=target/it.exec", properties.getProperty("argLine"));
        assertEquals("pom_default", properties.getProperty("hotgigs.user"), "the POM's own value is back");
        assertFalse(properties.containsKey("hotgigs.url"));
        assertFalse(properties.containsKey("hotgigs.password"));
    }
}
