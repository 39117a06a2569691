package com.hotgigs.migrate;

import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.tableExists;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each migration applied exactly once whatever ends a session: the server's idle timeouts, a
 * script that terminates its own backend or releases the lock, a release that fails.
 */
class ExactlyOnceIT {

    private static final String LONG_TABLE = "hotgigs_history_of_the_applicant_tracking_schema_migrations_x63";

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
        runs.awaitTermination(60, TimeUnit.SECONDS);
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema_migrations", LONG_TABLE})
    void idleTimeoutsOfOneSecondOnTheRoleNeitherLoseTheLockNorFailARun(String table) throws Exception {
        assertEquals(63, LONG_TABLE.length());
        setOnTheRole("idle_session_timeout = '1s'", "idle_in_transaction_session_timeout = '1s'");
        migrations.write("001_slow.sql", "CREATE TABLE slow_t (i int);\nINSERT INTO slow_t VALUES (1);\nSELECT pg_sleep(3.5);\n")
                .write("002_once.sql", "CREATE TABLE once (run text);\nINSERT INTO once VALUES ('002');\n")
                .write("003_again.sql", "SELECT pg_sleep(1.5);\nINSERT INTO once VALUES ('003');\n");
        MigratorConfig config = migrations.configFor(database).table(table).lockWait(Duration.ofSeconds(120)).build();

        List<Future<MigrateResult>> results = new ArrayList<>();
        results.add(runs.submit(() -> new Migrator(config).migrate()));
        awaitLockHeld();
        // The others arrive while the first sleeps, and wait across many idle-timeout periods.
        Thread.sleep(1800);
        for (int i = 0; i < 2; i++) {
            results.add(runs.submit(() -> new Migrator(config).migrate()));
        }

        int applied = 0;
        for (Future<MigrateResult> result : results) {
            applied += result.get(180, TimeUnit.SECONDS).applied().size();
        }
        assertEquals(3, applied, "every migration applied once, by one of the runs");
        assertEquals(List.of("001|1|0", "002|1|0", "003|1|0"), rows(database, "SELECT version, count(*) FILTER (WHERE success), "
                + "count(*) FILTER (WHERE NOT success) FROM public." + table + " GROUP BY version ORDER BY version"));
        assertEquals("1", value(database, "SELECT count(*) FROM slow_t"));
        assertEquals(List.of("002", "003"), rows(database, "SELECT run FROM once ORDER BY run"));
        assertEquals("t", value(database, "SELECT count(*) = 1 FROM pg_indexes WHERE tablename = '" + table
                + "' AND indexdef LIKE 'CREATE UNIQUE INDEX % (version) WHERE (success AND %'"), "the unique index exists");
    }

    @Test
    void everyEngineConnectionKeepsItsNameAndNoIdleTimeoutsAfterEachReset() throws Exception {
        setOnTheRole("idle_session_timeout = '1s'", "idle_in_transaction_session_timeout = '1s'");
        migrations.write("001_renames.sql", "SET application_name = 'renamed';\nSET idle_session_timeout = '2s';\n")
                .write("002_looks.sql", "CREATE TABLE seen AS SELECT current_setting('application_name') AS app, "
                        + "current_setting('idle_session_timeout') AS idle, "
                        + "current_setting('idle_in_transaction_session_timeout') AS idle_tx;\n");

        migrations.migratorFor(database).migrate();

        assertEquals("hotgigs-migrate|0|0", value(database, "SELECT app || '|' || idle || '|' || idle_tx FROM seen"));
    }

    @Test
    void resultsCarryTheDatabasesUserAndClock() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");

        MigrationInfo applied = migrations.migratorFor(database).migrate().applied().get(0);

        assertEquals(value(database, "SELECT installed_by FROM schema_migrations"), applied.installedBy());
        assertEquals(value(database, "SELECT (extract(epoch FROM installed_on) * 1000000)::int8 FROM schema_migrations"),
                String.valueOf(applied.installedOn().toEpochSecond() * 1_000_000 + applied.installedOn().getNano() / 1000));
    }

    @Test
    void aBackendTerminatedInsideAScriptIsAConnectionLostFailureNamingTheFileAndLine() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n")
                .write("002_kill.sql", "CREATE TABLE b (id int);\nSELECT pg_terminate_backend(pg_backend_pid());\nCREATE TABLE c (id int);\n");

        ConnectionLostException e = assertThrows(ConnectionLostException.class, () -> migrations.migratorFor(database).migrate());

        assertInstanceOf(MigrationFailedException.class, e);
        assertEquals(ErrorCode.CONNECTION_LOST, e.code());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("Migration 002_kill failed at filesystem:"), e.getMessage());
        assertTrue(e.getMessage().contains("002_kill.sql line 2, column 1: the connection to the server was lost"), e.getMessage());
        assertTrue(e.getMessage().contains("57P01"), "the server's own cause is kept: " + e.getMessage());
        assertTrue(e.getMessage().contains("Statement: SELECT pg_terminate_backend(pg_backend_pid())"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing of 002_kill remains"), e.getMessage());
        assertTrue(e.getMessage().contains("shows it not applied. The attempt was recorded"), e.getMessage());
        assertTrue(tableExists(database, "a"));
        assertTrue(!tableExists(database, "b") && !tableExists(database, "c"), "002 was rolled back");
        assertEquals(List.of("001|a|t", "002|kill|f"), history(database));
        assertTrue(value(database, "SELECT error FROM schema_migrations WHERE NOT success").contains("002_kill.sql line 2"));
    }

    @Test
    void aConnectionLostDuringTheCommitIsResolvedFromTheHistory() throws SQLException {
        // The deferred trigger ends the session while the commit runs, before the commit is durable.
        migrations.write("001_dies_at_commit.sql", """
                CREATE TABLE c (id int);
                CREATE FUNCTION kill_me() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$;
                CREATE CONSTRAINT TRIGGER c_kill AFTER INSERT ON c DEFERRABLE INITIALLY DEFERRED
                  FOR EACH ROW EXECUTE FUNCTION kill_me();
                INSERT INTO c VALUES (1);
                """);

        ConnectionLostException e = assertThrows(ConnectionLostException.class, () -> migrations.migratorFor(database).migrate());

        assertTrue(e.getMessage().startsWith("The connection to the server was lost while migration 001_dies_at_commit was being "
                + "committed with its history row"), e.getMessage());
        assertTrue(e.getMessage().contains("Its transaction was rolled back by the server: nothing of 001_dies_at_commit remains. "
                + "On reconnecting, public.schema_migrations shows it not applied. The attempt was recorded"), e.getMessage());
        assertTrue(!tableExists(database, "c"));
        assertEquals(List.of("001|dies_at_commit|f"), history(database));
    }

    @Test
    void aScriptThatReleasesTheLockCannotCommit() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n")
                .write("002_unlocks.sql", "CREATE TABLE b (id int);\nSELECT pg_advisory_unlock_all();\n");
        List<String> warnings = new CopyOnWriteArrayList<>();

        LockLostException e = assertThrows(LockLostException.class,
                () -> new Migrator(migrations.configFor(database).build(), warningsTo(warnings)).migrate());

        assertEquals(ErrorCode.LOCK_LOST, e.code());
        assertTrue(e.getMessage().startsWith("Migration 002_unlocks (filesystem:"), e.getMessage());
        assertTrue(e.getMessage().contains("no longer held the migration lock on public.schema_migrations"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing of 002_unlocks remains"), e.getMessage());
        assertTrue(!tableExists(database, "b"));
        assertEquals(List.of("001|a|t"), history(database), "nothing is recorded without the lock");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("found it no longer held by this session")), warnings.toString());
    }

    @Test
    void aRunWhoseMigrationsCommittedSucceedsWhenReleasingTheLockFails() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        List<String> warnings = new CopyOnWriteArrayList<>();
        MigrationListener killsItsSessionOnceApplied = new MigrationListener() {
            @Override
            public void applied(MigrationInfo migration) {
                terminateEngineSessions();
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };

        MigrateResult result = new Migrator(migrations.configFor(database).build(), killsItsSessionOnceApplied).migrate();

        assertEquals(1, result.applied().size());
        assertEquals(List.of("001|a|t"), history(database));
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Releasing the migration lock on public.schema_migrations failed")),
                warnings.toString());
    }

    @Test
    void lockWaitTimeoutsLeaveNoConnectionBehind() throws Exception {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        try (Connection holder = database.connect();
             MigrationLock ignored = MigrationLock.acquire(holder, "public.schema_migrations", Duration.ZERO, MigrationListener.NONE)) {
            for (int i = 0; i < 3; i++) {
                assertThrows(LockTimeoutException.class,
                        () -> new Migrator(migrations.configFor(database).lockWait(Duration.ZERO).build()).migrate());
            }
            awaitNoEngineSessions();
        }
    }

    @Test
    void aHistoryTableWithoutItsUniqueIndexIsRepairedUnderTheLock() throws SQLException {
        createHistoryTableWithoutIndex();
        execute("INSERT INTO schema_migrations VALUES (1, '001', 'a', '001_a.sql', '" + checksumOf("CREATE TABLE a (id int);\n")
                + "', 'someone', now(), 1, true, null, 'MIGRATION', null)");
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "CREATE TABLE b (id int);\n");
        List<String> warnings = new CopyOnWriteArrayList<>();

        MigrateResult result = new Migrator(migrations.configFor(database).build(), warningsTo(warnings)).migrate();

        assertEquals(1, result.applied().size());
        assertTrue(warnings.contains("History table public.schema_migrations had no unique index on its applied versions, which "
                + "keeps a migration from being recorded as applied twice; created it as schema_migrations_applied_version."),
                warnings.toString());
        assertEquals("CREATE UNIQUE INDEX schema_migrations_applied_version ON public.schema_migrations USING btree (version) "
                + "WHERE (success AND (kind = ANY (ARRAY['MIGRATION'::text, 'BASELINE'::text, 'IMPORT'::text])))", value(database, "SELECT indexdef FROM pg_indexes WHERE tablename = 'schema_migrations' "
                + "AND indexname <> 'schema_migrations_pkey'"));
    }

    @Test
    void aHistoryTableThatRecordsAVersionTwiceIsRefusedNamingTheRows() throws SQLException {
        createHistoryTableWithoutIndex();
        String checksum = checksumOf("CREATE TABLE a (id int);\n");
        execute("INSERT INTO schema_migrations VALUES (1, '001', 'a', '001_a.sql', '" + checksum + "', 'x', now(), 1, true, null, 'MIGRATION', null), "
                + "(2, '001', 'a', '001_a.sql', '" + checksum + "', 'y', now(), 1, true, null, 'MIGRATION', null)");
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "CREATE TABLE b (id int);\n");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).migrate());
        ValidationReport validation = migrations.migratorFor(database).validate(false);

        assertEquals(ErrorCode.HISTORY_TABLE_DUPLICATES, e.code());
        assertTrue(e.getMessage().startsWith("History table public.schema_migrations records a version as applied more than once: "
                + "001 (ranks 1, 2)."), e.getMessage());
        assertTrue(e.getMessage().contains("DELETE FROM public.schema_migrations WHERE installed_rank IN"), e.getMessage());
        assertTrue(!tableExists(database, "b"), "nothing was applied");
        assertEquals("2", value(database, "SELECT count(*) FROM schema_migrations"));
        assertEquals("0", value(database, "SELECT count(*) FROM pg_indexes WHERE tablename = 'schema_migrations' "
                + "AND indexname <> 'schema_migrations_pkey'"), "nothing was written");
        assertTrue(validation.problems().stream().anyMatch(p -> p.contains("001 (ranks 1, 2)")), validation.problems().toString());
    }

    private void createHistoryTableWithoutIndex() throws SQLException {
        execute("CREATE TABLE schema_migrations (installed_rank integer PRIMARY KEY, version text NOT NULL, name text NOT NULL, "
                + "script text NOT NULL, checksum text NOT NULL, installed_by text NOT NULL, "
                + "installed_on timestamptz NOT NULL DEFAULT now(), execution_time_ms integer NOT NULL, success boolean NOT NULL, "
                + "error text, kind text NOT NULL DEFAULT 'MIGRATION', previous_checksum text)");
    }

    private String checksumOf(String sql) throws SQLException {
        return value(database, "SELECT encode(sha256(convert_to($q$" + sql + "$q$, 'UTF8')), 'hex')");
    }

    private static MigrationListener warningsTo(List<String> warnings) {
        return new MigrationListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
    }

    private void setOnTheRole(String... settings) throws SQLException {
        for (String setting : settings) {
            // Scoped to this test's database, so other tests sharing the server and role are unaffected.
            execute("ALTER ROLE CURRENT_USER IN DATABASE " + database.name() + " SET " + setting);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void terminateEngineSessions() {
        try {
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND application_name = 'hotgigs-migrate'");
            awaitNoEngineSessions();
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitNoEngineSessions() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hotgigs-migrate'";
        while (!"0".equals(value(database, query))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("engine sessions are still open: " + rows(database,
                        "SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database()"));
            }
            Thread.sleep(50);
        }
    }

    private void awaitLockHeld() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"1".equals(value(database, "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                + "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first run never took the lock");
            }
            Thread.sleep(20);
        }
    }
}
