package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.OwnServer;
import com.hotgigs.migrate.testing.PgBouncer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults that need a server of the test's own: restarted by {@code pg_ctl restart -m immediate}
 * while a run migrates and while another waits for its lock, and put behind Debian's PgBouncer.
 */
class ServerFaultsIT {

    private static OwnServer server;

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private String database;

    @BeforeAll
    static void startServer() {
        server = OwnServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        migrations = new MigrationDirectory(directory);
        database = "faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.createDatabase(database);
    }

    @Test
    void aRestartDuringAMigrationAndDuringAnotherRunsLockWaitAppliesNothingTwice() throws Exception {
        // 002 sleeps only until the server restarts, so that the run that applies it afterwards is quick. The
        // server's start time is recorded by the test, durably and outside the migrated schema (which must hold
        // nothing before the first migrate): recorded by 001, whose commit the crash may take back, the waiter
        // would record the new start time and sleep the whole minute.
        execute("CREATE SCHEMA probe");
        execute("CREATE TABLE probe.started AS SELECT pg_postmaster_start_time() AS at");
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n")
                .write("002_slow.sql", "CREATE TABLE slow (id int);\n"
                        + "SELECT pg_sleep(60) FROM probe.started WHERE at = pg_postmaster_start_time();\n"
                        + "INSERT INTO slow VALUES (2);\n");
        MigratorConfig config = config(server.urlOf(database));
        List<String> waiterWarnings = new CopyOnWriteArrayList<>();
        ExecutorService runs = Executors.newCachedThreadPool();
        try {
            Future<MigrateResult> migrating = runs.submit(() -> new Migrator(config).migrate());
            awaitSession("query LIKE 'SELECT pg_sleep(60)%'");
            Future<MigrateResult> waiting = runs.submit(() -> new Migrator(config, new MigrationListener() {
                @Override
                public void warning(String message) {
                    waiterWarnings.add(message);
                }
            }).migrate());
            // The waiter polls for the lock and asks who holds it, in turns.
            awaitSession("(query LIKE '%pg_try_advisory_lock%' OR query LIKE '%JOIN pg_catalog.pg_stat_activity a%')");

            server.restartImmediately();

            ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, failureOf(migrating));
            assertTrue(lost.getMessage().startsWith("Migration 002_slow failed at filesystem:"), lost.getMessage());
            assertTrue(lost.getMessage().contains("002_slow.sql line 2, column 1: the connection to the server was lost"),
                    lost.getMessage());
            assertTrue(lost.getMessage().contains("nothing of 002_slow remains"), lost.getMessage());
            assertEquals(2, lost.line());
            MigrateResult waited = waiting.get(180, TimeUnit.SECONDS);
            // 001 committed without waiting for its WAL flush (only a run's last commit waits), so the crash
            // may have taken it back with its history row; the waiter then applies it too.
            List<String> appliedByWaiter = waited.applied().stream().map(MigrationInfo::version).toList();
            assertTrue(appliedByWaiter.equals(List.of("002")) || appliedByWaiter.equals(List.of("001", "002")),
                    "the waiter reconnected, took the lock and applied what was left: " + appliedByWaiter);
            assertTrue(waiterWarnings.stream().anyMatch(w -> w.contains("reconnected, still waiting")), waiterWarnings.toString());
        } finally {
            runs.shutdownNow();
            runs.awaitTermination(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of("001|1", "002|1"), rows("SELECT version, count(*) FROM schema_migrations WHERE success "
                + "GROUP BY version ORDER BY version"));
        assertEquals(List.of("1"), rows("SELECT count(*) FROM a"));
        assertEquals(List.of("2"), rows("SELECT id FROM slow"));
    }

    @Test
    void aTransactionPoolingPgBouncerIsRefusedBeforeTheLockIsTaken() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        try (PgBouncer bouncer = PgBouncer.start(server, "transaction")) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> new Migrator(config(bouncer.urlOf(database))).migrate());

            assertEquals(ErrorCode.TRANSACTION_POOLER, e.code());
            assertTrue(e.getMessage().startsWith("Migrations cannot run through 127.0.0.1:"), e.getMessage());
            assertTrue(e.getMessage().contains("two connections of this run were served by the same server session"), e.getMessage());
            assertTrue(e.getMessage().contains("Point hotgigs.url at PostgreSQL itself"), e.getMessage());
            assertTrue(e.getMessage().contains("pool_mode = session"), e.getMessage());
        }
        assertEquals(List.of("f"), rows("SELECT to_regclass('schema_migrations') IS NOT NULL"));
        assertEquals(List.of("0"), rows("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
    }

    @Test
    void aSessionPoolingPgBouncerMigratesAndReleasesTheLock() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "INSERT INTO a VALUES (1);\n");
        try (PgBouncer bouncer = PgBouncer.start(server, "session")) {
            MigrateResult result = new Migrator(config(bouncer.urlOf(database))).migrate();

            assertEquals(2, result.applied().size());
            assertEquals(List.of("0"), rows("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
        }
        assertEquals(List.of("001|t", "002|t"), rows("SELECT version, success FROM schema_migrations ORDER BY installed_rank"));
        assertEquals(List.of("1"), rows("SELECT count(*) FROM a"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.urlOf(database));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private MigratorConfig config(String url) {
        return MigratorConfig.builder().url(url).locations(List.of("filesystem:" + directory))
                .lockWait(Duration.ofSeconds(120)).build();
    }

    private static Throwable failureOf(Future<MigrateResult> run) throws InterruptedException, java.util.concurrent.TimeoutException {
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(180, TimeUnit.SECONDS));
        return e.getCause();
    }

    /** Waits until another session of the test database matches {@code condition} on pg_stat_activity. */
    private void awaitSession(String condition) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rows("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                + "AND " + condition).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session matched " + condition);
            }
            Thread.sleep(20);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.urlOf(database));
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        }
    }
}
