package com.hotgigs.migrate;

import com.hotgigs.migrate.embedded.EmbeddedServer;
import com.hotgigs.migrate.testing.BinariesJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real hot standby, made with pg_basebackup from a primary this test starts: migrating it says it
 * is a standby and how to reach the primary, and the driver's targetServerType=primary does reach it.
 * Skipped where pg_basebackup (Debian's postgresql-client, which .ci/run installs) is missing.
 */
class HotStandbyIT {

    private static EmbeddedServer primary;
    private static EmbeddedServer standby;

    @TempDir
    Path directory;

    @BeforeAll
    static void startPrimaryAndStandby() {
        String basebackup = pgBasebackup();
        Assumptions.assumeTrue(basebackup != null, "pg_basebackup is not installed");
        primary = EmbeddedServer.builder(BinariesJar.of(15)).database("standby_db")
                .serverConfig("wal_level", "replica").serverConfig("max_wal_senders", "4").serverConfig("fsync", "off")
                .start();
        standby = EmbeddedServer.builder(BinariesJar.of(15)).serverConfig("hot_standby", "on").serverConfig("fsync", "off")
                .dataDirectoryCustomizer(directory -> copyPrimaryInto(basebackup, directory))
                .start();
    }

    @AfterAll
    static void stopServers() {
        if (standby != null) {
            standby.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void migratingAStandbySaysItIsOneAndHowToReachThePrimary() throws SQLException {
        assertEquals("t", value(standby.urlOf("standby_db") + "?user=postgres", "SELECT pg_is_in_recovery()"));
        new MigrationDirectory(directory).write("001_a.sql", "CREATE TABLE a (id int);\n");

        MigrationException failure = assertThrows(MigrationException.class, () -> migrator(standby.urlOf("standby_db")).migrate());

        assertEquals(ErrorCode.READ_ONLY_SERVER, failure.code(), failure.getMessage());
        assertTrue(failure.getMessage().contains("The server is a standby (pg_is_in_recovery() is true)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("targetServerType=primary"), failure.getMessage());
        assertEquals("f", value(primary.urlOf("standby_db") + "?user=postgres", "SELECT to_regclass('public.schema_migrations') IS NOT NULL"));
    }

    @Test
    void targetServerTypePrimaryFindsThePrimaryBehindTheStandby() throws SQLException {
        new MigrationDirectory(directory).write("001_a.sql", "CREATE TABLE a (id int);\n");
        String both = "jdbc:postgresql://localhost:" + standby.port() + ",localhost:" + primary.port()
                + "/standby_db?targetServerType=primary";

        MigrateResult result = migrator(both).migrate();

        assertEquals(1, result.applied().size());
        assertEquals("1", value(primary.urlOf("standby_db") + "?user=postgres", "SELECT count(*) FROM public.schema_migrations WHERE success"));
        try (Connection connection = DriverManager.getConnection(primary.urlOf("standby_db") + "?user=postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE a, public.schema_migrations");
        }
    }

    private Migrator migrator(String url) {
        return new Migrator(MigratorConfig.builder().url(url).user("postgres").locations(List.of("filesystem:" + directory)).build());
    }

    private static String value(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** Replaces the fresh cluster initdb made with a base backup of the primary, set up to follow it. */
    private static void copyPrimaryInto(String basebackup, Path dataDirectory) {
        try {
            try (Stream<Path> entries = Files.list(dataDirectory)) {
                for (Path entry : entries.toList()) {
                    deleteTree(entry.toFile());
                }
            }
            Process process = new ProcessBuilder(basebackup, "-h", "localhost", "-p", String.valueOf(primary.port()), "-U", "postgres",
                    "-D", dataDirectory.toString(), "-R", "-X", "stream", "-c", "fast")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_basebackup failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteTree(child);
            }
        }
        assertFalse(file.exists() && !file.delete(), "could not delete " + file);
    }

    private static String pgBasebackup() {
        for (String candidate : new String[] {"/usr/lib/postgresql/15/bin/pg_basebackup", "/usr/bin/pg_basebackup"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
