package com.hotgigs.migrate.connection;

import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classifier on the exceptions a real server and the real driver raise, not on hand-made ones. */
class DatabaseFailureKindsIT {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aTerminatedSessionIsTheServerEndingItThenALostConnection() throws SQLException {
        try (Connection victim = database.connect(); Statement statement = victim.createStatement()) {
            int pid = pid(victim);
            try (Connection admin = database.connect(); Statement kill = admin.createStatement()) {
                kill.execute("SELECT pg_terminate_backend(" + pid + ")");
            }

            SQLException terminated = assertThrows(SQLException.class, () -> statement.execute("SELECT 1"));
            DatabaseFailure first = DatabaseFailure.classify(terminated, DatabaseFailure.Situation.working(database.url(), null, victim));
            assertEquals("57P01", terminated.getSQLState());
            assertEquals(ErrorCode.SERVER_SHUTTING_DOWN, first.code());
            assertTrue(first.explanation().contains("terminating connection due to administrator command (SQLSTATE 57P01)"),
                    first.explanation());
            assertTrue(DatabaseFailure.connectionLost(terminated));

            SQLException closed = assertThrows(SQLException.class, () -> victim.createStatement().execute("SELECT 1"));
            assertEquals("08003", closed.getSQLState());
            assertEquals(ErrorCode.CONNECTION_LOST, DatabaseFailure.kind(closed));
            assertTrue(DatabaseFailure.connectionLost(closed));
        }
    }

    @Test
    void aLockTimeoutNamesHowToFindTheBlocker() throws SQLException {
        try (Connection holder = database.connect(); Statement hold = holder.createStatement();
             Connection waiter = database.connect(); Statement wait = waiter.createStatement()) {
            hold.execute("CREATE TABLE t (id int)");
            holder.setAutoCommit(false);
            hold.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            wait.execute("SET lock_timeout = '100ms'");

            SQLException timeout = assertThrows(SQLException.class, () -> wait.execute("SELECT * FROM t"));
            DatabaseFailure failure = DatabaseFailure.classify(timeout, DatabaseFailure.Situation.working(database.url(), null, waiter));

            assertEquals(ErrorCode.LOCK_NOT_AVAILABLE, failure.code());
            assertTrue(failure.fix().contains("pg_blocking_pids"), failure.fix());
            assertFalse(DatabaseFailure.connectionLost(timeout));
            holder.rollback();
        }
    }

    @Test
    void aCancelledStatementIsNotCalledATimeout() throws Exception {
        try (Connection victim = database.connect(); Statement statement = victim.createStatement()) {
            int pid = pid(victim);
            Thread canceller = new Thread(() -> {
                try (Connection admin = database.connect(); Statement cancel = admin.createStatement()) {
                    // Cancel only once the sleep is running, however slowly the machine starts it.
                    for (int attempt = 0; attempt < 600; attempt++) {
                        try (ResultSet row = cancel.executeQuery("SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                                + "WHERE pid = " + pid + " AND query LIKE 'SELECT pg_sleep%' AND state = 'active'")) {
                            if (row.next()) {
                                return;
                            }
                        }
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            canceller.start();
            SQLException cancelled = assertThrows(SQLException.class, () -> statement.execute("SELECT pg_sleep(60)"));
            canceller.join();

            assertEquals("57014", cancelled.getSQLState());
            assertEquals(ErrorCode.STATEMENT_CANCELED, DatabaseFailure.kind(cancelled));
        }
    }

    @Test
    void aMissingDatabaseAndAnSslRefusalAreToldApart() {
        String missing = database.url().replace(database.name(), database.name() + "_gone");
        SQLException noDatabase = assertThrows(SQLException.class, () -> DriverManager.getConnection(missing).close());
        assertEquals(ErrorCode.DATABASE_MISSING,
                DatabaseFailure.classify(noDatabase, DatabaseFailure.Situation.connecting(missing, null, null)).code());

        String ssl = database.url() + (database.url().contains("?") ? "&" : "?") + "sslmode=require";
        SQLException noSsl = assertThrows(SQLException.class, () -> DriverManager.getConnection(ssl).close());
        DatabaseFailure failure = DatabaseFailure.classify(noSsl, DatabaseFailure.Situation.connecting(ssl, null, null));
        assertEquals(ErrorCode.SSL_NOT_SUPPORTED, failure.code());
        assertTrue(failure.fix().contains("sslmode=require"), failure.fix());
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
