package com.hotgigs.migrate;

import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.report.RecordingLog;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration whose table another session holds: the blocker is named while it waits, the lock
 * timeout ends the wait, a transactional migration is retried, and the settings reach every statement.
 */
class LockWaitIT {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private Connection blocker;
    private final RecordingLog log = new RecordingLog();
    private final ExecutorService runs = Executors.newCachedThreadPool();

    @BeforeEach
    void createDatabase() throws SQLException {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int);\nINSERT INTO jobs VALUES (1);\n");
        migrations.migratorFor(database).migrate();
        migrations.write("002_alter.sql", "ALTER TABLE jobs ADD COLUMN title text;\n");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (blocker != null) {
            blocker.close();
        }
        runs.shutdownNow();
        runs.awaitTermination(30, TimeUnit.SECONDS);
        database.close();
    }

    @Test
    void aWaitingMigrationNamesTheSessionThatHoldsItsTableUntilItCommits() throws Exception {
        int holder = holdJobsExclusively();
        Future<MigrateResult> run = migrateInBackground(config().lockTimeout(Duration.ZERO));

        String warning = awaitLine(line -> line.startsWith("[WARNING] 002_alter (line 1) has waited"));
        assertTrue(warning.contains("for a relation lock held by pid " + holder + ", user "), warning);
        assertTrue(warning.contains("application 'blocking-session', idle in transaction since "), warning);
        assertTrue(warning.contains("query: LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE"), warning);
        // The server agrees: the migration's session is blocked by exactly that one.
        assertEquals(String.valueOf(holder), value(database, "SELECT (pg_blocking_pids(pid))[1] FROM pg_stat_activity "
                + "WHERE query LIKE 'ALTER TABLE jobs%' AND wait_event_type = 'Lock'"));

        blocker.commit();
        MigrateResult result = run.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

        assertEquals(1, result.applied().size());
        assertEquals(List.of("001|jobs|t", "002|alter|t"), history(database));
        assertEquals("1", value(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'title'"));
    }

    @Test
    void aTransactionalMigrationThatHitsTheLockTimeoutIsRetriedAndSucceedsOnceTheHolderCommits() throws Exception {
        int holder = holdJobsExclusively();
        Future<MigrateResult> run = migrateInBackground(config().lockTimeout(Duration.ofSeconds(1)).lockRetries(20)
                .lockRetryPause(Duration.ofMillis(200)));

        String retry = awaitLine(line -> line.contains("Retry 1 of 20"));
        assertTrue(retry.startsWith("[WARNING] 002_alter waited too long for a lock at line 1, held by pid " + holder + ", "), retry);
        assertTrue(retry.contains("rolled back, nothing of it remains"), retry);
        awaitLine(line -> line.contains("Retry 2 of 20"));
        // Between attempts nothing of the migration is there, and no failed attempt is recorded.
        assertEquals(List.of("001|jobs|t"), history(database));

        blocker.commit();
        MigrateResult result = run.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

        assertEquals(1, result.applied().size());
        assertEquals(List.of("001|jobs|t", "002|alter|t"), history(database));
        assertEquals("1", value(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'title'"));
    }

    @Test
    void whenTheRetriesRunOutTheRunFailsNamingTheHolderAndLeavesOnlyAFailedAttempt() throws Exception {
        int holder = holdJobsExclusively();
        Future<MigrateResult> run = migrateInBackground(config().lockTimeout(Duration.ofMillis(800)).lockRetries(2)
                .lockRetryPause(Duration.ofMillis(100)));

        Exception thrown = assertThrows(Exception.class, () -> run.get(GENEROUS.toSeconds(), TimeUnit.SECONDS));
        MigrationFailedException failure = (MigrationFailedException) thrown.getCause();

        String message = failure.getMessage();
        assertEquals("55P03", failure.sqlState());
        assertTrue(message.startsWith("Migration 002_alter failed at filesystem:"), message);
        assertTrue(message.contains("canceling statement due to lock timeout"), message);
        assertTrue(message.contains("It waited longer than hotgigs.lockTimeout (800ms) on each of its 3 attempts "
                + "(2 retries, hotgigs.lockRetries = 2)."), message);
        assertTrue(message.contains("The lock was held by pid " + holder + ", user "), message);
        assertTrue(message.contains("application 'blocking-session'"), message);
        assertTrue(message.contains("end it (SELECT pg_terminate_backend(" + holder + "))"), message);
        assertEquals(2, log.lines().stream().filter(line -> line.contains("waited too long for a lock")).count());
        // The database as it was, but for the failed attempt.
        assertEquals(List.of("001|jobs|t", "002|alter|f"), history(database));
        assertEquals("0", value(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'title'"));
        assertTrue(value(database, "SELECT error FROM schema_migrations WHERE version = '002'").contains("pid " + holder));
    }

    @Test
    void aHistoryRowThatWaitsForTheHistoryTableIsRetriedWithItsMigrationAndSucceedsOnceTheHolderCommits() throws Exception {
        int holder = holdHistoryTable();
        Future<MigrateResult> run = migrateInBackground(config().lockTimeout(Duration.ofSeconds(1)).lockRetries(20)
                .lockRetryPause(Duration.ofMillis(200)));

        String wait = awaitLine(line -> line.contains("has waited"));
        assertTrue(wait.startsWith("[WARNING] 002_alter (the insert of its history row into public.schema_migrations) has "
                + "waited "), wait);
        assertTrue(wait.contains("for a relation lock held by pid " + holder + ", "), wait);
        assertTrue(wait.contains("query: LOCK TABLE schema_migrations IN SHARE MODE"), wait);
        String retry = awaitLine(line -> line.contains("Retry 1 of 20"));
        assertTrue(retry.startsWith("[WARNING] 002_alter waited too long for a lock in the insert of its history row into "
                + "public.schema_migrations, held by pid " + holder + ", "), retry);
        assertTrue(retry.contains("rolled back, nothing of it remains"), retry);
        awaitLine(line -> line.contains("Retry 2 of 20"));
        // Between attempts the migration's own change is rolled back with its row.
        assertEquals("0", value(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' "
                + "AND column_name = 'title'"));

        blocker.commit();
        MigrateResult result = run.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

        assertEquals(1, result.applied().size());
        assertEquals(List.of("001|jobs|t", "002|alter|t"), history(database));
        assertEquals("1", value(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'title'"));
        assertTrue(log.lines().stream().noneMatch(line -> line.contains("(line 1) has waited")), log.lines().toString());
    }

    @Test
    void whenTheRetriesRunOutAtTheHistoryRowTheFailureNamesItsHolderAndWhyTheAttemptIsNotRecorded() throws Exception {
        int holder = holdHistoryTable();

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrator(config()
                .lockTimeout(Duration.ofMillis(800)).lockRetries(1).lockRetryPause(Duration.ofMillis(100))).migrate());

        String message = failure.getMessage();
        assertEquals("55P03", failure.sqlState());
        assertTrue(message.startsWith("Migration 002_alter failed when it was committed with its history row, filesystem:"),
                message);
        assertTrue(message.contains("The insert of its history row into public.schema_migrations waited longer than "
                + "hotgigs.lockTimeout (800ms) on each of its 2 attempts (1 retry, hotgigs.lockRetries = 1)."), message);
        assertTrue(message.contains("The lock was held by pid " + holder + ", user "), message);
        assertTrue(message.contains("end it (SELECT pg_terminate_backend(" + holder + ")), and run migrate again"), message);
        assertTrue(message.contains("Its transaction was rolled back: nothing of 002_alter remains."), message);
        assertTrue(message.contains("The failed attempt could not be recorded: history table public.schema_migrations is "
                + "locked by pid " + holder + ", "), message);
        assertTrue(!message.contains("check the connection") && !message.contains("Position:")
                && !message.contains("pg_blocking_pids(<pid>)"), message);
        assertEquals(1, log.lines().stream().filter(line -> line.contains("waited too long for a lock in the insert of its "
                + "history row")).count(), log.lines().toString());

        blocker.rollback();
        // The database as it was: the attempt's own row could not be written either.
        assertEquals(List.of("001|jobs|t"), history(database));
        assertEquals("0", value(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'title'"));
    }

    @Test
    void aStatementOutsideATransactionThatHitsTheLockTimeoutIsNotRetried() throws Exception {
        migrations.delete("002_alter.sql").write("002_index.sql", "CREATE INDEX CONCURRENTLY jobs_id ON jobs (id);\n");
        holdJobsExclusively();

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrator(config()
                .lockTimeout(Duration.ofMillis(800)).lockRetries(5).lockRetryPause(Duration.ofMillis(100))).migrate());

        String message = failure.getMessage();
        assertTrue(message.contains("It waited for a lock longer than hotgigs.lockTimeout (800ms). It was not retried: it runs "
                + "outside a transaction"), message);
        assertTrue(message.contains("No earlier statement of it had taken effect."), message);
        assertTrue(log.lines().stream().noneMatch(line -> line.contains("Retry")), log.lines().toString());
        assertEquals(List.of("001|jobs|t", "002|index|f"), history(database));
    }

    @Test
    void aSessionHoldingTheHistoryTableLockedMakesReadingItFailAfterTheLockTimeoutNotWaitForever() throws Exception {
        blocker = database.connect();
        try (Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE");
        }
        long started = System.nanoTime();

        // Unbounded, the read would wait for the holder: the test fails at GENEROUS instead of hanging.
        MigrationException failure = assertTimeoutPreemptively(GENEROUS, () -> assertThrows(MigrationException.class,
                () -> migrator(config().lockTimeout(Duration.ofMillis(500))).status()));

        assertEquals(ErrorCode.LOCK_NOT_AVAILABLE, failure.code());
        assertTrue(failure.getMessage().startsWith("Reading the history table public.schema_migrations"), failure.getMessage());
        assertTrue(failure.getMessage().contains("lock timeout"), failure.getMessage());
        assertTrue(System.nanoTime() - started < GENEROUS.toNanos(), "bounded by the lock timeout, not by the holder");
        blocker.rollback();
        assertEquals(List.of("001|jobs|t"), history(database));
    }

    @Test
    void aScriptsOwnLockTimeoutIsTheOneTheFailureNames() throws Exception {
        migrations.write("002_alter.sql", "SET lock_timeout = '300ms';\nALTER TABLE jobs ADD COLUMN title text;\n");
        holdJobsExclusively();

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrator(config()
                .lockTimeout(Duration.ofSeconds(30)).lockRetries(0)).migrate());

        String message = failure.getMessage();
        assertEquals("55P03", failure.sqlState());
        assertTrue(message.contains("It waited longer than the lock_timeout the script set at line 1 and was not retried "
                + "(hotgigs.lockRetries = 0)."), message);
        assertTrue(message.contains("raise hotgigs.lockTimeout or hotgigs.lockRetries."), message);
        assertTrue(message.contains("the next migrate retries it."), message);
        assertEquals(List.of("001|jobs|t", "002|alter|f"), history(database));
    }

    @Test
    void aStatementTimeoutEndsAStatementAndIsNeverRetried() throws Exception {
        migrations.delete("002_alter.sql").write("002_slow.sql", "CREATE TABLE slow (i int);\nSELECT pg_sleep(5);\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrator(config()
                .statementTimeout(Duration.ofMillis(300)).lockRetries(5)).migrate());

        String message = failure.getMessage();
        assertEquals("57014", failure.sqlState());
        assertTrue(message.contains("at filesystem:") && message.contains("002_slow.sql line 2"), message);
        assertTrue(message.contains("It ran longer than hotgigs.statementTimeout (300ms) and was cancelled; a statement "
                + "timeout is never retried."), message);
        assertEquals(List.of("001|jobs|t", "002|slow|f"), history(database));
        assertEquals("f", value(database, "SELECT to_regclass('slow') IS NOT NULL"));
    }

    @Test
    void everyMigrationRunsUnderTheTimeoutsWhateverTheOneBeforeSet() throws Exception {
        migrations.delete("002_alter.sql")
                .write("002_sets.sql", "SET lock_timeout = '9s';\nSET statement_timeout = '9s';\n"
                        + "CREATE TABLE seen_2 AS SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement;\n")
                .write("003_reads.sql", "CREATE TABLE seen_3 AS SELECT current_setting('lock_timeout') AS lock, "
                        + "current_setting('statement_timeout') AS statement;\n");

        migrator(config().lockTimeout(Duration.ofMillis(1500)).statementTimeout(Duration.ofMinutes(1))).migrate();

        assertEquals("9s|9s", value(database, "SELECT lock || '|' || statement FROM seen_2"));
        assertEquals("1500ms|1min", value(database, "SELECT lock || '|' || statement FROM seen_3"));
    }

    @Test
    void offLeavesTheDatabasesOwnSettings() throws Exception {
        try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " SET lock_timeout = '7s'");
        }
        migrations.delete("002_alter.sql").write("002_reads.sql",
                "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lock, current_setting('statement_timeout') AS statement;\n");

        migrator(config().lockTimeout(Duration.ZERO).statementTimeout(Duration.ZERO)).migrate();

        assertEquals("7s|0", value(database, "SELECT lock || '|' || statement FROM seen"));
    }

    @Test
    void aLongScriptTellsItsProgress() throws Exception {
        migrations.delete("002_alter.sql").write("002_slow.sql",
                "SELECT pg_sleep(0.5);\nSELECT pg_sleep(0.5);\nSELECT pg_sleep(0.5);\nSELECT pg_sleep(0.5);\n");

        migrator(config().progressInterval(Duration.ofMillis(400))).migrate();

        List<String> progress = log.lines().stream().filter(line -> line.startsWith("[INFO] Applying 002_slow: ")).toList();
        assertTrue(!progress.isEmpty(), log.lines().toString());
        for (String line : progress) {
            // 4 of 4: every statement ran and the commit is under way, which a loaded machine can make last a look.
            assertTrue(line.matches("\\[INFO] Applying 002_slow: [0-4] of 4 statements, [0-9]+ (s|ms)"), line);
        }
        assertTrue(log.lines().indexOf(progress.get(0)) < log.lines().indexOf(
                log.lines().stream().filter(line -> line.startsWith("[INFO] Applied 002_slow")).findFirst().orElseThrow()));
    }

    /** Another session takes ACCESS EXCLUSIVE on jobs and stays idle in its transaction; returns its pid. */
    private int holdJobsExclusively() throws SQLException {
        blocker = database.connect();
        try (Statement statement = blocker.createStatement()) {
            statement.execute("SET application_name = 'blocking-session'");
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE");
        }
        return blocker.unwrap(PGConnection.class).getBackendPID();
    }

    /**
     * Another session takes SHARE on the history table, which lets the engine read it but not insert a row,
     * and stays idle in its transaction; returns its pid.
     */
    private int holdHistoryTable() throws SQLException {
        blocker = database.connect();
        try (Statement statement = blocker.createStatement()) {
            statement.execute("SET application_name = 'blocking-session'");
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE schema_migrations IN SHARE MODE");
        }
        return blocker.unwrap(PGConnection.class).getBackendPID();
    }

    private MigratorConfig.Builder config() {
        return migrations.configFor(database).watchInterval(Duration.ofMillis(200));
    }

    private Migrator migrator(MigratorConfig.Builder config) {
        return new Migrator(config.build(), new ProgressLog(log));
    }

    private Future<MigrateResult> migrateInBackground(MigratorConfig.Builder config) {
        Migrator migrator = migrator(config);
        return runs.submit(migrator::migrate);
    }

    private String awaitLine(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : log.lines()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such line within " + GENEROUS.toSeconds() + " s; the log: " + log.lines());
    }
}
