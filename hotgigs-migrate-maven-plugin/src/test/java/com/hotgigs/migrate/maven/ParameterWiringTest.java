package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.TransactionMode;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every parameter reaches the engine's configuration, and what is not set gets its documented default. */
@MojoTest
class ParameterWiringTest {

    private static final String PARAMETERS = "src/test/resources/unit/parameters/pom.xml";
    private static final String DEFAULTS = "src/test/resources/unit/defaults/pom.xml";

    @Test
    @InjectMojo(goal = "migrate", pom = PARAMETERS)
    void everyParameterReachesTheConfiguration(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of("DB_USER", "env_user", "DB_PASSWORD", "env-secret"));

        MigratorConfig config = mojo.configuration();

        assertEquals("jdbc:postgresql://db.example.com:6543/ats?sslmode=verify-full", config.url());
        assertEquals("ats_owner", config.user());
        assertEquals("pom-secret", config.password());
        assertEquals("ats", config.schema());
        assertEquals("ats_history", config.table());
        assertEquals(List.of("classpath:db/ats", "filesystem:src/db", "filesystem:more"), config.locations());
        assertEquals("2.1", config.target());
        assertTrue(config.outOfOrder());
        assertEquals(Duration.ofSeconds(42), config.lockWait());
        assertEquals(Duration.ofMillis(750), config.lockTimeout());
        assertEquals(7, config.lockRetries());
        assertEquals(Duration.ofMinutes(2), config.statementTimeout());
        assertEquals(Map.of("app_role", "ats_reader", "empty", ""), config.placeholders());
        assertFalse(config.placeholderReplacement());
        assertEquals(TransactionMode.NONE, config.transactionMode());
        assertEquals(new File(MojoTestSupport.basedir()).toPath(), config.baseDirectory());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = DEFAULTS)
    void urlAndPasswordPropertiesAreReadFromTheCommandLineThenTheProject(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        MavenSession session = (MavenSession) getVariableValueFromObject(mojo, "session");
        MavenProject project = new MavenProject();
        setVariableValueToObject(mojo, "project", project);
        project.getProperties().setProperty("hotgigs.url", "jdbc:postgresql://localhost:6001/started");
        project.getProperties().setProperty("hotgigs.password", "project-secret");

        assertEquals("jdbc:postgresql://localhost:6001/started", mojo.configuration().url(),
                "the address hotgigs:start exported to the project");
        assertEquals("project-secret", mojo.configuration().password());

        session.getUserProperties().setProperty("hotgigs.url", "jdbc:postgresql://cli.example.com/ats");
        session.getUserProperties().setProperty("hotgigs.password", "cli-secret");
        try {
            assertEquals("jdbc:postgresql://cli.example.com/ats", mojo.configuration().url(), "-D wins over the project");
            assertEquals("cli-secret", mojo.configuration().password());
        } finally {
            session.getUserProperties().remove("hotgigs.url");
            session.getUserProperties().remove("hotgigs.password");
        }
    }

    @Test
    @InjectMojo(goal = "migrate", pom = PARAMETERS)
    void aUrlAndPasswordWrittenInThePomWinOverTheProperties(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        MavenProject project = new MavenProject();
        setVariableValueToObject(mojo, "project", project);
        project.getProperties().setProperty("hotgigs.url", "jdbc:postgresql://localhost:6001/started");
        project.getProperties().setProperty("hotgigs.password", "project-secret");

        assertEquals("jdbc:postgresql://db.example.com:6543/ats?sslmode=verify-full", mojo.configuration().url());
        assertEquals("pom-secret", mojo.configuration().password());
    }

    @Test
    @InjectMojo(goal = "status", pom = PARAMETERS)
    void statusTakesTheStatusFile(StatusMojo mojo) throws Exception {
        assertEquals(new File(MojoTestSupport.basedir(), "target/status.json").getPath(),
                ((File) getVariableValueFromObject(mojo, "statusFile")).getPath());
        assertEquals("ats", mojo.configuration().schema());
    }

    @Test
    @InjectMojo(goal = "validate", pom = PARAMETERS)
    void validateTakesFailOnPending(ValidateMojo mojo) throws Exception {
        assertTrue((Boolean) getVariableValueFromObject(mojo, "failOnPending"));
        assertEquals("ats_history", mojo.configuration().table());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = DEFAULTS)
    void unsetParametersTakeTheDocumentedDefaults(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());

        MigratorConfig config = mojo.configuration();

        assertEquals("jdbc:postgresql://localhost:5432/hotgigs_db", config.url());
        assertNull(config.user());
        assertNull(config.password());
        assertEquals("public", config.schema());
        assertEquals("schema_migrations", config.table());
        assertEquals(List.of("classpath:db/hotgigs"), config.locations());
        assertNull(config.target());
        assertFalse(config.outOfOrder());
        assertEquals(Duration.ofSeconds(600), config.lockWait());
        assertEquals(Duration.ofSeconds(5), config.lockTimeout());
        assertEquals(3, config.lockRetries());
        assertEquals(Duration.ZERO, config.statementTimeout());
        assertEquals(Map.of(), config.placeholders());
        assertTrue(config.placeholderReplacement());
        assertEquals(TransactionMode.PER_MIGRATION, config.transactionMode());
        assertSame(MigrateMojo.class.getClassLoader(), config.classLoader(),
                "with no project classpath, classpath: locations are read from the plugin's class loader");
        assertFalse((Boolean) getVariableValueFromObject(mojo, "skip"));
    }

    @Test
    @InjectMojo(goal = "validate", pom = DEFAULTS)
    void failOnPendingIsOffByDefault(ValidateMojo mojo) throws Exception {
        assertFalse((Boolean) getVariableValueFromObject(mojo, "failOnPending"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = DEFAULTS)
    @MojoParameter(name = "locations", value = "classpath:db/hotgigs, filesystem:src/main/db")
    @MojoParameter(name = "target", value = "")
    void aCommaSeparatedLocationsValueIsSplitAndABlankTargetIsNone(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());

        MigratorConfig config = mojo.configuration();

        assertEquals(List.of("classpath:db/hotgigs", "filesystem:src/main/db"), config.locations());
        assertNull(config.target());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = DEFAULTS)
    @MojoParameter(name = "user", value = "param_user")
    void theEnvironmentFillsWhatParametersLeaveOpen(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of(
                "DB_HOST", "db.internal", "DB_PORT", "6432", "DB_NAME", "ats", "DB_USER", "env_user", "DB_PASSWORD", "env-secret"));

        MigratorConfig config = mojo.configuration();

        assertEquals("jdbc:postgresql://db.internal:6432/ats", config.url());
        assertEquals("param_user", config.user());
        assertEquals("env-secret", config.password());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = DEFAULTS)
    void readsDotEnvInTheBaseDirectory(MigrateMojo mojo) throws Exception {
        Path project = MojoTestSupport.temporaryProject();
        Files.writeString(project.resolve(".env"), "DB_HOST=dotenv-host\nDB_NAME=dotenv_db\nDB_USER=dotenv_user\n");
        setVariableValueToObject(mojo, "baseDirectory", project.toFile());
        setVariableValueToObject(mojo, "environment", Map.of("DB_NAME", "env_db"));

        MigratorConfig config = mojo.configuration();

        assertEquals("jdbc:postgresql://dotenv-host:5432/env_db", config.url());
        assertEquals("dotenv_user", config.user());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = DEFAULTS)
    @MojoParameter(name = "schema", value = "ats-app")
    void anInvalidSettingIsAnExecutionErrorWithTheEnginesMessage(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        mojo.setLog(new RecordingMavenLog());

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("Setting 'schema' (hotgigs.schema) has the invalid value 'ats-app': expected a plain PostgreSQL identifier "
                + "(letters, digits, _ and $, starting with a letter or _).", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "status", pom = DEFAULTS)
    void aBrokenDotEnvFileIsAnExecutionErrorNamingFileAndLine(StatusMojo mojo) throws Exception {
        Path project = MojoTestSupport.temporaryProject();
        Files.writeString(project.resolve(".env"), "DB_HOST=localhost\nDB_PORT 5432\n");
        setVariableValueToObject(mojo, "baseDirectory", project.toFile());
        setVariableValueToObject(mojo, "environment", Map.of());
        mojo.setLog(new RecordingMavenLog());

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals(project.resolve(".env") + " line 2 is not a NAME=value assignment. "
                + "Write it as e.g. DB_HOST=localhost, or comment it out with #.", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = DEFAULTS)
    @MojoParameter(name = "lockTimeout", value = "2 seconds")
    void aDurationInAnotherFormIsAnExecutionErrorNamingThePropertyAndTheForms(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        mojo.setLog(new RecordingMavenLog());

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("Setting 'lockTimeout' (hotgigs.lockTimeout) has the invalid value '2 seconds': expected a duration "
                + "with its unit, such as 500ms, 2s, 1m or 1h, or 0 (or off) for none.", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = DEFAULTS)
    @MojoParameter(name = "lockRetries", value = "-1")
    void aNegativeRetryCountIsRefused(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        mojo.setLog(new RecordingMavenLog());

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("Setting 'lockRetries' (hotgigs.lockRetries) has the invalid value '-1': expected zero (no retry) or more retries.", e.getMessage());
    }
}
