package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.MigratorConfig;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Map;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials from the settings.xml server named by serverId, the password encrypted the Maven way.
 * The encrypted strings were made with Maven's own encrypt-master-password and encrypt-password
 * options; the master password is in src/test/resources/unit/settings/settings-security.xml.
 */
@MojoTest
class SettingsServerTest {

    private static final String POM = "src/test/resources/unit/settings/pom.xml";
    /** "vault-s3cret", encrypted with the master password "hotgigs-master". */
    private static final String ENCRYPTED = "{xs90eljg2a4HdIvjjFRqkt78xP2+Swa4/qobF8/Vy9M=}";
    private static final String SECURITY_PROPERTY = "settings.security";

    private String previousSecurity;

    @BeforeEach
    void useTheTestMasterPassword() {
        previousSecurity = System.getProperty(SECURITY_PROPERTY);
        System.setProperty(SECURITY_PROPERTY,
                new File(MojoTestSupport.basedir(), "src/test/resources/unit/settings/settings-security.xml").getAbsolutePath());
    }

    @AfterEach
    void restore() {
        if (previousSecurity == null) {
            System.clearProperty(SECURITY_PROPERTY);
        } else {
            System.setProperty(SECURITY_PROPERTY, previousSecurity);
        }
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void decryptsTheServersPassword(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "settings", settings(server("hotgigs-db", "vault_user", ENCRYPTED)));
        setVariableValueToObject(mojo, "environment", Map.of("DB_USER", "env_user", "DB_PASSWORD", "env-secret"));

        MigratorConfig config = mojo.configuration();

        assertEquals("vault_user", config.user());
        assertEquals("vault-s3cret", config.password());
        assertFalse(config.toString().contains("vault-s3cret"), "the configuration never shows the password");
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    void takesAPlainPasswordAsIs(StatusMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "settings", settings(server("hotgigs-db", "plain_user", "plain-secret")));
        setVariableValueToObject(mojo, "environment", Map.of());

        MigratorConfig config = mojo.configuration();

        assertEquals("plain_user", config.user());
        assertEquals("plain-secret", config.password());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "user", value = "param_user")
    @MojoParameter(name = "password", value = "param-secret")
    void parametersWinOverTheServer(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "settings", settings(server("hotgigs-db", "vault_user", ENCRYPTED)));

        MigratorConfig config = mojo.configuration();

        assertEquals("param_user", config.user());
        assertEquals("param-secret", config.password());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void theEnvironmentFillsWhatTheServerLeavesOpen(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "settings", settings(server("hotgigs-db", "server_user", null)));
        setVariableValueToObject(mojo, "environment", Map.of("DB_USER", "env_user", "DB_PASSWORD", "env-secret"));

        MigratorConfig config = mojo.configuration();

        assertEquals("server_user", config.user());
        assertEquals("env-secret", config.password());
    }

    @Test
    @InjectMojo(goal = "validate", pom = POM)
    void anUnknownServerIdIsAnErrorThatSaysHowToDefineIt(ValidateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "settings", settings(server("other", "u", "p"), server("prod-db", "u", "p")));
        mojo.setLog(new RecordingMavenLog());

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertEquals("hotgigs.serverId is 'hotgigs-db', but settings.xml has no <server> with that id (it defines: other, prod-db). "
                + "Add one to the settings.xml the build reads (~/.m2/settings.xml, or the file given with -s): <servers><server><id>hotgigs-db</id><username>...</username>"
                + "<password>...</password></server></servers> (encrypt the password with mvn --encrypt-password), "
                + "or correct hotgigs.serverId.", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void aPasswordThatDoesNotDecryptIsAnError(MigrateMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "settings", settings(server("hotgigs-db", "u", "{bm90IGEgcmVhbCBjaXBoZXJ0ZXh0}")));

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::configuration);

        assertTrue(e.getMessage().startsWith("Could not decrypt the password of server 'hotgigs-db' in settings.xml: "),
                e.getMessage());
    }

    private static Settings settings(Server... servers) {
        Settings settings = new Settings();
        for (Server server : servers) {
            settings.addServer(server);
        }
        return settings;
    }

    private static Server server(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        return server;
    }
}
