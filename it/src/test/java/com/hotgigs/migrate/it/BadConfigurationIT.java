package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration mistakes users make: each fails the build with one clear message (what, where,
 * how to fix), no stack trace, and leaves the database as it was.
 */
@Execution(ExecutionMode.CONCURRENT)
class BadConfigurationIT {

    private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n";

    @Test
    void unreachableHost() {
        // Port 1 on the loopback: nothing listens there, the connection is refused at once.
        BuildResult result = SampleProject.copy("app", "unreachable").file("migrations/001_accounts.sql", ACCOUNTS)
                .build().args("hotgigs:migrate").property("hotgigs.url", "jdbc:postgresql://127.0.0.1:1/hotgigs_db")
                .property("hotgigs.user", "postgres").run();
        String message = assertClearFailure(result);
        assertTrue(message.contains("127.0.0.1:1") || message.contains("127.0.0.1 port 1"), result::describe);
        assertTrue(message.toLowerCase(Locale.ROOT).matches("(?s).*(refused|unreachable|could not connect|cannot connect).*"), result::describe);
    }

    @Test
    void missingDatabase() {
        try (TestDatabase db = TestDatabase.create()) {
            String missing = "hg_it_missing_" + UUID.randomUUID().toString().substring(0, 8);
            String url = db.url().replace("/" + db.name(), "/" + missing);
            BuildResult result = SampleProject.copy("app", "missing-database").file("migrations/001_accounts.sql", ACCOUNTS)
                    .build().args("hotgigs:migrate").property("hotgigs.url", url).run();
            String message = assertClearFailure(result);
            assertTrue(message.contains(missing), result::describe);
            assertTrue(message.contains("does not exist"), result::describe);
            assertEquals(0, new Catalog(db.url()).count("SELECT count(*) FROM pg_database WHERE datname = ?", missing),
                    "the plugin does not create databases");
        }
    }

    @Test
    void wrongPassword() {
        try (TestDatabase db = TestDatabase.create();
             LoginRole role = LoginRole.create(db.adminUrl(), db.name(), "right-password")) {
            Assumptions.assumeTrue(role.passwordChecked(),
                    "the test server trusts every connection and its pg_hba.conf cannot be edited here: "
                            + "a wrong password cannot be detected on it");
            BuildResult result = SampleProject.copy("app", "wrong-password").file("migrations/001_accounts.sql", ACCOUNTS)
                    .build().args("hotgigs:migrate").property("hotgigs.url", ServerAddress.of(db.url()).url())
                    .property("hotgigs.user", role.name()).property("hotgigs.password", "wrong-password").run();
            String message = assertClearFailure(result);
            assertTrue(message.contains(role.name()), result::describe);
            assertTrue(message.toLowerCase(Locale.ROOT).contains("password"), result::describe);
            assertFalse(result.log().contains("wrong-password"), result::describe);
            assertEquals(List.of(), new Catalog(db.url()).tables("public"), "the database is untouched");
        }
    }

    @Test
    void unknownServerId() {
        try (TestDatabase db = TestDatabase.create()) {
            BuildResult result = SampleProject.copy("app", "unknown-server").file("migrations/001_accounts.sql", ACCOUNTS)
                    .build().args("hotgigs:migrate").property("hotgigs.url", ServerAddress.of(db.url()).url())
                    .property("hotgigs.serverId", "no-such-server").run();
            String message = assertClearFailure(result);
            assertTrue(message.contains("no-such-server"), result::describe);
            assertTrue(message.contains("settings.xml"), result::describe);
            assertEquals(List.of(), new Catalog(db.url()).tables("public"), "the database is untouched");
        }
    }

    @Test
    void badlyNamedMigrationFile() {
        try (TestDatabase db = TestDatabase.create()) {
            BuildResult result = SampleProject.copy("app", "bad-name")
                    .file("migrations/001_accounts.sql", ACCOUNTS)
                    .file("migrations/V2_add_ledger.sql", "CREATE TABLE ledger (id bigint);\n")
                    .build().args("hotgigs:migrate").property("hotgigs.url", db.url()).run();
            String message = assertClearFailure(result);
            // Flyway's form with one underscore: neither naming rule reads it.
            assertTrue(message.contains("V2_add_ledger.sql"), result::describe);
            assertEquals(List.of(), new Catalog(db.url()).tables("public"), "nothing written, not even the history table");
        }
    }

    @Test
    void duplicateVersion() {
        try (TestDatabase db = TestDatabase.create()) {
            BuildResult result = SampleProject.copy("app", "duplicate")
                    .file("migrations/001_accounts.sql", ACCOUNTS)
                    .file("migrations/1_ledger.sql", "CREATE TABLE ledger (id bigint);\n")
                    .build().args("hotgigs:migrate").property("hotgigs.url", db.url()).run();
            String message = assertClearFailure(result);
            assertTrue(message.contains("001_accounts"), result::describe);
            assertTrue(message.contains("1_ledger"), result::describe);
            assertEquals(List.of(), new Catalog(db.url()).tables("public"), "nothing written, not even the history table");
        }
    }

    /**
     * The machine's PostgreSQL (or the tests' server) holds the port: start fails at once, and neither
     * creates the database on that server nor lets migrate run there, as it did when the server
     * answering was taken for the one just started.
     */
    @Test
    void startOnAPortAnotherPostgresHolds() {
        try (MachineDatabase machine = MachineDatabase.create()) {
            int port = ServerAddress.of(machine.url()).port();
            String database = "hg_it_taken_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            BuildResult result = SampleProject.copy("app", "start-taken-port").file("migrations/001_accounts.sql", ACCOUNTS)
                    .build().args("hotgigs:start", "hotgigs:migrate").property("hotgigs.postgresPort", String.valueOf(port))
                    .property("hotgigs.database", database).run();
            String message = assertClearFailure(result);
            assertTrue(message.contains(": Port " + port + " on localhost (127.0.0.1) is already in use by another PostgreSQL "
                    + "server: the embedded PostgreSQL was not started, and nothing was created there. "
                    + "Set hotgigs.postgresPort to a free port, or to 0 to have one picked."), result::describe);
            assertTrue(result.linesContaining("Started PostgreSQL").isEmpty(), result::describe);
            assertTrue(result.linesContaining("initdb").isEmpty(), "no server was even initialized:\n" + result.describe());
            assertTrue(result.linesContaining("Could not stop postmaster").isEmpty(), result::describe);
            assertEquals(0, new Catalog(machine.urlWithUser()).count("SELECT count(*) FROM pg_database WHERE datname = ?",
                    database), "no database created on the server that holds the port");
            assertEquals(List.of(), new Catalog(machine.urlWithUser()).tables("public"), "the server's databases are untouched");
        }
    }

    @Test
    void startOnAPortAProgramThatIsNotPostgresHolds() throws IOException {
        try (ServerSocket program = new ServerSocket()) {
            program.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            long started = System.nanoTime();
            BuildResult result = SampleProject.copy("app", "start-port-of-a-program").build().args("hotgigs:start")
                    .property("hotgigs.postgresPort", String.valueOf(program.getLocalPort())).run();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String message = assertClearFailure(result);
            assertTrue(message.contains(": Port " + program.getLocalPort() + " on localhost (127.0.0.1) is already in use by "
                    + "a program that is not PostgreSQL: the embedded PostgreSQL was not started"), result::describe);
            assertTrue(took.compareTo(Duration.ofSeconds(45)) < 0, "not after the 60 s startup wait: " + took);
        }
    }

    /** Checked before anything is resolved or started: the embedded library does not even run initdb. */
    @Test
    void startWithAPortOutOfRange() {
        BuildResult result = SampleProject.copy("app", "start-port-out-of-range").build().args("hotgigs:start")
                .property("hotgigs.postgresPort", "70000").run();
        String message = assertClearFailure(result);
        assertTrue(message.contains(": Setting 'postgresPort' (hotgigs.postgresPort) has the invalid value '70000': "
                + "expected 0 (a free port is picked) or a port from 1 to 65535. -> [Help 1]"), result::describe);
        assertTrue(result.linesContaining("initdb").isEmpty(), result::describe);
    }

    @Test
    void startWithADatabaseNameThatIsNotAnIdentifier() {
        BuildResult result = SampleProject.copy("app", "start-database-name").build().args("hotgigs:start")
                .property("hotgigs.database", "my-db").run();
        String message = assertClearFailure(result);
        assertTrue(message.contains(": Setting 'database' (hotgigs.database) has the invalid value 'my-db': expected a plain "
                + "identifier of letters, digits and _, starting with a letter or _, at most 63 characters, such as "
                + "hotgigs_db. -> [Help 1]"), result::describe);
        assertFalse(message.contains("hotgigs-postgres.log"), result::describe);
        assertTrue(result.linesContaining("initdb").isEmpty(), result::describe);
    }

    /** A failed build with one message of a few lines and no stack trace; returns the message. */
    /** Maven reads any word but true as false: "yes" would run the goal it was meant to skip. */
    @Test
    void skipThatIsNotABoolean() {
        try (TestDatabase db = TestDatabase.create()) {
            BuildResult result = SampleProject.copy("app", "skip-yes").file("migrations/001_accounts.sql", ACCOUNTS)
                    .build().args("hotgigs:migrate").property("hotgigs.url", db.url()).property("hotgigs.skip", "yes").run();
            String message = assertClearFailure(result);
            assertTrue(message.contains("hotgigs.skip") && message.contains("\"yes\"") && message.contains("true or false"),
                    result::describe);
            assertTrue(result.linesContaining("Applying").isEmpty(), result::describe);
            assertEquals(List.of(), new Catalog(db.url()).tables("public"), "the database is untouched");
        }
    }

    /** A -Dhotgigs.url left in maven.config wins over the server hotgigs:start just started: the build says so. */
    @Test
    void aUrlThatPassesOverTheStartedServerIsWarnedAbout() {
        try (TestDatabase db = TestDatabase.create()) {
            BuildResult result = SampleProject.copy("app", "started-passed-over").file("migrations/001_accounts.sql", ACCOUNTS)
                    .build().args("hotgigs:start", "hotgigs:migrate", "hotgigs:stop").property("hotgigs.url", db.url()).run();
            assertTrue(result.succeeded(), result::describe);
            List<String> warned = result.linesContaining("hotgigs:start started a PostgreSQL for this module at");
            assertEquals(1, warned.size(), result::describe);
            assertTrue(warned.get(0).contains("(-Dhotgigs.url, or a system property)") && warned.get(0).contains("maven.config"),
                    result::describe);
            assertEquals(List.of("accounts"), new Catalog(db.url()).tables("public").stream().filter("accounts"::equals).toList(),
                    "the database the URL names was migrated");
        }
    }

    private static String assertClearFailure(BuildResult result) {
        assertNotEquals(0, result.exitCode(), result::describe);
        assertTrue(result.failed(), result::describe);
        String message = result.errorMessage();
        assertTrue(message.contains("hotgigs-migrate-maven-plugin"), result::describe);
        assertFalse(result.hasStackTrace(), result::describe);
        assertTrue(message.lines().count() <= 8, () -> "a short message:\n" + message);
        return message;
    }
}
