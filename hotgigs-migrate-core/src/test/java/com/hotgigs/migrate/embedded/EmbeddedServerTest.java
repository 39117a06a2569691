package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.testing.BinariesJar;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    /** Without the check the new server could not listen, and the other one was taken for it and given the database. */
    @Test
    void refusesAPortAnotherPostgresHoldsAndCreatesNothingOnIt() throws SQLException {
        try (EmbeddedServer other = EmbeddedServer.builder(BinariesJar.of(15)).serverConfig("fsync", "off").start()) {
            long started = System.nanoTime();
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> EmbeddedServer.builder(BinariesJar.of(15))
                    .database("hotgigs_taken_port").port(other.port()).start().close());

            assertEquals(ErrorCode.PORT_IN_USE, e.code());
            assertEquals("Port " + other.port() + " on localhost (127.0.0.1) is already in use by another PostgreSQL server: "
                    + "the embedded PostgreSQL was not started, and nothing was created there. "
                    + "Set hotgigs.postgresPort to a free port, or to 0 to have one picked.", e.getMessage());
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused at once, not after the startup wait");
            assertEquals(List.of("postgres", "template0", "template1"), databases(other));
        }
    }

    @Test
    void refusesAPortAProgramThatIsNotPostgresHolds() throws IOException {
        try (ServerSocket program = new ServerSocket()) {
            program.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            long started = System.nanoTime();
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> EmbeddedServer.builder(BinariesJar.of(15)).port(program.getLocalPort()).start().close());

            assertEquals("Port " + program.getLocalPort() + " on localhost (127.0.0.1) is already in use by a program that is "
                    + "not PostgreSQL: the embedded PostgreSQL was not started, and nothing was created there. "
                    + "Set hotgigs.postgresPort to a free port, or to 0 to have one picked.", e.getMessage());
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused at once, not after the startup wait");
        }
    }

    /**
     * Another server takes the port after the check, while initdb runs: the new server cannot listen,
     * and the one that answers is found out by its data directory before anything is created on it.
     */
    @Test
    void aServerWhosePortWasTakenWhileItStartedIsStoppedAndNothingIsCreatedOnTheOther() throws Exception {
        int port = freePort();
        AtomicReference<EmbeddedServer> other = new AtomicReference<>();
        AtomicReference<Path> ownDirectory = new AtomicReference<>();
        try {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> EmbeddedServer.builder(BinariesJar.of(15))
                    .database("hotgigs_lost_port").port(port)
                    .dataDirectoryCustomizer(directory -> {
                        ownDirectory.set(directory);
                        other.set(EmbeddedServer.builder(BinariesJar.of(15)).port(port).serverConfig("fsync", "off").start());
                    })
                    .start().close());

            assertEquals(ErrorCode.PORT_IN_USE, e.code());
            assertEquals("The PostgreSQL answering on localhost:" + port + " is not the one just started: it serves the data "
                    + "directory " + other.get().dataDirectory() + ", not " + ownDirectory.get() + ". Another program took port "
                    + port + " while the server started, so it could not listen. It was stopped and its data deleted; nothing "
                    + "was created on the other server. Build again; if a port of your choosing is taken, set "
                    + "hotgigs.postgresPort to a free one, or to 0 to have one picked.", e.getMessage());
            assertEquals(List.of("postgres", "template0", "template1"), databases(other.get()));
            assertFalse(Files.exists(ownDirectory.get()), "data directory left behind: " + ownDirectory.get());
        } finally {
            if (other.get() != null) {
                other.get().close();
            }
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

    private static List<String> databases(EmbeddedServer server) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.adminUrl());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
            List<String> names = new ArrayList<>();
            while (result.next()) {
                names.add(result.getString(1));
            }
            return names;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
