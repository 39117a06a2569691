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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fleet of tenant schemas reached through Debian's PgBouncer (pool of 5 server connections) in front of a server of the test's own. */
class FleetPgBouncerIT {

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
    void createDatabase() throws Exception {
        migrations = new MigrationDirectory(directory);
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "CREATE TABLE b (id int);\nSELECT pg_sleep(0.1);\n");
        database = "fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.createDatabase(database);
    }

    @Test
    void throughATransactionPoolEveryTargetIsRefusedCleanlyAndNothingIsWritten() throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(server, "transaction")) {
            FleetResult<MigrateResult> result = new Fleet(fleet(bouncer.urlOf(database), 6, 2)).migrate();

            assertEquals(6, result.failures().size());
            for (TargetOutcome<MigrateResult> failure : result.failures()) {
                assertEquals(ErrorCode.TRANSACTION_POOLER, failure.failure().code(), failure.failure().getMessage());
                assertTrue(failure.failure().getMessage().contains("Nothing was written."), failure.failure().getMessage());
            }
        }
        assertEquals(List.of("0"), rows("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant%'"));
        assertEquals(List.of("0"), rows("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
    }

    @Test
    void throughASessionPoolTheFleetMigratesWithinThePool() throws Exception {
        AtomicInteger most = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try (PgBouncer bouncer = PgBouncer.start(server, "session")) {
            Thread sampler = new Thread(() -> sample(most, running));
            sampler.start();
            FleetResult<MigrateResult> result;
            try {
                // Two workers hold at most four connections: within the pool of five, so none waits for another's.
                result = new Fleet(fleet(bouncer.urlOf(database), 6, 2)).migrate();
            } finally {
                running.set(false);
                sampler.join();
            }

            assertTrue(result.succeeded(), () -> result.failures().toString());
            assertEquals(12, result.outcomes().stream().mapToInt(o -> o.result().applied().size()).sum());
        }
        assertTrue(most.get() >= 2 && most.get() <= 5, "server sessions of the pool in use at once: " + most.get());
        assertEquals(List.of("6"), rows("SELECT count(*) FROM pg_tables WHERE tablename = 'b' AND schemaname LIKE 'tenant%'"));
    }

    private FleetConfig fleet(String url, int tenants, int parallelism) {
        List<Target> targets = IntStream.rangeClosed(1, tenants).mapToObj(i -> Target.schema("tenant_" + i)).toList();
        MigratorConfig base = MigratorConfig.builder().url(url).locations(List.of("filesystem:" + directory))
                .lockWait(Duration.ofSeconds(60)).build();
        return new FleetConfig(base, targets, null, parallelism, false, null);
    }

    /** Server sessions on the database other than the sampler's own, seen directly on the server: the pool's. */
    private void sample(AtomicInteger most, AtomicBoolean running) {
        try (Connection connection = server.connect(database); Statement query = connection.createStatement()) {
            while (running.get()) {
                try (ResultSet row = query.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid()")) {
                    row.next();
                    most.accumulateAndGet(row.getInt(1), Math::max);
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> rows(String sql) throws Exception {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new java.util.ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }
}
