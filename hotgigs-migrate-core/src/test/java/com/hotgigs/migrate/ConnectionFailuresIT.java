package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import com.hotgigs.migrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionFailuresIT {

    @TempDir
    Path directory;

    @Test
    void unreachableServerSaysWhereItLookedAndWhatToCheck() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        new MigrationDirectory(directory).write("001_a.sql", "SELECT 1;\n");

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> new Migrator(MigratorConfig.builder()
                .url("jdbc:postgresql://127.0.0.1:" + closedPort + "/hotgigs_db?connectTimeout=5")
                .password("s3cret-value")
                .locations(List.of("filesystem:" + directory)).build()).migrate());

        assertEquals(ErrorCode.SERVER_UNREACHABLE, failure.code());
        assertTrue(failure.getMessage().contains("127.0.0.1:" + closedPort + "/hotgigs_db"), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret-value"), failure.getMessage());
    }

    @Test
    void aUrlTheDriverCannotReadIsNamedWithoutItsPassword() {
        new MigrationDirectory(directory).write("001_a.sql", "SELECT 1;\n");

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> new Migrator(MigratorConfig.builder()
                .url("jdbc:postgresql://127.0.0.1:not-a-port/hotgigs_db?password=s3cret-value")
                .locations(List.of("filesystem:" + directory)).build()).migrate());

        assertEquals(ErrorCode.INVALID_CONFIGURATION, failure.code());
        assertTrue(failure.getMessage().startsWith("The PostgreSQL driver cannot read the URL "
                + "jdbc:postgresql://127.0.0.1:not-a-port/hotgigs_db?password=****: its port 'not-a-port' is not a number from 1 "
                + "to 65535."), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret-value"), failure.getMessage());
    }

    /** The driver logs a URL it cannot read whole, to the build's console: it must never be given one. */
    @Test
    void aMalformedUrlNeverReachesTheDriversLog() {
        new MigrationDirectory(directory).write("001_a.sql", "SELECT 1;\n");
        java.util.logging.Logger driverLog = java.util.logging.Logger.getLogger("org.postgresql");
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler recorder = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        driverLog.addHandler(recorder);
        try {
            for (String url : List.of("jdbc:postgresql://127.0.0.1:5432?user=postgres&password=s3cret-value",
                    "jdbc:postgresql://127.0.0.1:5432/a/b?password=s3cret-value", "jdbc:postgresql://u:s3cret/value@127.0.0.1:5432/db",
                    "jdbc:postgresql://127.0.0.1:99999/db?password=s3cret-value",
                    "jdbc:postgresql://127.0.0.1:5432/?user=postgres&password=s3cret-value")) {
                ConfigurationException failure = assertThrows(ConfigurationException.class, () -> new Migrator(MigratorConfig.builder()
                        .url(url).locations(List.of("filesystem:" + directory)).build()).migrate());

                assertTrue(failure.getMessage().startsWith("The PostgreSQL driver cannot read the URL "), failure.getMessage());
                assertFalse(failure.getMessage().contains("s3cret"), failure.getMessage());
            }
        } finally {
            driverLog.removeHandler(recorder);
        }
        assertEquals(List.of(), logged);
    }

    @Test
    void missingDatabaseSaysHowToCreateIt() {
        new MigrationDirectory(directory).write("001_a.sql", "SELECT 1;\n");
        String url = TestPostgres.shared().urlOf("hg_no_such_database");

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> new Migrator(MigratorConfig.builder()
                .url(url).locations(List.of("filesystem:" + directory)).build()).migrate());

        assertEquals(ErrorCode.DATABASE_MISSING, failure.code());
        assertTrue(failure.getMessage().contains("CREATE DATABASE hg_no_such_database"), failure.getMessage());

        // Unquoted, CREATE DATABASE would fold the name to lower case and make another database.
        ConfigurationException upper = assertThrows(ConfigurationException.class, () -> new Migrator(MigratorConfig.builder()
                .url(TestPostgres.shared().urlOf("HG_No_Such")).locations(List.of("filesystem:" + directory)).build()).migrate());
        assertTrue(upper.getMessage().contains("psql -c 'CREATE DATABASE \"HG_No_Such\"'"), upper.getMessage());
    }

    @Test
    void anUnknownHostIsNamedAsTheCause() {
        new MigrationDirectory(directory).write("001_a.sql", "SELECT 1;\n");

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> new Migrator(MigratorConfig.builder()
                .url("jdbc:postgresql://no-such-host.invalid:5432/x").locations(List.of("filesystem:" + directory)).build()).migrate());

        assertEquals(ErrorCode.SERVER_UNREACHABLE, failure.code());
        assertTrue(failure.getMessage().startsWith("Cannot reach PostgreSQL at no-such-host.invalid:5432/x: the host name "
                + "no-such-host.invalid was not found (the DNS lookup failed)."), failure.getMessage());
    }

    @Test
    void badFilesAreReportedBeforeAnyConnectionIsMade() throws Exception {
        try (TestDatabase database = TestDatabase.create()) {
            MigrationDirectory migrations = new MigrationDirectory(directory)
                    .write("001_a.sql", "CREATE TABLE a (id int);\n")
                    .write("1.0_again.sql", "CREATE TABLE b (id int);\n")
                    .write("add-offers.sql", "CREATE TABLE c (id int);\n");

            ConfigurationException failure = assertThrows(ConfigurationException.class,
                    () -> migrations.migratorFor(database).migrate());

            assertEquals(ErrorCode.INVALID_MIGRATION_FILE, failure.code());
            assertTrue(failure.getMessage().contains("add-offers.sql is badly named"), failure.getMessage());
            assertTrue(failure.getMessage().contains("Duplicate migration version (001 = 1.0): filesystem:" + directory + "/001_a.sql and filesystem:" + directory + "/1.0_again.sql"), failure.getMessage());
            assertFalse(Queries.tableExists(database, "schema_migrations"));
            assertFalse(Queries.tableExists(database, "a"));
        }
    }

    @Test
    void sslRequiredOfAServerWithoutSslSaysSoAndNotToCheckHostAndPort() throws SQLException {
        new MigrationDirectory(directory).write("001_a.sql", "SELECT 1;\n");
        try (TestDatabase database = TestDatabase.create()) {
            String url = database.url() + (database.url().contains("?") ? "&" : "?") + "sslmode=require&sslpassword=k3y-s3cret";

            ConfigurationException failure = assertThrows(ConfigurationException.class, () -> new Migrator(MigratorConfig.builder()
                    .url(url).locations(List.of("filesystem:" + directory)).build()).migrate());

            assertEquals(ErrorCode.SSL_NOT_SUPPORTED, failure.code(), failure.getMessage());
            assertTrue(failure.getMessage().contains("asks for SSL (sslmode=require) but the server does not accept SSL connections"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("sslmode=prefer"), failure.getMessage());
            assertFalse(failure.getMessage().contains("host and port"), failure.getMessage());
            assertFalse(failure.getMessage().contains("k3y-s3cret"), failure.getMessage());
            assertFalse(Queries.tableExists(database, "schema_migrations"));
        }
    }

    @Test
    void aUrlWithUserInfoIsRefusedBeforeTheDriverCanLogItsPassword() {
        new MigrationDirectory(directory).write("001_a.sql", "SELECT 1;\n");

        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> new Migrator(MigratorConfig.builder()
                .url("jdbc:postgresql://app:s3cret-value@127.0.0.1/hotgigs_db")
                .locations(List.of("filesystem:" + directory)).build()).migrate());

        assertEquals(ErrorCode.INVALID_CONFIGURATION, failure.code());
        assertTrue(failure.getMessage().contains("jdbc:postgresql://app:****@127.0.0.1/hotgigs_db names a user before its host"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret-value"), failure.getMessage());
    }
}
