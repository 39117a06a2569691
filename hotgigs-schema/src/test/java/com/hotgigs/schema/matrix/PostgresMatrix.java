package com.hotgigs.schema.matrix;

import com.hotgigs.migrate.LockHolder;
import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.testing.TestDatabase;
import com.hotgigs.migrate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HotGigs schema and the engine's core behaviours on one PostgreSQL major version. Each
 * supported major has a subclass; all of a version's tests share one embedded server.
 */
abstract class PostgresMatrix {

    private final int major;
    private TestDatabase database;

    @TempDir
    Path migrations;

    PostgresMatrix(int major) {
        this.major = major;
    }

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create(TestPostgres.version(major));
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void serverIsTheVersionUnderTest() throws SQLException {
        assertEquals(String.valueOf(major), query("SELECT split_part(current_setting('server_version'), '.', 1)"));
    }

    @Test
    void hotgigsSchemaAppliesAndReportsEveryMigrationApplied() throws SQLException {
        MigrateResult result = new Migrator(hotgigs()).migrate();

        assertEquals(List.of("001_initial_schema", "002_comprehensive_ats_system"), names(result.applied()));
        assertEquals("002", result.currentVersion());
        for (String table : List.of("users", "companies", "candidates", "jobs", "applications", "skills")) {
            assertEquals("1", query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = '" + table + "'"),
                    "table " + table);
        }
        StatusReport status = new Migrator(hotgigs()).status();
        assertEquals(2, status.count(MigrationState.APPLIED));
        assertEquals(status.migrations().size(), status.count(MigrationState.APPLIED));
    }

    @Test
    void secondRunAppliesNothing() throws SQLException {
        new Migrator(hotgigs()).migrate();
        String historyBefore = query("SELECT string_agg(installed_rank || ':' || version || ':' || success, ',' "
                + "ORDER BY installed_rank) FROM public.schema_migrations");

        MigrateResult again = new Migrator(hotgigs()).migrate();

        assertEquals(List.of(), again.applied());
        assertEquals(2, again.alreadyApplied());
        assertEquals("002", again.currentVersion());
        assertEquals(historyBefore, query("SELECT string_agg(installed_rank || ':' || version || ':' || success, ',' "
                + "ORDER BY installed_rank) FROM public.schema_migrations"));
    }

    @Test
    void failedMigrationRollsBackAndRecordsItsAttempt() throws IOException, SQLException {
        write("001_create_candidates.sql", "CREATE TABLE candidates (id bigint PRIMARY KEY);\n");
        write("002_add_notes.sql", "CREATE TABLE candidate_notes (id bigint PRIMARY KEY);\n"
                + "INSERT INTO no_such_table VALUES (1);\n");

        MigrationFailedException e = assertThrows(MigrationFailedException.class, () -> new Migrator(local()).migrate());

        assertEquals("42P01", e.sqlState());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("002_add_notes"), e.getMessage());
        assertEquals("0", query("SELECT count(*) FROM pg_tables WHERE tablename = 'candidate_notes'"));
        assertEquals("1", query("SELECT count(*) FROM pg_tables WHERE tablename = 'candidates'"));
        assertEquals("001:true,002:false", query("SELECT string_agg(version || ':' || success, ',' ORDER BY installed_rank) "
                + "FROM public.schema_migrations"));
        assertNotNull(query("SELECT error FROM public.schema_migrations WHERE version = '002'"));
        assertEquals(MigrationState.FAILED, new Migrator(local()).status().migrations().get(1).state());
    }

    @Test
    void createIndexConcurrentlyRunsOutsideATransaction() throws IOException, SQLException {
        write("001_create_jobs.sql", "CREATE TABLE jobs (id bigint PRIMARY KEY, title text);\n"
                + "INSERT INTO jobs SELECT g, 'job ' || g FROM generate_series(1, 1000) g;\n");
        write("002_index_job_titles.sql", "CREATE INDEX CONCURRENTLY jobs_title_idx ON jobs (title);\n");

        MigrateResult result = new Migrator(local()).migrate();

        assertEquals(List.of("001_create_jobs", "002_index_job_titles"), names(result.applied()));
        assertEquals("t", query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.jobs_title_idx'::regclass"));
    }

    /**
     * One run holds the lock through a slow migration and a CREATE INDEX CONCURRENTLY, which waits
     * for every open transaction: it completes only if the run that waits holds none.
     */
    @Test
    void secondRunWaitsForTheLockWithoutBlockingCreateIndexConcurrently() throws Exception {
        write("001_create_jobs.sql", "CREATE TABLE jobs (id bigint PRIMARY KEY, title text);\n"
                + "SELECT pg_sleep(1.5);\n");
        write("002_index_job_titles.sql", "CREATE INDEX CONCURRENTLY jobs_title_idx ON jobs (title);\n");
        CountDownLatch firstIsApplying = new CountDownLatch(1);
        List<LockHolder> waitedFor = new CopyOnWriteArrayList<>();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(() -> new Migrator(local(),
                    new MigrationListener() {
                        @Override
                        public void applying(MigrationInfo migration) {
                            firstIsApplying.countDown();
                        }
                    }).migrate());
            assertTrue(firstIsApplying.await(30, TimeUnit.SECONDS), "the first run never started applying");
            MigrateResult second = new Migrator(local(), new MigrationListener() {
                @Override
                public void waitingForLock(LockHolder holder) {
                    waitedFor.add(holder);
                }
            }).migrate();

            assertEquals(List.of("001_create_jobs", "002_index_job_titles"), names(first.get().applied()));
            assertEquals(List.of(), second.applied());
            assertEquals(2, second.alreadyApplied());
        });
        assertFalse(waitedFor.isEmpty(), "the second run did not wait for the lock");
        assertEquals("hotgigs-migrate", waitedFor.get(0).applicationName());
        assertEquals("t", query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.jobs_title_idx'::regclass"));
    }

    private MigratorConfig hotgigs() {
        return MigratorConfig.builder().url(database.url()).user(database.user()).password(database.password()).build();
    }

    private MigratorConfig local() {
        return MigratorConfig.builder().url(database.url()).user(database.user()).password(database.password())
                .locations(List.of("filesystem:" + migrations)).build();
    }

    private void write(String fileName, String sql) throws IOException {
        Files.writeString(migrations.resolve(fileName), sql);
    }

    private static List<String> names(List<MigrationInfo> migrations) {
        List<String> names = new ArrayList<>();
        migrations.forEach(migration -> names.add(migration.version() + "_" + migration.name()));
        return names;
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next(), sql);
            return result.getString(1);
        }
    }
}
