package com.hotgigs.migrate.lint;

import com.hotgigs.migrate.sql.SqlSplitter;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rule's hazard is real on PostgreSQL: the lock the statement takes is seen in pg_locks from
 * another session (held in its open transaction, or asked for while a reader holds the table), a
 * rewrite is seen as a new relfilenode, a broken query as its error; and the safe form passes lint
 * and does not do it.
 */
class LintHazardIT {

    private static final String ACCESS_EXCLUSIVE = "AccessExclusiveLock";
    private static final String SHARE_UPDATE_EXCLUSIVE = "ShareUpdateExclusiveLock";

    private TestDatabase database;
    private final List<Connection> connections = new ArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeEach
    void createTables() throws SQLException {
        database = TestDatabase.create();
        run(connect(), """
                CREATE TABLE u (id int PRIMARY KEY);
                INSERT INTO u SELECT generate_series(1, 100);
                CREATE TABLE t (id int PRIMARY KEY, a int, u_id int, r float8);
                INSERT INTO t SELECT i, i, i FROM generate_series(1, 1000) i;
                CREATE TYPE mood AS ENUM ('ok');
                """);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        background.shutdownNow();
        for (Connection connection : connections) {
            connection.close();
        }
        database.close();
    }

    @Test
    void addIndexNonConcurrently() throws Exception {
        assertFound("add-index-non-concurrently", "CREATE INDEX t_a ON t (a)");
        assertEquals("ShareLock", strongest(locksHeldInTransaction("CREATE INDEX t_a ON t (a)")), "writes wait for the build");
        String safe = "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a2 ON t (a)";
        assertClean(safe);
        assertEquals(SHARE_UPDATE_EXCLUSIVE, strongest(locksWhileAReaderHoldsTheTable(safe)), "writes go on");
    }

    @Test
    void dropIndexNonConcurrently() throws Exception {
        run(connect(), "CREATE INDEX t_a ON t (a); CREATE INDEX t_a2 ON t (a)");
        assertFound("drop-index-non-concurrently", "DROP INDEX t_a");
        assertEquals(ACCESS_EXCLUSIVE, strongest(locksHeldInTransaction("DROP INDEX t_a")));
        String safe = "DROP INDEX CONCURRENTLY IF EXISTS t_a2";
        assertClean(safe);
        assertEquals(SHARE_UPDATE_EXCLUSIVE, strongest(locksWhileAReaderHoldsTheTable(safe)));
    }

    @Test
    void foreignKeyAndCheckWithoutNotValid() throws Exception {
        String foreignKey = "ALTER TABLE t ADD CONSTRAINT t_u FOREIGN KEY (u_id) REFERENCES u (id)";
        assertFound("constraint-without-not-valid", foreignKey);
        assertThrows(PSQLException.class, () -> run(connect(), foreignKey), "it scans every row: row 101 has no u");
        assertEquals("ShareRowExclusiveLock", strongest(locksHeldInTransaction("UPDATE t SET u_id = NULL WHERE id > 100; " + foreignKey)));
        String check = "ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0)";
        assertFound("constraint-without-not-valid", check);
        assertEquals(ACCESS_EXCLUSIVE, strongest(locksHeldInTransaction(check)));
        assertFound("constraint-without-not-valid", check + " NOT VALID; ALTER TABLE t VALIDATE CONSTRAINT t_a_positive");

        assertClean("ALTER TABLE t ADD CONSTRAINT t_u_nv FOREIGN KEY (u_id) REFERENCES u (id) NOT VALID");
        run(connect(), "UPDATE t SET u_id = NULL WHERE id > 100; ALTER TABLE t ADD CONSTRAINT t_u_nv FOREIGN KEY (u_id) REFERENCES u (id) NOT VALID");
        String validate = "ALTER TABLE t VALIDATE CONSTRAINT t_u_nv";
        assertClean(validate);
        assertEquals(SHARE_UPDATE_EXCLUSIVE, strongest(locksHeldInTransaction(validate)), "validation lets reads and writes go on");
    }

    @Test
    void inlineReferencesOrCheckInAddColumn() throws Exception {
        String references = "ALTER TABLE t ADD COLUMN c2 int CONSTRAINT t_c2_u REFERENCES u";
        assertFound("constraint-without-not-valid", references);
        assertEquals("ShareRowExclusiveLock", strongest(locksHeldInTransaction(references, "u")), "writes to u wait, as for ADD FOREIGN KEY");
        assertEquals(ACCESS_EXCLUSIVE, strongest(locksHeldInTransaction(references)));
        String withDefault = "ALTER TABLE t ADD COLUMN c3 int DEFAULT 101 REFERENCES u (id)";
        assertFound("constraint-without-not-valid", withDefault);
        assertThrows(PSQLException.class, () -> run(connect(), withDefault), "with a default every row is checked: u has no 101");
        String check = "ALTER TABLE t ADD COLUMN c4 int DEFAULT 0 CHECK (c4 > 0)";
        assertFound("constraint-without-not-valid", check);
        assertThrows(PSQLException.class, () -> run(connect(), check), "every row is checked");

        String column = "ALTER TABLE t ADD COLUMN c5 int";
        assertClean(column);
        assertEquals("none", strongest(locksHeldInTransaction(column, "u")), "the column alone does not lock u");
        run(connect(), column);
        String notValid = "ALTER TABLE t ADD CONSTRAINT t_c5_u FOREIGN KEY (c5) REFERENCES u (id) NOT VALID";
        assertClean(notValid);
        run(connect(), notValid);
        String validate = "ALTER TABLE t VALIDATE CONSTRAINT t_c5_u";
        assertClean(validate);
        assertEquals(SHARE_UPDATE_EXCLUSIVE, strongest(locksHeldInTransaction(validate)), "validation lets reads and writes go on");
    }

    @Test
    void setNotNull() throws Exception {
        String hazard = "ALTER TABLE t ALTER COLUMN a SET NOT NULL";
        assertFound("set-not-null", hazard);
        assertEquals(ACCESS_EXCLUSIVE, strongest(locksHeldInTransaction(hazard)));
        String check = "ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL) NOT VALID";
        String validate = "ALTER TABLE t VALIDATE CONSTRAINT t_a_nn";
        Linter linter = new Linter(Duration.ofSeconds(5), LintSettings.DEFAULT, true);
        assertEquals(List.of(), lint(linter, check));
        assertEquals(List.of(), lint(linter, validate));
        assertEquals(List.of(), lint(linter, hazard), "after a validated check in earlier migrations, SET NOT NULL passes");
        run(connect(), check);
        assertEquals(SHARE_UPDATE_EXCLUSIVE, strongest(locksHeldInTransaction(validate)));
        run(connect(), validate);
        run(connect(), hazard);
        assertEquals("t", value("SELECT relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
                + "WHERE relname = 't' AND attname = 'a' AND attnotnull"));
    }

    @Test
    void columnTypeRewrite() throws Exception {
        String hazard = "ALTER TABLE t ALTER COLUMN a TYPE bigint";
        assertFound("column-type-rewrite", hazard);
        assertTrue(rewrites(hazard), "the table is written anew");
        assertEquals(ACCESS_EXCLUSIVE, strongest(locksHeldInTransaction(hazard)));
        String safe = "ALTER TABLE t ADD COLUMN a_big bigint";
        assertClean(safe);
        assertFalse(rewrites(safe));
    }

    @Test
    void volatileDefault() throws Exception {
        String hazard = "ALTER TABLE t ADD COLUMN token float8 DEFAULT random()";
        assertFound("volatile-default", hazard);
        assertTrue(rewrites(hazard));
        assertFound("volatile-default", "ALTER TABLE t ADD COLUMN n bigserial");
        assertTrue(rewrites("ALTER TABLE t ADD COLUMN n bigserial"));
        String safe = "ALTER TABLE t ADD COLUMN score int DEFAULT 0";
        assertClean(safe);
        assertFalse(rewrites(safe), "a constant default is kept in the catalog, not written to every row");
    }

    @Test
    void addConstraintWithoutIndex() throws Exception {
        String hazard = "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a)";
        assertFound("add-constraint-without-index", hazard);
        assertEquals(ACCESS_EXCLUSIVE, strongest(locksHeldInTransaction(hazard)), "the index is built under it");
        run(connect(), "CREATE UNIQUE INDEX CONCURRENTLY t_a_idx ON t (a)");
        String safe = "ALTER TABLE t ADD CONSTRAINT t_a_uq UNIQUE USING INDEX t_a_idx";
        assertClean(safe);
        run(connect(), safe);
        assertEquals("t_a_uq", value("SELECT conname FROM pg_constraint WHERE conname = 't_a_uq'"));
    }

    @Test
    void renameOrDropBreaksTheRunningApplication() throws Exception {
        String hazard = "ALTER TABLE t RENAME COLUMN a TO a2";
        assertFound("rename-or-drop", hazard);
        assertFound("rename-or-drop", "ALTER TABLE t DROP COLUMN a");
        assertFound("rename-or-drop", "DROP TABLE t");
        Connection application = connect();
        run(application, "PREPARE read_a AS SELECT a FROM t WHERE id = 1");
        run(connect(), hazard);
        SQLException broken = assertThrows(SQLException.class, () -> run(application, "EXECUTE read_a"));
        assertEquals("42703", broken.getSQLState(), broken.getMessage());
        String safe = "ALTER TABLE t ADD COLUMN a3 int";
        assertClean(safe);
        run(application, "PREPARE read_a2 AS SELECT a2 FROM t WHERE id = 1");
        run(connect(), safe);
        run(application, "EXECUTE read_a2");
    }

    @Test
    void tableRewriteOrLock() throws Exception {
        for (String hazard : List.of("VACUUM FULL t", "CLUSTER t USING t_pkey", "LOCK TABLE t", "TRUNCATE t")) {
            assertFound("table-rewrite-or-lock", hazard);
            Set<String> locks = hazard.startsWith("VACUUM") ? locksWhileAReaderHoldsTheTable(hazard) : locksHeldInTransaction(hazard);
            assertEquals(ACCESS_EXCLUSIVE, strongest(locks), hazard);
        }
        assertFound("table-rewrite-or-lock", "REINDEX TABLE t");
        assertEquals("ShareLock", strongest(locksHeldInTransaction("REINDEX TABLE t")), "writes wait for every index's rebuild");
        assertClean("REINDEX TABLE CONCURRENTLY t");
        assertEquals(SHARE_UPDATE_EXCLUSIVE, strongest(locksWhileAReaderHoldsTheTable("REINDEX TABLE CONCURRENTLY t")));
        assertClean("VACUUM t");
        Connection reader = openTransaction("SELECT count(*) FROM t");
        run(connect(), "VACUUM t");
        reader.rollback();
    }

    @Test
    void enumValueUsedInTheSameTransaction() throws Exception {
        String hazard = "ALTER TYPE mood ADD VALUE 'meh'; CREATE TABLE feelings (m mood DEFAULT 'ok'); INSERT INTO feelings VALUES ('meh')";
        assertFound("enum-value-used-same-transaction", hazard);
        SQLException refused = assertThrows(SQLException.class, () -> inTransaction(hazard));
        assertEquals("55P04", refused.getSQLState(), refused.getMessage());
        String safe = "ALTER TYPE mood ADD VALUE 'meh'";
        assertClean(safe);
        inTransaction(safe);
        run(connect(), "CREATE TABLE feelings (m mood); INSERT INTO feelings VALUES ('meh')");
    }

    @Test
    void concurrentIndexWithoutIfNotExists() throws Exception {
        run(connect(), "UPDATE t SET a = 1 WHERE id <= 2");
        String hazard = "CREATE UNIQUE INDEX CONCURRENTLY t_a_unique ON t (a)";
        assertFound("concurrent-index-without-if-not-exists", hazard);
        assertThrows(SQLException.class, () -> run(connect(), hazard), "duplicates");
        assertEquals("false", value("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_a_unique'::regclass"),
                "the failure left an INVALID index");
        SQLException again = assertThrows(SQLException.class, () -> run(connect(), hazard));
        assertEquals("42P07", again.getSQLState(), "running it again fails: " + again.getMessage());
        String safe = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_unique ON t (a)";
        assertClean(safe);
        run(connect(), safe);
    }

    @Test
    void anUnnamedConcurrentIndexIsToBeNamedSinceIfNotExistsNeedsAName() throws Exception {
        run(connect(), "UPDATE t SET a = 1 WHERE id <= 2");
        String hazard = "CREATE UNIQUE INDEX CONCURRENTLY ON t (a)";
        List<LintFinding> found = LinterTest.findings(new Linter(Duration.ofSeconds(5), LintSettings.DEFAULT, true), hazard, true);
        assertEquals(List.of(LintRule.CONCURRENT_INDEX_WITHOUT_IF_NOT_EXISTS), found.stream().map(LintFinding::rule).toList());
        assertEquals("CREATE INDEX CONCURRENTLY on t without a name, which IF NOT EXISTS needs: run again after a failure, it "
                + "builds a second index beside the INVALID one under the next free name. Name it (CREATE INDEX CONCURRENTLY "
                + "IF NOT EXISTS <name> ON t ...)", found.get(0).detail());
        SQLException unnamed = assertThrows(SQLException.class, () -> run(connect(),
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ON t (a)"));
        assertEquals("42601", unnamed.getSQLState(), "IF NOT EXISTS without a name: " + unnamed.getMessage());
        // Run twice, it fails twice on the duplicates (never with 'already exists') and leaves two INVALID indexes.
        assertEquals("23505", assertThrows(SQLException.class, () -> run(connect(), hazard)).getSQLState());
        assertEquals("23505", assertThrows(SQLException.class, () -> run(connect(), hazard)).getSQLState());
        assertEquals("t_a_idx false, t_a_idx1 false", value("SELECT string_agg(indexrelid::regclass || ' ' || indisvalid, ', ' "
                + "ORDER BY indexrelid::regclass::text) FROM pg_index WHERE indrelid = 't'::regclass AND NOT indisprimary"));
        assertClean("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_unique ON t (a)");
    }

    @Test
    void aStableDefaultIsNoVolatileDefaultAndRewritesNothing() throws Exception {
        for (String stable : List.of("statement_timestamp()", "transaction_timestamp()", "now()", "txid_current()",
                "localtimestamp", "current_date", "current_timestamp")) {
            String safe = "ALTER TABLE t ADD COLUMN ts_x " + (stable.startsWith("txid") ? "bigint" : "timestamptz")
                    + " DEFAULT " + stable;
            assertClean(safe);
            assertFalse(rewrites(safe), safe + " is evaluated once, kept in the catalog");
        }
        assertTrue(rewrites("ALTER TABLE t ADD COLUMN ts_x timestamptz DEFAULT clock_timestamp()"));
    }

    @Test
    void everyFunctionTheRuleCallsVolatileIsVolatileInPgProc() throws Exception {
        run(connect(), "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"");
        for (String function : ScriptLint.VOLATILE_FUNCTIONS) {
            // random_normal is PostgreSQL 16's, uuidv4 and uuidv7 18's: where the server has none, nothing to check.
            String kinds = value("SELECT string_agg(DISTINCT provolatile::text, '') FROM pg_proc WHERE proname = '" + function + "'");
            assertTrue(kinds == null || kinds.equals("v"), function + " has provolatile " + kinds);
        }
        assertEquals("v", value("SELECT string_agg(DISTINCT provolatile::text, '') FROM pg_proc WHERE proname IN "
                + "('uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'gen_random_uuid', 'random', 'nextval')"));
    }

    @Test
    void unboundedDataChange() throws Exception {
        String hazard = "UPDATE t SET a = a + 1";
        assertFound("unbounded-data-change", hazard);
        assertFound("unbounded-data-change", "DELETE FROM t");
        Connection migration = openTransaction(hazard);
        SQLException locked = assertThrows(SQLException.class, () -> run(connect(), "SET lock_timeout = '100ms'; "
                + "UPDATE t SET a = 0 WHERE id = 1000"));
        assertEquals("55P03", locked.getSQLState(), "the application's write to the last row waits: " + locked.getMessage());
        migration.rollback();
        String safe = "UPDATE t SET a = a + 1 WHERE id <= 10";
        assertClean(safe);
        openTransaction(safe);
        run(connect(), "SET lock_timeout = '100ms'; UPDATE t SET a = 0 WHERE id = 1000");
    }

    @Test
    void missingLockTimeoutQueuesEveryQueryBehindTheWait() throws Exception {
        String script = "ALTER TABLE t ADD COLUMN extra int";
        Linter off = new Linter(Duration.ZERO, LintSettings.DEFAULT, true);
        assertEquals(List.of("missing-lock-timeout"), lint(off, script));
        Connection reader = openTransaction("SELECT count(*) FROM t");
        Connection migration = connect();
        int migrationPid = pid(migration);
        Future<?> waiting = background.submit(() -> { run(migration, script); return null; });
        awaitWaiting(migrationPid);
        Connection application = connect();
        int applicationPid = pid(application);
        Future<?> query = background.submit(() -> { run(application, "SELECT count(*) FROM t"); return null; });
        awaitWaiting(applicationPid);
        assertEquals("t", value("SELECT (" + migrationPid + " = ANY (pg_blocking_pids(" + applicationPid + ")))::text").substring(0, 1),
                "the application's plain read waits behind the migration's wait");
        reader.rollback();
        waiting.get(30, TimeUnit.SECONDS);
        query.get(30, TimeUnit.SECONDS);

        String safe = "SET lock_timeout = '200ms';\nALTER TABLE t ADD COLUMN extra2 int";
        assertEquals(List.of(), lint(off, safe));
        openTransaction("SELECT count(*) FROM t");
        SQLException gaveUp = assertThrows(SQLException.class, () -> run(connect(), safe));
        assertEquals("55P03", gaveUp.getSQLState(), "it gives up instead of queueing everyone: " + gaveUp.getMessage());
    }

    // --- helpers

    /** PostgreSQL's table lock modes, weakest first. */
    private static final List<String> MODES = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            SHARE_UPDATE_EXCLUSIVE, "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", ACCESS_EXCLUSIVE);

    /** The strongest of the modes a session holds or asks for: what it blocks. */
    private static String strongest(Set<String> modes) {
        return modes.stream().max(java.util.Comparator.comparingInt(MODES::indexOf)).orElse("none");
    }

    private static List<String> lint(Linter linter, String sql) {
        return LinterTest.findings(linter, sql, true).stream().map(f -> f.rule().id()).toList();
    }

    private static void assertFound(String rule, String sql) {
        assertTrue(LinterTest.rules(sql).contains(rule), rule + " not found in " + sql);
    }

    private static void assertClean(String sql) {
        assertEquals(List.of(), LinterTest.rules(sql), sql);
    }

    private Connection connect() throws SQLException {
        Connection connection = database.connect();
        connections.add(connection);
        return connection;
    }

    private static void run(Connection connection, String sql) throws SQLException {
        for (Statement statement : SqlSplitter.split(sql)) {
            try (java.sql.Statement jdbc = connection.createStatement()) {
                jdbc.execute(statement.sql());
            }
        }
    }

    private void inTransaction(String sql) throws SQLException {
        Connection connection = openTransaction(sql);
        connection.commit();
    }

    /** Runs the statements in a transaction left open, so the locks they took stay held. */
    private Connection openTransaction(String sql) throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        run(connection, sql);
        return connection;
    }

    /** The lock modes on t that the statement's transaction holds once it has run, seen from another session. */
    private Set<String> locksHeldInTransaction(String sql) throws SQLException {
        return locksHeldInTransaction(sql, "t");
    }

    /** The lock modes on the table that the statement's transaction holds once it has run, seen from another session. */
    private Set<String> locksHeldInTransaction(String sql, String table) throws SQLException {
        Connection connection = openTransaction(sql);
        try {
            return modesOn(pid(connection), true, table);
        } finally {
            connection.rollback();
        }
    }

    /**
     * The lock modes on t the statement holds or asks for while another session reads t in an open
     * transaction: for statements that cannot run in a transaction, seen while they wait.
     */
    private Set<String> locksWhileAReaderHoldsTheTable(String sql) throws Exception {
        Connection reader = openTransaction("SELECT count(*) FROM t");
        Connection statement = connect();
        int pid = pid(statement);
        Future<?> running = background.submit(() -> { run(statement, sql); return null; });
        try {
            awaitWaiting(pid);
            return modesOn(pid, false, "t");
        } finally {
            reader.rollback();
            running.get(30, TimeUnit.SECONDS);
        }
    }

    private Set<String> modesOn(int pid, boolean grantedOnly, String table) throws SQLException {
        Set<String> modes = new TreeSet<>();
        try (java.sql.Statement query = connect().createStatement();
             ResultSet rows = query.executeQuery("SELECT mode FROM pg_locks WHERE pid = " + pid
                     + " AND relation = '" + table + "'::regclass" + (grantedOnly ? " AND granted" : ""))) {
            while (rows.next()) {
                modes.add(rows.getString(1));
            }
        }
        return modes;
    }

    /** Waits until the session waits for a lock (a relation's, or another transaction's end). */
    private void awaitWaiting(int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if ("Lock".equals(value("SELECT wait_event_type FROM pg_stat_activity WHERE pid = " + pid))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("session " + pid + " never waited for a lock");
    }

    private boolean rewrites(String sql) throws SQLException {
        Connection connection = connect();
        connection.setAutoCommit(false);
        String before = value(connection, "SELECT pg_relation_filenode('t')::text");
        run(connection, sql);
        String after = value(connection, "SELECT pg_relation_filenode('t')::text");
        connection.rollback();
        return !before.equals(after);
    }

    private static int pid(Connection connection) throws SQLException {
        return Integer.parseInt(value(connection, "SELECT pg_backend_pid()::text"));
    }

    private String value(String sql) throws SQLException {
        try (Connection connection = database.connect()) {
            return value(connection, sql);
        }
    }

    private static String value(Connection connection, String sql) throws SQLException {
        try (java.sql.Statement query = connection.createStatement(); ResultSet row = query.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
