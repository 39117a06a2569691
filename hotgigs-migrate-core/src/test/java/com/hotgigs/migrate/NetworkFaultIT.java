package com.hotgigs.migrate;

import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.report.RecordingLog;
import com.hotgigs.migrate.testing.TcpProxy;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network path between the engine and the server that fails: reset (a cut) or silently holding
 * packets (a freeze). Every run ends with an error in bounded time, and the history and the schema
 * agree afterwards, as a direct re-run shows.
 */
class NetworkFaultIT {

    /** Far above what the watcher needs with the settings below; a hang would exceed it. */
    private static final long BOUND_SECONDS = 60;

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private TcpProxy proxy;
    private final RecordingLog log = new RecordingLog();
    private final ExecutorService runs = Executors.newCachedThreadPool();

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
        proxy = TcpProxy.inFrontOf(database.url());
        migrations.write("001_slow.sql", "CREATE TABLE slow_t (i int);\nINSERT INTO slow_t VALUES (1);\nSELECT pg_sleep(1.5);\n");
    }

    @AfterEach
    void dropDatabase() throws InterruptedException {
        proxy.close();
        runs.shutdownNow();
        runs.awaitTermination(30, TimeUnit.SECONDS);
        database.close();
    }

    @Test
    void aPathFrozenDuringAMigrationEndsTheRunWithAClearErrorAndNothingApplied() throws Exception {
        Future<MigrateResult> run = migrateThroughProxy();
        awaitSleeping();
        proxy.freeze();

        MigrationFailedException failure = failureOf(run);

        String message = failure.getMessage();
        assertTrue(message.startsWith("Migration 001_slow stopped at filesystem:"), message);
        assertTrue(message.contains("001_slow.sql line 3: the server stopped answering."), message);
        assertTrue(message.contains("The server did not answer within hotgigs.networkTimeout (2s)"), message);
        assertTrue(message.contains("Statement: SELECT pg_sleep(1.5)"), message);
        assertTrue(message.contains("It had not committed"), message);
        proxy.close();
        assertConsistentAfterADirectRerun();
    }

    @Test
    void aPathFrozenForTheOpenConnectionsOnlyIsSeenFromANewOneAndTheSessionIsEnded() throws Exception {
        Future<MigrateResult> run = migrateThroughProxy();
        awaitSleeping();
        proxy.freezeOpenConnections();

        MigrationFailedException failure = failureOf(run);

        String message = failure.getMessage();
        assertTrue(message.contains("The server finished the statement at line 3 (its session is 'idle in transaction'), but"), message);
        assertTrue(message.contains("It had not committed: its session on the server was ended, so its transaction was rolled "
                + "back and nothing of 001_slow remains."), message);
        // Ended on the server, not left idle in its transaction holding its locks.
        assertEquals("0", value(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND query LIKE 'SELECT pg_sleep%'"));
        proxy.close();
        assertConsistentAfterADirectRerun();
    }

    @Test
    void aCutDuringAMigrationFailsTheRunAndLeavesNothingOfIt() throws Exception {
        Future<MigrateResult> run = migrateThroughProxy();
        awaitSleeping();
        proxy.cut();

        Exception failure = failureOf(run);

        assertTrue(failure.getMessage().contains("001_slow"), failure.getMessage());
        assertConsistentAfterADirectRerun();
    }

    @Test
    void aCutRightAfterTheCommitWasForwardedLeavesTheMigrationAppliedOnceAndTheRunFailed() throws Exception {
        Future<MigrateResult> run = migrateThroughProxy();
        awaitSleeping();
        CountDownLatch cut = proxy.cutWhenClientSends("COMMIT", TcpProxy.CutPoint.AFTER_SERVER_REPLIED);
        TcpProxy.await(cut, BOUND_SECONDS);

        Exception failure = failureOf(run);

        assertTrue(failure.getMessage().contains("001_slow"), failure.getMessage());
        // The server committed it: recorded once, its data there once, and a re-run has nothing to do.
        assertEquals(List.of("001|slow|t"), history(database));
        assertEquals("1", value(database, "SELECT count(*) FROM slow_t"));
        assertTrue(migrations.migratorFor(database).migrate().applied().isEmpty());
    }

    @Test
    void aCutWhileReadingTheHistoryFailsTheRunBeforeAnythingIsWritten() throws Exception {
        migrations.migratorFor(database).migrate();
        migrations.write("002_more.sql", "CREATE TABLE more_t (i int);\n");
        CountDownLatch cut = proxy.cutWhenClientSends("ORDER BY installed_rank", TcpProxy.CutPoint.BEFORE_FORWARDING);
        Future<MigrateResult> run = migrateThroughProxy();
        TcpProxy.await(cut, BOUND_SECONDS);

        ExecutionException thrown = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> run.get(BOUND_SECONDS, TimeUnit.SECONDS));

        MigrationException failure = assertInstanceOf(MigrationException.class, thrown.getCause());
        assertTrue(failure.getMessage().contains("schema_migrations"), failure.getMessage());
        assertEquals(List.of("001|slow|t"), history(database));
        assertEquals("f", value(database, "SELECT to_regclass('more_t') IS NOT NULL"));
    }

    /**
     * The kernel probes an idle engine connection, so a peer or a NAT that vanished without a reset is
     * noticed: each socket of a running migration, seen with ss on this machine, has its keepalive timer.
     */
    @Test
    void everyConnectionOfARunningMigrationHasTcpKeepalivesOn() throws Exception {
        // Long enough for every sample below to find the sockets open.
        migrations.write("001_slow.sql", "CREATE TABLE slow_t (i int);\nSELECT pg_sleep(4);\n");
        MigratorConfig config = migrations.configFor(database).watchInterval(Duration.ofMillis(200)).build();
        Future<MigrateResult> run = runs.submit(new Migrator(config, new ProgressLog(log))::migrate);
        awaitSleeping();
        List<String> ports = rows(database, "SELECT client_port FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name LIKE 'hotgigs-migrate%' AND pid <> pg_backend_pid()");

        assertEquals(2, ports.size(), () -> "the applying and the watching connection: " + ports);
        for (String port : ports) {
            assertKeepaliveTimer(port);
        }
        assertEquals(1, run.get(BOUND_SECONDS, TimeUnit.SECONDS).applied().size());
    }

    /**
     * While a socket has data in flight, ss shows its retransmission timer instead; an idle moment
     * comes within a few samples, and a socket without keepalives never shows the timer at all.
     */
    private static void assertKeepaliveTimer(String port) throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        for (int sample = 0; sample < 50; sample++) {
            String socket = socketOfLocalPort(port);
            if (socket.contains("timer:(keepalive")) {
                return;
            }
            seen.add(socket);
            Thread.sleep(20);
        }
        throw new AssertionError("no keepalive timer on the socket of local port " + port + " in 50 samples: " + seen);
    }

    private static String socketOfLocalPort(String port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-tnoH", "state", "established", "( sport = :" + port + " )")
                .redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, ss.waitFor(), output);
        assertTrue(!output.isEmpty(), () -> "ss shows no established socket on local port " + port);
        return output;
    }

    private Future<MigrateResult> migrateThroughProxy() {
        MigratorConfig config = migrations.configFor(database).url(proxy.url(database.url()))
                .watchInterval(Duration.ofMillis(200)).networkTimeout(Duration.ofSeconds(2)).build();
        Migrator migrator = new Migrator(config, new ProgressLog(log));
        return runs.submit(migrator::migrate);
    }

    /** Waits until the migration's last statement runs on the server, seen on a direct connection. */
    private void awaitSleeping() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!"1".equals(value(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state = 'active' AND query LIKE 'SELECT pg_sleep%'"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the migration never reached its pg_sleep");
            }
            Thread.sleep(20);
        }
    }

    private static <T extends Exception> T failureOf(Future<MigrateResult> run) throws InterruptedException {
        try {
            MigrateResult result = run.get(BOUND_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("the run succeeded: " + result);
        } catch (ExecutionException e) {
            @SuppressWarnings("unchecked")
            T cause = (T) e.getCause();
            return cause;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the run still hangs after " + BOUND_SECONDS + " s", e);
        }
    }

    /** Nothing of 001 was committed, and a direct run applies it exactly once. */
    private void assertConsistentAfterADirectRerun() throws SQLException {
        assertEquals("0", value(database, "SELECT count(*) FROM schema_migrations WHERE success"));
        assertEquals("f", value(database, "SELECT to_regclass('slow_t') IS NOT NULL"));
        MigrateResult rerun = migrations.migratorFor(database).migrate();
        assertEquals(1, rerun.applied().size());
        assertEquals("1", value(database, "SELECT count(*) FROM slow_t"));
        assertEquals("1", value(database, "SELECT count(*) FROM schema_migrations WHERE success"));
    }
}
