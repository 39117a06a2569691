package com.hotgigs.migrate;

import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationLockIT {

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private final ExecutorService runs = Executors.newCachedThreadPool();

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() throws InterruptedException {
        runs.shutdownNow();
        runs.awaitTermination(30, TimeUnit.SECONDS);
        database.close();
    }

    @Test
    void racingMigratorsAllSucceedAndApplyEachMigrationOnce() throws Exception {
        for (int i = 1; i <= 5; i++) {
            migrations.write(String.format("%03d_step.sql", i), "CREATE TABLE step_" + i + " (id int);\nSELECT pg_sleep(0.05);\n");
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(runs.submit(() -> {
                start.await();
                return migrations.migratorFor(database).migrate();
            }));
        }
        start.countDown();

        int appliedInAll = 0;
        for (Future<MigrateResult> result : results) {
            appliedInAll += result.get(60, TimeUnit.SECONDS).applied().size();
        }

        assertEquals(5, appliedInAll);
        assertEquals("5", value(database, "SELECT count(*) FROM schema_migrations WHERE success"));
        assertEquals("5", value(database, "SELECT count(DISTINCT version) FROM schema_migrations"));
    }

    @Test
    void concurrentIndexMigrationCompletesWhileAnotherRunWaitsForTheLock() throws Exception {
        migrations.write("001_table.sql", """
                        CREATE TABLE events (id bigint, kind text);
                        INSERT INTO events SELECT g, 'k' || (g % 10) FROM generate_series(1, 20000) g;
                        SELECT pg_sleep(1.5);
                        """)
                .write("002_index.sql", "CREATE INDEX CONCURRENTLY events_kind ON events (kind);\n");
        List<LockHolder> waitedFor = new CopyOnWriteArrayList<>();
        MigrationListener waiter = new MigrationListener() {
            @Override
            public void waitingForLock(LockHolder holder) {
                waitedFor.add(holder);
            }
        };

        Future<MigrateResult> first = runs.submit(() -> migrations.migratorFor(database).migrate());
        awaitLockHeld();
        Future<MigrateResult> second = runs.submit(() -> new Migrator(migrations.configFor(database).build(), waiter).migrate());

        assertEquals(2, first.get(60, TimeUnit.SECONDS).applied().size());
        assertEquals(0, second.get(60, TimeUnit.SECONDS).applied().size());
        assertFalse(waitedFor.isEmpty(), "the second run should have waited for the first");
        assertEquals("hotgigs-migrate", waitedFor.get(0).applicationName());
        assertEquals("t", value(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_kind'::regclass"));
        assertEquals(List.of("001|table|t", "002|index|t"), history(database));
    }

    @Test
    void waitingRunGivesUpAfterTheConfiguredTimeNamingTheHolder() throws Exception {
        migrations.write("001_slow.sql", "SELECT pg_sleep(4);\nCREATE TABLE slow (id int);\n");
        Future<MigrateResult> first = runs.submit(() -> migrations.migratorFor(database).migrate());
        awaitLockHeld();

        LockTimeoutException failure = assertThrows(LockTimeoutException.class,
                () -> new Migrator(migrations.configFor(database).lockWait(Duration.ofSeconds(1)).build()).migrate());

        assertTrue(failure.getMessage().contains("application 'hotgigs-migrate'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("hotgigs.lockWaitSeconds"), failure.getMessage());
        assertEquals(1, first.get(60, TimeUnit.SECONDS).applied().size());
        assertEquals(List.of("001|slow|t"), history(database));
    }

    @Test
    void runWithNothingPendingFinishesWithoutWaitingForTheLock() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        migrations.migratorFor(database).migrate();
        migrations.write("002_b.sql", "CREATE TABLE b (id int);\n");
        try (Connection holder = database.connect();
             MigrationLock ignored = MigrationLock.acquire(holder, "public.schema_migrations", Duration.ZERO, MigrationListener.NONE)) {
            MigratorConfig upToDate = migrations.configFor(database).target("001").lockWait(Duration.ZERO).build();

            MigrateResult result = new Migrator(upToDate).migrate();

            assertEquals(List.of(), result.applied());
            assertEquals(1, result.pending(), "002 is beyond the target");
            LockTimeoutException blocked = assertThrows(LockTimeoutException.class,
                    () -> new Migrator(migrations.configFor(database).lockWait(Duration.ZERO).build()).migrate(),
                    "a run with work to do still waits for the lock");
            assertTrue(blocked.getMessage().contains("Gave up waiting"), blocked.getMessage());
        }
        assertEquals(List.of("001|a|t"), history(database));
    }

    /** Its release waits a bounded time, and then gives the connection its own timeout back: a fleet's next target runs on it. */
    @Test
    void releasingTheLockLeavesTheConnectionsNetworkTimeoutAsItWas() throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setNetworkTimeout(Runnable::run, 45_000);
            MigrationLock.acquire(connection, "public.schema_migrations", Duration.ZERO, MigrationListener.NONE).close();
            assertEquals(45_000, connection.getNetworkTimeout());
            assertEquals("0", value(database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
        }
    }

    @Test
    void lockIsReleasedWhenTheRunEnds() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");

        migrations.migratorFor(database).migrate();

        assertEquals("0", value(database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
    }

    private void awaitLockHeld() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"1".equals(value(database, "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                + "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first run never took the lock");
            }
            Thread.sleep(20);
        }
    }
}
