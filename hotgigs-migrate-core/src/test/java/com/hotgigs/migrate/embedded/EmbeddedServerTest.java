package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.testing.BinariesJar;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedServerTest {

    @Test
    void startsFromOneBinariesJarWithTheDatabaseToMigrateAndStopsWithoutATrace() throws SQLException {
        Path dataDirectory;
        String url;
        try (EmbeddedServer server = EmbeddedServer.builder(BinariesJar.of(15))
                .database("hotgigs_db")
                .serverConfig("fsync", "off")
                .start()) {
            url = server.url();
            dataDirectory = server.dataDirectory();
            assertEquals("jdbc:postgresql://localhost:" + server.port() + "/hotgigs_db", url);
            assertTrue(server.version().startsWith("15."), server.version());
            assertTrue(Files.isRegularFile(dataDirectory.resolve("PG_VERSION")), "data directory " + dataDirectory);
            try (Connection connection = DriverManager.getConnection(url, server.user(), "");
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT current_database(), current_setting('fsync')")) {
                result.next();
                assertEquals("hotgigs_db", result.getString(1));
                assertEquals("off", result.getString(2));
            }
            server.close();
            // A second close, as the stop goal and the JVM exit may both do, is harmless.
            server.close();
        }
        assertFalse(Files.exists(dataDirectory), "data directory left behind: " + dataDirectory);
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "").close());
    }

    @Test
    void refusesADatabaseNameThatIsNotAPlainIdentifier() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> EmbeddedServer.builder(BinariesJar.of(15)).database("my-db"));
        assertEquals("Setting 'database' (hotgigs.database) has the invalid value 'my-db': expected a plain identifier of "
                + "letters, digits and _, starting with a letter or _, at most 63 characters, such as hotgigs_db.", e.getMessage());
        assertThrows(ConfigurationException.class, () -> EmbeddedServer.builder(BinariesJar.of(15)).database("x\"; DROP"));
    }

    @Test
    void refusesAPortOutOfRangeBeforeAnythingStarts() {
        for (int port : new int[] {70000, -1, 65536}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> EmbeddedServer.builder(BinariesJar.of(15)).port(port));
            assertEquals("Setting 'postgresPort' (hotgigs.postgresPort) has the invalid value '" + port + "': expected 0 "
                    + "(a free port is picked) or a port from 1 to 65535.", e.getMessage());
        }
    }

    /** A failure after initdb, here the customizer's, leaves no data directory behind. */
    @Test
    void aFailedStartDeletesItsDataDirectory() {
        AtomicReference<Path> directory = new AtomicReference<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedServer.builder(BinariesJar.of(15))
                .dataDirectoryCustomizer(initialized -> {
                    directory.set(initialized);
                    throw new IllegalStateException("customizer failed");
                })
                .start().close());

        assertEquals("customizer failed", e.getMessage());
        assertTrue(directory.get().getFileName().toString().startsWith("hotgigs-postgres-"), directory.get().toString());
        assertFalse(Files.exists(directory.get()), "data directory left behind: " + directory.get());
    }

    @Test
    void aJarWithoutPostgresSaysSo() throws Exception {
        Path notBinaries = Files.createTempFile("not-binaries", ".jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(notBinaries))) {
            out.putNextEntry(new java.util.zip.ZipEntry("README.txt"));
        }
        try {
            var e = assertThrows(RuntimeException.class, () -> EmbeddedServer.builder(notBinaries).start());
            assertTrue(e.getMessage().contains("holds no postgres-*.txz archive"), e.getMessage());
        } finally {
            Files.delete(notBinaries);
        }
    }
}
