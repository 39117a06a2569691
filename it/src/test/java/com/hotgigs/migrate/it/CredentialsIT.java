package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials where users keep them: -Dhotgigs.password, settings.xml with a plain or an encrypted
 * password, the DB_* variables, a .env file, password= in the URL. The migrations run as that
 * role, and no line of the build log shows the password, at -X (Maven's debug output) too.
 */
@Execution(ExecutionMode.CONCURRENT)
class CredentialsIT {

    private static final Properties SERVER = load("credentials/server.properties");
    private static final String PASSWORD = SERVER.getProperty("password");
    private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n";

    @Test
    void settingsServerWithAnEncryptedPassword() throws IOException {
        try (TestDatabase db = TestDatabase.create(); LoginRole role = LoginRole.create(db.adminUrl(), db.name(), PASSWORD)) {
            SampleProject project = SampleProject.copy("app", "settings-server").file("migrations/001_accounts.sql", ACCOUNTS);
            Path settings = settingsWithServer(project, role.name(), SERVER.getProperty("encrypted"));
            Path security = project.directory().resolve("settings-security.xml");
            Files.writeString(security, resource("credentials/settings-security.xml"), StandardCharsets.UTF_8);

            BuildResult result = project.build().settings(settings)
                    .args("-X", "hotgigs:migrate")
                    .property("settings.security", security.toString())
                    .property("hotgigs.url", ServerAddress.of(db.url()).url())
                    .property("hotgigs.serverId", "hotgigs-db")
                    .run();

            assertMigratedAs(role, db, result);
            assertNoLineShowsThePassword(result);
        }
    }

    /**
     * The settings server's encrypted password on every Maven of the matrix (Maven 4 reads
     * settings and decrypts passwords its own way), under verbose plugin validation, with no warning.
     */
    @ParameterizedTest
    @ValueSource(strings = {"it.maven.oldest", "it.maven.latest3", "it.maven.next3", "it.maven.four"})
    void settingsServerWithAnEncryptedPasswordOnEveryMaven(String versionProperty) throws IOException {
        String version = System.getProperty(versionProperty);
        Path home = Path.of(System.getProperty("it.maven.distributions")).resolve("apache-maven-" + version);
        try (TestDatabase db = TestDatabase.create(); LoginRole role = LoginRole.create(db.adminUrl(), db.name(), PASSWORD)) {
            SampleProject project = SampleProject.copy("app", "settings-maven-" + version).file("migrations/001_accounts.sql", ACCOUNTS)
                    .file(".mvn/.root", "");
            Path settings = settingsWithServer(project, role.name(), SERVER.getProperty("encrypted"));
            Path security = project.directory().resolve("settings-security.xml");
            Files.writeString(security, resource("credentials/settings-security.xml"), StandardCharsets.UTF_8);

            BuildResult result = project.build().settings(settings).mavenHome(home)
                    .args("-V", "hotgigs:migrate", "-Dmaven.plugin.validation=VERBOSE")
                    .property("settings.security", security.toString())
                    .property("hotgigs.url", ServerAddress.of(db.url()).url())
                    .property("hotgigs.serverId", "hotgigs-db")
                    .run();

            assertTrue(result.log().contains("Apache Maven " + version + " "), result::describe);
            assertMigratedAs(role, db, result);
            assertEquals(List.of(), result.linesContaining(PASSWORD), result::describe);
            assertEquals(List.of(), result.lines().stream().filter(line -> line.startsWith("[WARNING]") || line.contains("SLF4J")).toList(),
                    result::describe);
        }
    }

    @Test
    void settingsServerWithAPlainPassword() {
        try (TestDatabase db = TestDatabase.create(); LoginRole role = LoginRole.create(db.adminUrl(), db.name(), PASSWORD)) {
            SampleProject project = SampleProject.copy("app", "settings-plain").file("migrations/001_accounts.sql", ACCOUNTS);
            Path settings = settingsWithServer(project, role.name(), PASSWORD);

            BuildResult result = project.build().settings(settings)
                    .args("-X", "hotgigs:migrate")
                    .property("hotgigs.url", ServerAddress.of(db.url()).url())
                    .property("hotgigs.serverId", "hotgigs-db")
                    .run();

            assertMigratedAs(role, db, result);
            assertNoLineShowsThePassword(result);
        }
    }

    @Test
    void passwordInTheUrl() {
        try (TestDatabase db = TestDatabase.create(); LoginRole role = LoginRole.create(db.adminUrl(), db.name(), PASSWORD)) {
            BuildResult result = SampleProject.copy("app", "url-password").file("migrations/001_accounts.sql", ACCOUNTS)
                    .build().args("-X", "hotgigs:migrate", "hotgigs:status")
                    .property("hotgigs.url", ServerAddress.of(db.url()).url() + "?user=" + role.name() + "&password=" + PASSWORD)
                    .run();

            assertMigratedAs(role, db, result);
            assertNoLineShowsThePassword(result);
        }
    }

    @Test
    void environmentVariablesOfTheSeed() {
        try (TestDatabase db = TestDatabase.create(); LoginRole role = LoginRole.create(db.adminUrl(), db.name(), PASSWORD)) {
            ServerAddress address = ServerAddress.of(db.url());
            BuildResult result = SampleProject.copy("app", "environment").file("migrations/001_accounts.sql", ACCOUNTS)
                    .build().args("hotgigs:migrate")
                    .env("DB_HOST", address.host()).env("DB_PORT", String.valueOf(address.port()))
                    .env("DB_NAME", address.database()).env("DB_USER", role.name()).env("DB_PASSWORD", PASSWORD)
                    .args("-X")
                    .run();

            assertMigratedAs(role, db, result);
            assertNoLineShowsThePassword(result);
        }
    }

    @Test
    void dotEnvFileInTheProject() {
        try (TestDatabase db = TestDatabase.create(); LoginRole role = LoginRole.create(db.adminUrl(), db.name(), PASSWORD)) {
            ServerAddress address = ServerAddress.of(db.url());
            BuildResult result = SampleProject.copy("app", "dotenv").file("migrations/001_accounts.sql", ACCOUNTS)
                    .file(".env", """
                            # local database of this checkout
                            DB_HOST=%s
                            DB_PORT=%d
                            DB_NAME=%s
                            DB_USER=%s
                            DB_PASSWORD=%s
                            """.formatted(address.host(), address.port(), address.database(), role.name(), PASSWORD))
                    .build().args("-X", "hotgigs:migrate")
                    .run();

            assertMigratedAs(role, db, result);
            assertNoLineShowsThePassword(result);
        }
    }

    /**
     * At debug level Maven prints the value of every parameter it sets; the plugin reads
     * hotgigs.password and hotgigs.url itself, so -Dhotgigs.password is in no line either.
     */
    @Test
    void passwordOnTheCommandLine() {
        try (TestDatabase db = TestDatabase.create(); LoginRole role = LoginRole.create(db.adminUrl(), db.name(), PASSWORD)) {
            SampleProject project = SampleProject.copy("app", "debug").file("migrations/001_accounts.sql", ACCOUNTS);
            BuildResult result = project.build().args("-X", "hotgigs:migrate", "hotgigs:status", "hotgigs:validate")
                    .property("hotgigs.url", ServerAddress.of(db.url()).url())
                    .property("hotgigs.user", role.name())
                    .property("hotgigs.password", PASSWORD)
                    .run();

            assertMigratedAs(role, db, result);
            assertTrue(result.pluginLines().contains("[INFO] Applying 001_accounts"), () -> "the plugin's lines are told apart:\n" + result.describe());
            assertTrue(result.log().contains("[DEBUG]   (f) user = " + role.name()), () -> "Maven printed the goal's configuration:\n" + result.describe());
            assertNoLineShowsThePassword(result);
        }
    }

    private static void assertNoLineShowsThePassword(BuildResult result) {
        assertTrue(result.log().contains("[DEBUG] Configuring mojo"), () -> "the build ran at debug level:\n" + result.describe());
        assertEquals(List.of(), result.linesContaining(PASSWORD), result::describe);
    }

    private static Path settingsWithServer(SampleProject project, String user, String password) {
        Path settings = project.directory().resolve("settings.xml");
        try {
            String shared = Files.readString(BuildEnvironment.settings(), StandardCharsets.UTF_8);
            Files.writeString(settings, shared.replace("</settings>", """
                      <servers>
                        <server>
                          <id>hotgigs-db</id>
                          <username>%s</username>
                          <password>%s</password>
                        </server>
                      </servers>
                    </settings>
                    """.formatted(user, password)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    private static void assertMigratedAs(LoginRole role, TestDatabase db, BuildResult result) {
        assertTrue(result.succeeded(), result::describe);
        assertEquals(1, result.count("[INFO] Applying 001_accounts"), result::describe);
        List<HistoryRow> history = new Catalog(db.url()).history();
        assertEquals(List.of("001"), history.stream().map(HistoryRow::version).toList(), history::toString);
        assertEquals(role.name(), history.get(0).installedBy(), "the migration ran as the configured role");
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (InputStream in = CredentialsIT.class.getClassLoader().getResourceAsStream(name)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String resource(String name) {
        try (InputStream in = CredentialsIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
