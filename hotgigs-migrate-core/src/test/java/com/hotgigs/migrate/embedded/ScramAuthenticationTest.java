package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.testing.BinariesJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password authentication as production uses it: a server whose pg_hba.conf demands
 * scram-sha-256 over TCP from every role but the superuser the test administers it with.
 */
class ScramAuthenticationTest {

    private static final String ROLE = "hotgigs_app";
    private static final String PASSWORD = "Corr3ct-horse";
    private static final String WRONG_PASSWORD = "Wr0ng-battery";

    private static EmbeddedServer server;

    @BeforeAll
    static void startServerThatDemandsPasswords() throws SQLException {
        server = EmbeddedServer.builder(BinariesJar.of(15))
                .database("scram_db")
                .serverConfig("fsync", "off")
                .serverConfig("password_encryption", "scram-sha-256")
                .dataDirectoryCustomizer(ScramAuthenticationTest::requireScramOverTcp)
                .start();
        try (Connection admin = DriverManager.getConnection(server.adminUrl());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("ALTER DATABASE scram_db OWNER TO " + ROLE);
        }
    }

    private static void requireScramOverTcp(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void passwordIsStoredAsScramAndRequired() throws SQLException {
        try (Connection admin = DriverManager.getConnection(server.adminUrl());
             Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = '" + ROLE + "'")) {
            result.next();
            assertTrue(result.getString(1).startsWith("SCRAM-SHA-256$"), "stored as " + result.getString(1).substring(0, 14));
        }
        SQLException noPassword = assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url(), ROLE, null));
        assertTrue(noPassword.getMessage().contains("SCRAM"), noPassword.getMessage());
    }

    @Test
    void rightPasswordConnectsAndMigrates(@TempDir Path migrations) throws IOException, SQLException {
        Files.writeString(migrations.resolve("001_create_candidates.sql"),
                "CREATE TABLE candidates (id bigint PRIMARY KEY, email text NOT NULL);\n");

        MigrateResult result = new Migrator(config(migrations, PASSWORD)).migrate();

        assertEquals(List.of("001"), result.applied().stream().map(m -> m.version()).toList());
        try (Connection connection = DriverManager.getConnection(server.url(), ROLE, PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT installed_by, success FROM public.schema_migrations")) {
            assertTrue(rows.next());
            assertEquals(ROLE, rows.getString(1));
            assertTrue(rows.getBoolean(2));
            assertFalse(rows.next());
        }
    }

    @Test
    void wrongPasswordFailsWithAClearErrorThatNeverShowsThePassword(@TempDir Path migrations) throws IOException {
        Files.writeString(migrations.resolve("001_create_jobs.sql"), "CREATE TABLE jobs (id bigint PRIMARY KEY);\n");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new Migrator(config(migrations, WRONG_PASSWORD)).migrate());

        assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("'" + ROLE + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("localhost:" + server.port()), e.getMessage());
        assertFalse(e.getMessage().contains(WRONG_PASSWORD), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    private static MigratorConfig config(Path migrations, String password) {
        return MigratorConfig.builder()
                .url(server.url())
                .user(ROLE)
                .password(password)
                .locations(List.of("filesystem:" + migrations))
                .build();
    }
}
