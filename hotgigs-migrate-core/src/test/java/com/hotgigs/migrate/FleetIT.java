package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TcpProxy;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fleet of tenant schemas and of databases, on the shared test server. */
class FleetIT {

    /** The HotGigs ATS schema as the schema module holds it, read from its source directory. */
    private static final String HOTGIGS_SCHEMA = "filesystem:" + Path.of("../hotgigs-schema/src/main/resources/db/hotgigs")
            .toAbsolutePath().normalize();

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void fiftyTenantSchemasGetTheHotGigsSchemaEachWithItsOwnHistoryWithinTwoConnectionsPerWorker() throws Exception {
        List<Target> tenants = tenants(50);
        FleetConfig fleet = new FleetConfig(hotgigs(), tenants, null, 3, false, null);
        ConnectionSampler sampler = new ConnectionSampler(database);

        FleetResult<MigrateResult> result = sampler.during(() -> new Fleet(fleet).migrate());

        assertTrue(result.succeeded(), () -> result.failures().toString());
        assertEquals(50, result.outcomes().size());
        for (Target tenant : tenants) {
            assertEquals(List.of("001|t", "002|t"), rows(database, "SELECT version, success FROM " + tenant.value()
                    + ".schema_migrations ORDER BY installed_rank"));
        }
        assertEquals("50", value(database, "SELECT count(DISTINCT schemaname) FROM pg_tables WHERE tablename = 'candidates'"));
        assertEquals("0", value(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        // The applying connection (which holds the lock) and its watcher, per worker; more than one worker at once.
        assertTrue(sampler.max() <= 2 * 3, "at most 6 engine connections, saw " + sampler.max());
        assertTrue(sampler.max() >= 2, "targets ran side by side, saw at most " + sampler.max());

        FleetResult<MigrateResult> again = new Fleet(fleet).migrate();
        assertTrue(again.succeeded());
        assertEquals(0, again.outcomes().stream().mapToInt(o -> o.result().applied().size()).sum());
        assertEquals("100", value(database, "SELECT sum((xpath('/row/c/text()', query_to_xml('SELECT count(*) AS c FROM '"
                + " || quote_ident(schemaname) || '.schema_migrations', false, true, '')))[1]::text::int) FROM pg_tables "
                + "WHERE tablename = 'schema_migrations'"));
    }

    @Test
    void aBrokenTenantFailsAloneAndIsNamedWhileTheOthersReach002() throws Exception {
        List<Target> tenants = tenants(6);
        // tenant_004 is at 001, and someone has since made a table that 002 creates.
        new Migrator(hotgigs().toBuilder().schema("tenant_004").searchPath("tenant_004").target("001").build()).migrate();
        execute("CREATE TABLE tenant_004.bulk_import_jobs (conflicting int)");

        FleetResult<MigrateResult> result = new Fleet(new FleetConfig(hotgigs(), tenants, null, 2, false, null)).migrate();

        assertEquals(List.of("tenant_004"), result.failures().stream().map(o -> o.target().name()).toList());
        MigrationFailedException failure = (MigrationFailedException) result.failures().get(0).failure();
        assertTrue(failure.script().endsWith("/002_comprehensive_ats_system.sql"), failure.script());
        assertEquals(15, failure.line());
        assertEquals("001", result.failures().get(0).statusAfter().currentVersion());
        assertEquals(1, result.failures().get(0).statusAfter().count(MigrationState.FAILED));
        for (Target tenant : tenants) {
            if (!tenant.value().equals("tenant_004")) {
                assertEquals("002", value(database, "SELECT max(version) FROM " + tenant.value() + ".schema_migrations WHERE success"));
            }
        }
        assertEquals(List.of("001|t", "002|f"), rows(database, "SELECT version, success FROM tenant_004.schema_migrations ORDER BY installed_rank"));
        TargetsFailedException thrown = assertThrows(TargetsFailedException.class, result::throwIfFailed);
        assertTrue(thrown.getMessage().startsWith("1 of 6 targets failed; the others are done:"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("  - tenant_004: Migration 002_comprehensive_ats_system failed at "), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("002_comprehensive_ats_system.sql line 15"), thrown.getMessage());

        execute("DROP TABLE tenant_004.bulk_import_jobs");
        FleetResult<MigrateResult> rerun = new Fleet(new FleetConfig(hotgigs(), tenants, null, 2, false, null)).migrate();
        assertTrue(rerun.succeeded());
        assertEquals(List.of(0, 0, 0, 1, 0, 0), rerun.outcomes().stream().map(o -> o.result().applied().size()).toList());
    }

    @Test
    void aTenantWithTablesButNoHistoryIsRefusedAloneAsNotEmpty() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        execute("CREATE SCHEMA tenant_002", "CREATE TABLE tenant_002.users (id int)");

        FleetResult<MigrateResult> result = new Fleet(new FleetConfig(migrations.configFor(database).build(), tenants(3), null,
                2, false, null)).migrate();

        assertEquals(List.of("tenant_002"), result.failures().stream().map(o -> o.target().name()).toList());
        assertEquals(ErrorCode.SCHEMA_NOT_EMPTY, result.failures().get(0).failure().code());
        // hotgigs.schema does not move a tenant's history: the message does not send the user there.
        String message = result.failures().get(0).failure().getMessage();
        assertTrue(message.endsWith("If the tenant's history is kept in another table of its schema, set hotgigs.table."), message);
        assertEquals(List.of("tenant_001|a", "tenant_003|a"), rows(database,
                "SELECT schemaname, tablename FROM pg_tables WHERE tablename = 'a' ORDER BY 1"));
    }

    @Test
    void failFastStartsNoTargetAfterTheFirstFailure() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        execute("CREATE SCHEMA tenant_001", "CREATE TABLE tenant_001.a (id int)");

        FleetResult<MigrateResult> result = new Fleet(new FleetConfig(migrations.configFor(database).build(), tenants(4), null,
                1, true, null)).migrate();

        assertEquals(1, result.outcomes().size());
        assertEquals(List.of("tenant_002", "tenant_003", "tenant_004"), result.notStarted().stream().map(Target::name).toList());
        assertEquals("0", value(database, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('tenant_002', 'tenant_003', 'tenant_004')"));
        TargetsFailedException thrown = assertThrows(TargetsFailedException.class, result::throwIfFailed);
        assertTrue(thrown.getMessage().contains("hotgigs.failFast left 3 not started (tenant_002, tenant_003, tenant_004)"),
                thrown.getMessage());
    }

    @Test
    void eachSchemaTargetRunsWithItsSchemaAsSearchPathAndPlaceholder() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE owner (name text DEFAULT '${hotgigs:schema}');\nINSERT INTO owner DEFAULT VALUES;\n")
                .write("002_b.sql", "SET search_path = public;\nSELECT 1;\n")
                .write("003_c.sql", "CREATE TABLE after_reset (id int);\n");

        FleetResult<MigrateResult> result = new Fleet(new FleetConfig(migrations.configFor(database).build(), tenants(2), null,
                2, false, null)).migrate();

        assertTrue(result.succeeded(), () -> result.failures().toString());
        assertEquals(List.of("tenant_001"), rows(database, "SELECT name FROM tenant_001.owner"));
        assertEquals(List.of("tenant_002"), rows(database, "SELECT name FROM tenant_002.owner"));
        // A script's own SET lasts for that script; the next one starts in its target's schema again.
        assertEquals(List.of("tenant_001|after_reset", "tenant_002|after_reset"), rows(database,
                "SELECT schemaname, tablename FROM pg_tables WHERE tablename = 'after_reset' ORDER BY 1"));
    }

    /**
     * A session that ran a tenant's migrations ends with that tenant: a server process keeps every
     * relation it touched in its caches, so one worker's session would grow with the fleet. One that
     * only read is handed to the worker's next tenant, reset: what a read-only callback left in it (an
     * advisory lock, a prepared statement) is gone when the next tenant's run starts, on the same
     * server process.
     */
    @Test
    void aSessionThatRanATenantsMigrationsEndsWithItAndOneThatOnlyReadIsHandedOnReset() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE session_seen AS SELECT pg_catalog.pg_backend_pid() AS pid;\n"
                        + "SELECT pg_catalog.pg_advisory_lock(4242);\n")
                .write("beforeStatus.sql", """
                        DO $$ BEGIN RAISE NOTICE 'session % locks % prepared %', pg_catalog.pg_backend_pid(),
                            (SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND objid = 4242
                                AND pid = pg_catalog.pg_backend_pid()),
                            (SELECT count(*) FROM pg_catalog.pg_prepared_statements WHERE name = 'leftover'); END $$;
                        SELECT pg_catalog.pg_advisory_lock(4242);
                        PREPARE leftover AS SELECT 1;
                        """);
        MigratorConfig base = migrations.configFor(database).build();

        FleetResult<MigrateResult> migrated = new Fleet(new FleetConfig(base, tenants(3), null, 1, false, null)).migrate();

        assertTrue(migrated.succeeded(), () -> migrated.failures().toString());
        Set<String> pids = new HashSet<>();
        for (Target tenant : tenants(3)) {
            pids.addAll(rows(database, "SELECT pid FROM " + tenant.value() + ".session_seen"));
        }
        assertEquals(3, pids.size(), "each tenant's migrations ran on a server process of its own: " + pids);

        List<String> seen = new CopyOnWriteArrayList<>();
        FleetListener notices = new FleetListener() {
            @Override
            public MigrationListener forTarget(Target target) {
                return new MigrationListener() {
                    @Override
                    public void serverMessage(String migration, String severity, String message) {
                        seen.add(message);
                    }
                };
            }
        };
        FleetResult<StatusReport> status = new Fleet(new FleetConfig(base, tenants(3), null, 1, false, null), notices).status();

        assertTrue(status.succeeded(), () -> status.failures().toString());
        assertEquals(3, seen.size(), seen.toString());
        String pid = seen.get(0).split(" ")[1];
        assertEquals(List.of("session " + pid + " locks 0 prepared 0", "session " + pid + " locks 0 prepared 0",
                "session " + pid + " locks 0 prepared 0"), seen, "one server session for the three tenants, each finding it as new");
        assertEquals("0", value(database, "SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND objid = 4242"),
                "the sessions ended with their tenants and the worker's with the fleet");
    }

    /**
     * A worker keeps the watcher's monitor and the transaction-pooler probe's verdict from tenant to
     * tenant, and a session that only read, so the server sessions a fleet starts are one per tenant
     * that runs migrations and a few per worker. The monitor kept from a worker's first tenant still
     * names who blocks a later one.
     */
    @Test
    void aWorkerOpensItsMonitorAndProbeOnceAndItsKeptMonitorStillNamesWhoBlocksALaterTenant() throws Exception {
        List<Target> tenants = tenants(8);
        for (Target tenant : tenants) {
            execute("CREATE TABLE public.gate_" + tenant.value() + " (id int)");
        }
        migrations.write("001_a.sql", "LOCK TABLE public.gate_${hotgigs:schema} IN SHARE MODE;\nCREATE TABLE a (id int);\n");
        List<LockWait> waits = new CopyOnWriteArrayList<>();
        FleetListener listener = new FleetListener() {
            @Override
            public MigrationListener forTarget(Target target) {
                return new MigrationListener() {
                    @Override
                    public void waitingOnLock(LockWait wait) {
                        waits.add(wait);
                    }
                };
            }
        };

        try (TcpProxy proxy = TcpProxy.inFrontOf(database.url()); Connection blocker = database.connect()) {
            // tenant_005 comes after at least one other tenant of whichever worker takes it.
            blocker.setAutoCommit(false);
            execute(blocker, "LOCK TABLE public.gate_tenant_005 IN ACCESS EXCLUSIVE MODE");
            int blockerPid = blocker.unwrap(PGConnection.class).getBackendPID();
            MigratorConfig base = migrations.configFor(database).url(proxy.url(database.url()))
                    .watchInterval(Duration.ofMillis(100)).build();
            CompletableFuture<FleetResult<MigrateResult>> run = CompletableFuture.supplyAsync(
                    () -> new Fleet(new FleetConfig(base, tenants, null, 2, false, null), listener).migrate());

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (waits.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            blocker.commit();
            FleetResult<MigrateResult> result = run.get(60, TimeUnit.SECONDS);

            assertTrue(result.succeeded(), () -> result.failures().toString());
            assertEquals("8", value(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'a' AND schemaname LIKE 'tenant%'"));
            assertFalse(waits.isEmpty(), "the wait of tenant_005 was reported");
            assertEquals(List.of(blockerPid), waits.get(0).blockers().stream().map(Blocker::pid).toList());
            // A session per tenant that ran migrations; per worker, the probe's second connection and the monitor once.
            int opened = proxy.connectionsAccepted();
            assertTrue(opened <= 8 + 2 * 2, "8 tenants on 2 workers opened " + opened + " connections");

            FleetResult<MigrateResult> again = new Fleet(new FleetConfig(base, tenants, null, 2, false, null)).migrate();

            assertTrue(again.succeeded(), () -> again.failures().toString());
            // Nothing pending: no probe, no monitor, and each worker's session only read, so it went from tenant to tenant.
            assertTrue(proxy.connectionsAccepted() - opened <= 2, "the no-op over 8 tenants on 2 workers opened "
                    + (proxy.connectionsAccepted() - opened) + " connections");
        }
    }

    @Test
    void twoFleetsRacingOnTheSameTenantsApplyEachMigrationOncePerTenant() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\nSELECT pg_sleep(0.05);\n")
                .write("002_b.sql", "CREATE TABLE b (id int);\nSELECT pg_sleep(0.05);\n");
        List<Target> tenants = tenants(20);
        FleetConfig fleet = new FleetConfig(migrations.configFor(database).build(), tenants, null, 2, false, null);

        CompletableFuture<FleetResult<MigrateResult>> first = CompletableFuture.supplyAsync(() -> new Fleet(fleet).migrate());
        CompletableFuture<FleetResult<MigrateResult>> second = CompletableFuture.supplyAsync(() -> new Fleet(fleet).migrate());
        FleetResult<MigrateResult> a = first.join();
        FleetResult<MigrateResult> b = second.join();

        assertTrue(a.succeeded() && b.succeeded(), () -> a.failures() + " " + b.failures());
        int byFirst = a.outcomes().stream().mapToInt(o -> o.result().applied().size()).sum();
        int bySecond = b.outcomes().stream().mapToInt(o -> o.result().applied().size()).sum();
        assertEquals(40, byFirst + bySecond);
        assertTrue(byFirst > 0 && bySecond > 0, "both shared the work: " + byFirst + " and " + bySecond);
        for (Target tenant : tenants) {
            assertEquals(List.of("001|t", "002|t"), rows(database, "SELECT version, success FROM " + tenant.value()
                    + ".schema_migrations ORDER BY installed_rank"));
        }
    }

    @Test
    void shardsOneTwoAndThreeOfThreeCoverEveryTenantExactlyOnce() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        List<Target> tenants = tenants(30);
        Set<String> migrated = new HashSet<>();
        int total = 0;
        for (int i = 1; i <= 3; i++) {
            FleetResult<MigrateResult> share = new Fleet(new FleetConfig(migrations.configFor(database).build(), tenants, null,
                    2, false, Shard.parse(i + "/3"))).migrate();
            assertTrue(share.succeeded());
            assertTrue(share.outcomes().stream().allMatch(o -> o.result().applied().size() == 1), "each tenant is new to its shard");
            share.outcomes().forEach(o -> migrated.add(o.target().name()));
            total += share.outcomes().size();
        }
        assertEquals(30, total);
        assertEquals(30, migrated.size());
        assertEquals("30", value(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'a'"));
    }

    @Test
    void threeDatabasesOnTheServerAreTargetsByNameAndAnUnreachableOrMissingOneFailsWithItsCause() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        try (TestDatabase second = TestDatabase.create(); TestDatabase third = TestDatabase.create()) {
            String nowhere = "jdbc:postgresql://127.0.0.1:" + freePort() + "/nowhere";
            String missing = database.name() + "_missing";
            List<Target> targets = List.of(Target.database(database.name()), Target.database(second.name()),
                    Target.database(nowhere), Target.database(third.url()), Target.database(missing));

            FleetResult<MigrateResult> result = new Fleet(new FleetConfig(migrations.configFor(database).build(), targets,
                    null, 4, false, null)).migrate();

            assertEquals(2, result.failures().size());
            TargetOutcome<MigrateResult> unreachable = result.failures().stream()
                    .filter(o -> o.failure().code() == ErrorCode.SERVER_UNREACHABLE).findFirst().orElseThrow();
            assertTrue(unreachable.target().name().startsWith("127.0.0.1:"), unreachable.target().name());
            TargetOutcome<MigrateResult> absent = result.failures().stream()
                    .filter(o -> o.failure().code() == ErrorCode.DATABASE_MISSING).findFirst().orElseThrow();
            assertEquals(missing, absent.target().name());
            // What to correct is the target's entry, not hotgigs.url, which names the database that works.
            for (TargetOutcome<MigrateResult> failed : List.of(unreachable, absent)) {
                String message = failed.failure().getMessage();
                assertTrue(message.contains("this target (in hotgigs.databases, or a row of hotgigs.targetsQuery)"), message);
                assertFalse(message.contains("hotgigs.url") || message.contains("DB_HOST"), message);
            }
            for (TestDatabase each : List.of(database, second, third)) {
                assertEquals(List.of("001|t"), rows(each, "SELECT version, success FROM public.schema_migrations"));
            }
        }
    }

    @Test
    void theTargetsQueryNamesSchemasAndSaysSoWhenItFailsOrFindsNone() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        execute("CREATE TABLE public.tenants (schema_name text, active boolean)",
                "INSERT INTO public.tenants VALUES ('acme', true), ('globex', true), ('initech', false)");
        MigratorConfig base = migrations.configFor(database).build();

        FleetResult<MigrateResult> result = new Fleet(new FleetConfig(base, List.of(),
                "SELECT schema_name FROM tenants WHERE active ORDER BY 1", 2, false, null)).migrate();

        assertEquals(List.of("acme", "globex"), result.outcomes().stream().map(o -> o.target().name()).toList());
        assertEquals(List.of("acme", "globex"), rows(database, "SELECT schemaname FROM pg_tables WHERE tablename = 'a' ORDER BY 1"));

        ConfigurationException none = assertThrows(ConfigurationException.class, () -> new Fleet(new FleetConfig(base, List.of(),
                "SELECT schema_name FROM tenants WHERE false", 2, false, null)).migrate());
        assertEquals(ErrorCode.NO_TARGETS, none.code());
        assertTrue(none.getMessage().contains("returned no rows"), none.getMessage());

        ConfigurationException failed = assertThrows(ConfigurationException.class, () -> new Fleet(new FleetConfig(base,
                List.of(), "SELECT schema_name FROM tenant", 2, false, null)).migrate());
        assertEquals(ErrorCode.TARGETS_QUERY_FAILED, failed.code());
        assertTrue(failed.getMessage().contains("'SELECT schema_name FROM tenant' failed on"), failed.getMessage());
        assertTrue(failed.getMessage().contains("\"tenant\" does not exist"), failed.getMessage());
    }

    @Test
    void theTargetsQueryNamesDatabasesByItsColumn() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        try (TestDatabase other = TestDatabase.create()) {
            FleetResult<MigrateResult> result = new Fleet(new FleetConfig(migrations.configFor(database).build(), List.of(),
                    "SELECT datname FROM pg_database WHERE datname = '" + other.name() + "'", 2, false, null)).migrate();

            assertEquals(List.of(Target.database(other.name())), result.outcomes().stream().map(TargetOutcome::target).toList());
            assertEquals(List.of("001|t"), rows(other, "SELECT version, success FROM public.schema_migrations"));
            assertEquals("f", value(database, "SELECT to_regclass('public.schema_migrations') IS NOT NULL"));
        }
    }

    @Test
    void badTargetsAreRefusedBeforeAnythingIsWritten() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        MigratorConfig base = migrations.configFor(database).build();

        ConfigurationException invalid = assertThrows(ConfigurationException.class, () -> new Fleet(new FleetConfig(base,
                List.of(Target.schema("tenant_1"), Target.schema("tenant-2")), null, 2, false, null)).migrate());
        assertTrue(invalid.getMessage().startsWith("Setting 'schemas' (hotgigs.schemas) has the invalid value 'tenant-2'"), invalid.getMessage());

        ConfigurationException twice = assertThrows(ConfigurationException.class, () -> new Fleet(new FleetConfig(base,
                List.of(Target.schema("tenant_1"), Target.schema("tenant_2"), Target.schema("tenant_1")), null, 2, false,
                null)).migrate());
        assertEquals(ErrorCode.DUPLICATE_TARGET, twice.code());
        assertTrue(twice.getMessage().startsWith("The target tenant_1 is named twice in hotgigs.schemas. Nothing was migrated."),
                twice.getMessage());
        ConfigurationException twiceAcross = assertThrows(ConfigurationException.class, () -> new Fleet(new FleetConfig(base,
                List.of(Target.schema("tenant_1")), "SELECT 'tenant_1'", 2, false, null)).migrate());
        assertTrue(twiceAcross.getMessage().startsWith("The target tenant_1 is named twice in hotgigs.schemas and the targets "
                + "query's rows."), twiceAcross.getMessage());

        // A row of the query that cannot be a target is the query's, not a setting the user never wrote.
        ConfigurationException badRow = assertThrows(ConfigurationException.class, () -> new Fleet(new FleetConfig(base, List.of(),
                "SELECT 'tenant-1'", 2, false, null)).migrate());
        assertTrue(badRow.getMessage().startsWith("The targets query (hotgigs.targetsQuery) returned 'tenant-1', which cannot be a "
                + "target: a schema target is a plain PostgreSQL identifier"), badRow.getMessage());
        // It runs read-only: one that writes is told to read, not to change the database's settings.
        execute("CREATE TABLE tenants (schema_name text)", "INSERT INTO tenants VALUES ('tenant_1')");
        ConfigurationException writes = assertThrows(ConfigurationException.class, () -> new Fleet(new FleetConfig(base, List.of(),
                "DELETE FROM tenants RETURNING schema_name", 2, false, null)).migrate());
        assertEquals(ErrorCode.TARGETS_QUERY_FAILED, writes.code());
        assertTrue(writes.getMessage().contains("tried to change something on ") && writes.getMessage().contains("Write it as a "
                + "query that only reads"), writes.getMessage());
        assertEquals("1", value(database, "SELECT count(*) FROM tenants"));

        ConfigurationException sameDatabase = assertThrows(ConfigurationException.class, () -> new Fleet(new FleetConfig(base,
                List.of(Target.database(database.name()), Target.database(database.url())), null, 2, false, null)).migrate());
        assertEquals(ErrorCode.DUPLICATE_TARGET, sameDatabase.code());

        for (int parallelism : new int[] {0, 33}) {
            ConfigurationException bound = assertThrows(ConfigurationException.class,
                    () -> new FleetConfig(base, List.of(), null, parallelism, false, null));
            assertTrue(bound.getMessage().startsWith("Setting 'parallelism' (hotgigs.parallelism) has the invalid value '" + parallelism + "': expected 1 to 32"),
                    bound.getMessage());
        }
        assertEquals("0", value(database, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant%'"));
    }

    @Test
    void statusAndValidateReportEveryTarget() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        MigratorConfig base = migrations.configFor(database).build();
        new Fleet(new FleetConfig(base, List.of(Target.schema("tenant_001")), null, 2, false, null)).migrate();
        FleetConfig both = new FleetConfig(base, tenants(2), null, 2, false, null);

        FleetResult<StatusReport> status = new Fleet(both).status();
        FleetResult<ValidationReport> validation = new Fleet(both).validate(true);

        assertEquals(List.of("001", "none"), status.outcomes().stream()
                .map(o -> o.result().currentVersion() == null ? "none" : o.result().currentVersion()).toList());
        assertEquals(List.of(true, false), validation.outcomes().stream().map(o -> o.result().valid()).toList());
        assertFalse(value(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_002'").equals("1"),
                "status and validate create nothing");
    }

    private MigratorConfig hotgigs() {
        return migrations.configFor(database).locations(List.of(HOTGIGS_SCHEMA)).build();
    }

    private static List<Target> tenants(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> Target.schema(String.format("tenant_%03d", i))).toList();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Counts the engine's connections to one database from a session of its own, every few milliseconds.
     * A backend whose client has closed leaves pg_stat_activity a moment later (longer on a busy machine),
     * while its worker may already have opened the next target's connection: only backends seen in three
     * samples in a row, 40 ms or more, are counted.
     */
    static final class ConnectionSampler {
        private final TestDatabase database;
        private final AtomicInteger max = new AtomicInteger();

        ConnectionSampler(TestDatabase database) {
            this.database = database;
        }

        <T> T during(java.util.function.Supplier<T> work) throws Exception {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Exception> failures = new ArrayList<>();
            Thread sampler = new Thread(() -> {
                try (Connection connection = database.connect(); Statement query = connection.createStatement()) {
                    Set<Integer> previous = Set.of();
                    Set<Integer> beforeThat = Set.of();
                    while (running.get()) {
                        Set<Integer> current = new HashSet<>();
                        try (ResultSet rows = query.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND application_name = 'hotgigs-migrate'")) {
                            while (rows.next()) {
                                current.add(rows.getInt(1));
                            }
                        }
                        Set<Integer> lasting = new HashSet<>(current);
                        lasting.retainAll(previous);
                        lasting.retainAll(beforeThat);
                        max.accumulateAndGet(lasting.size(), Math::max);
                        beforeThat = previous;
                        previous = current;
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            sampler.start();
            try {
                return work.get();
            } finally {
                running.set(false);
                sampler.join();
                if (!failures.isEmpty()) {
                    throw failures.get(0);
                }
            }
        }

        int max() {
            return max.get();
        }
    }
}
