package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.OwnServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Migrations commit without waiting for their WAL flush and a run waits for one flush at its end.
 * Proven with real crashes of a server this test owns: an immediate stop and a {@code kill -9} of
 * the postmaster in the middle of a run leave every migration either present with its history row
 * or absent without one, and a run that returned loses nothing to a crash right after it. The
 * server's WAL writer is slowed to its maximum delay, so commits that nothing flushed are still in
 * shared memory when it dies.
 */
class DurableRunIT {

    private static final int MIGRATIONS = 200;

    private static OwnServer server;

    @TempDir
    Path directory;

    @BeforeAll
    static void startServer() {
        assumeTrue(OwnServer.available(), "needs the machine's PostgreSQL binaries and the postgres user");
        server = OwnServer.start("wal_writer_delay=10s", "wal_writer_flush_after=128MB", "shared_buffers=256MB");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anImmediateStopMidRunTakesBackWholeMigrationsOnly() throws Exception {
        crashMidRun("crash_stop", OwnServer::stopImmediately);
    }

    @Test
    void aKilledPostmasterMidRunTakesBackWholeMigrationsOnly() throws Exception {
        crashMidRun("crash_kill", OwnServer::killPostmaster);
    }

    @Test
    void aRunThatReturnedLosesNothingToACrashRightAfterIt() throws Exception {
        String database = "crash_after";
        server.createDatabase(database);
        writeMigrations();
        MigrateResult result = new Migrator(config(database)).migrate();
        assertEquals(MIGRATIONS, result.applied().size());

        server.stopImmediately();
        server.startServer();

        assertEquals(everyVersion(), successfulVersions(database));
        assertEquals(everyVersion(), migrationTables(database));
    }

    @Test
    void aRunThatEndsWithRepeatablesLosesNothingToACrashRightAfterIt() throws Exception {
        String database = "crash_after_repeatables";
        server.createDatabase(database);
        writeMigrations();
        MigrationDirectory files = new MigrationDirectory(directory);
        for (String name : List.of("a", "b", "c")) {
            files.write("R__view_" + name + ".sql", "CREATE OR REPLACE VIEW view_" + name + " AS SELECT i FROM t_1;\n");
        }
        MigrateResult result = new Migrator(config(database)).migrate();
        assertEquals("R__view_c", result.applied().get(result.applied().size() - 1).displayName());

        server.stopImmediately();
        server.startServer();

        // The repeatables committed last: the run's one synchronous commit is theirs, and covers every earlier one.
        assertEquals(everyVersion(), successfulVersions(database));
        assertEquals(List.of("view_a", "view_b", "view_c"), rows(database,
                "SELECT name FROM public.schema_migrations WHERE kind = 'REPEATABLE' AND success ORDER BY installed_rank"));
        assertEquals(List.of("view_a", "view_b", "view_c"), rows(database,
                "SELECT viewname FROM pg_views WHERE schemaname = 'public' ORDER BY viewname"));
    }

    @Test
    void aRunWaitsForOneFlushUnlessEachMigrationIsAskedToWait() throws Exception {
        writeMigrations();
        server.createDatabase("flush_once");
        long once = walSyncsDuring(() -> new Migrator(config("flush_once")).migrate());
        server.createDatabase("flush_each");
        long each = walSyncsDuring(() -> new Migrator(MigratorConfig.builder().url(server.urlOf("flush_each"))
                .locations(List.of("filesystem:" + directory)).flushEachMigration(true).build()).migrate());

        assertTrue(once < 20, "a run of " + MIGRATIONS + " migrations waited for " + once + " WAL flushes");
        assertTrue(each >= MIGRATIONS, "with flushEachMigration each commit waits for its flush, but only " + each + " did");
        assertEquals(everyVersion(), successfulVersions("flush_each"));
    }

    /** WAL syncs counted by the server (pg_stat_wal, PostgreSQL 14+) while {@code run} runs. */
    private static long walSyncsDuring(Runnable run) throws Exception {
        long before = walSyncs();
        run.run();
        // A backend reports its statistics when it exits; the run's connections are closed, give them a moment.
        long after = walSyncs();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(100);
            long now = walSyncs();
            if (now == after && i >= 10) {
                break;
            }
            after = now;
        }
        return after - before;
    }

    private static long walSyncs() throws SQLException {
        return Long.parseLong(value("postgres", "SELECT wal_sync FROM pg_stat_wal"));
    }

    private void crashMidRun(String database, Consumer<OwnServer> crash) throws Exception {
        server.createDatabase(database);
        writeMigrations();
        CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(() -> new Migrator(config(database)).migrate());
        awaitSomeApplied(database, run);

        crash.accept(server);
        assertThrows(Exception.class, () -> run.get(120, TimeUnit.SECONDS), "the run cannot succeed on a crashed server");
        server.startServer();

        TreeSet<Integer> recorded = successfulVersions(database);
        assertEquals(recorded, migrationTables(database), "a migration's objects and its history row survive or vanish together");
        assertTrue(recorded.size() < MIGRATIONS, "the crash came in the middle of the run");
        new Migrator(config(database)).migrate();
        assertEquals(everyVersion(), successfulVersions(database));
        assertEquals(everyVersion(), migrationTables(database));
        assertEquals(String.valueOf(MIGRATIONS), value(database, "SELECT count(*) FROM public.schema_migrations WHERE success"),
                "each migration recorded once");
    }

    private MigratorConfig config(String database) {
        return MigratorConfig.builder().url(server.urlOf(database))
                .locations(List.of("filesystem:" + directory)).lockWait(Duration.ofSeconds(60)).build();
    }

    private void writeMigrations() {
        MigrationDirectory files = new MigrationDirectory(directory);
        for (int i = 1; i <= MIGRATIONS; i++) {
            files.write(String.format("%03d_table_%d.sql", i, i), "CREATE TABLE t_" + i + " (i int);\n"
                    + "INSERT INTO t_" + i + " SELECT g FROM generate_series(1, 200) g;\n");
        }
    }

    private static void awaitSomeApplied(String database, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !run.isDone()) {
            String applied = valueOrNull(database, "SELECT count(*) FROM public.schema_migrations WHERE success");
            if (applied != null && Integer.parseInt(applied) >= 40) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run did not get into its middle: " + (run.isDone() ? run.get() : "timed out"));
    }

    private static TreeSet<Integer> everyVersion() {
        TreeSet<Integer> all = new TreeSet<>();
        for (int i = 1; i <= MIGRATIONS; i++) {
            all.add(i);
        }
        return all;
    }

    private static TreeSet<Integer> successfulVersions(String database) throws SQLException {
        TreeSet<Integer> versions = new TreeSet<>();
        for (String version : rows(database, "SELECT version FROM public.schema_migrations WHERE success AND version IS NOT NULL")) {
            versions.add(Integer.parseInt(version));
        }
        return versions;
    }

    private static TreeSet<Integer> migrationTables(String database) throws SQLException {
        TreeSet<Integer> tables = new TreeSet<>();
        for (String table : rows(database, "SELECT relname FROM pg_class WHERE relkind = 'r' AND relname ~ '^t_[0-9]+$'")) {
            tables.add(Integer.parseInt(table.substring(2)));
        }
        return tables;
    }

    private static String value(String database, String sql) throws SQLException {
        return rows(database, sql).get(0);
    }

    private static String valueOrNull(String database, String sql) {
        try {
            return value(database, sql);
        } catch (SQLException e) {
            return null; // the history table does not exist yet
        }
    }

    private static List<String> rows(String database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
