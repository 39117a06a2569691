package com.hotgigs.migrate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementClassificationTest {

    /**
     * Statements PostgreSQL refuses in a transaction block; StatementClassificationServerTest proves
     * that on a real server ({db} stands for the current database).
     */
    static final List<String> NON_TRANSACTIONAL = List.of(
            "CREATE INDEX CONCURRENTLY i2 ON t (a)",
            "create unique index concurrently if not exists i3 on t (a)",
            "CREATE /* why */ INDEX\n-- because\nCONCURRENTLY i4 ON t (a)",
            "DROP INDEX CONCURRENTLY IF EXISTS i",
            "REINDEX INDEX CONCURRENTLY i",
            "REINDEX TABLE CONCURRENTLY t",
            "REINDEX (VERBOSE, CONCURRENTLY) TABLE t",
            "REINDEX SCHEMA public",
            "REINDEX DATABASE {db}",
            "reindex system {db}",
            "VACUUM",
            "VACUUM (ANALYZE) t",
            "CLUSTER",
            "DISCARD ALL",
            "CREATE DATABASE x",
            "DROP DATABASE IF EXISTS x",
            "ALTER DATABASE {db} SET TABLESPACE pg_default",
            "CREATE TABLESPACE ts LOCATION '/x'",
            "DROP TABLESPACE ts",
            "ALTER SYSTEM SET work_mem = '64MB'",
            "ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY",
            "ALTER TABLE IF EXISTS ONLY public.m DETACH PARTITION public.m_2020 CONCURRENTLY");

    /** Statements that look alike but run in a transaction block (on PostgreSQL 12+). */
    static final List<String> TRANSACTIONAL = List.of(
            "CREATE INDEX i5 ON t (a)",
            "CREATE INDEX concurrently_idx ON t (a)",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY v",
            "REINDEX TABLE t",
            "REINDEX (VERBOSE) INDEX i",
            "ANALYZE t",
            "CLUSTER t USING i",
            "DISCARD PLANS",
            "ALTER DATABASE {db} SET work_mem = '8MB'",
            "ALTER TABLE m DETACH PARTITION m_2020",
            "ALTER TABLE t ADD COLUMN vacuum int",
            "SELECT 'VACUUM'",
            "DROP TABLE IF EXISTS database",
            "CREATE TABLE t2 (id int)",
            "SAVEPOINT s",
            "PREPARE q (int) AS SELECT $1",
            "ALTER TYPE e ADD ATTRIBUTE a int",
            "ALTER TYPE status RENAME VALUE 'b' TO 'c'",
            "WITH begin AS (SELECT 1) SELECT * FROM begin");

    static List<String> nonTransactionalExamples() {
        return NON_TRANSACTIONAL;
    }

    static List<String> transactionalExamples() {
        return TRANSACTIONAL;
    }

    private static StatementKind kindOf(String example) {
        String sql = example.replace("{db}", "hotgigs");
        List<Statement> statements = SqlSplitter.split(sql);
        assertEquals(1, statements.size(), () -> "one statement expected in " + sql);
        return statements.get(0).kind();
    }

    @ParameterizedTest
    @MethodSource("nonTransactionalExamples")
    @ValueSource(strings = {
        "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p",
        "DROP SUBSCRIPTION s",
        "ALTER SUBSCRIPTION s REFRESH PUBLICATION WITH (copy_data = false)",
    })
    void nonTransactional(String sql) {
        assertEquals(StatementKind.NON_TRANSACTIONAL, kindOf(sql));
    }

    @ParameterizedTest
    @MethodSource("transactionalExamples")
    @ValueSource(strings = {
        "ALTER TYPE t ADD ATTRIBUTE a int",
        "RELEASE SAVEPOINT s",
        "ROLLBACK TO SAVEPOINT s",
        "rollback to s",
        "ROLLBACK WORK TO SAVEPOINT s",
        "START something",
        "CLUSTER VERBOSE t",
        "ALTER SUBSCRIPTION s DISABLE",
        "SELECT 1$$ a; b $$",
    })
    void transactional(String sql) {
        assertEquals(StatementKind.TRANSACTIONAL, kindOf(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BEGIN", "begin transaction isolation level serializable", "START TRANSACTION", "COMMIT", "commit and chain",
        "END", "ROLLBACK", "ROLLBACK WORK", "ABORT", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'",
        "PREPARE TRANSACTION 'x'",
    })
    void transactionControl(String sql) {
        assertEquals(StatementKind.TRANSACTION_CONTROL, kindOf(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TYPE status ADD VALUE 'archived'",
        "alter type public.status add value if not exists 'x' before 'y'",
    })
    void alterTypeAddValue(String sql) {
        assertEquals(StatementKind.ALTER_TYPE_ADD_VALUE, kindOf(sql));
    }

    @Test
    void keywordsInsideFunctionBodiesDoNotClassify() {
        String script = """
                CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                  COMMIT;
                  VACUUM;
                  CREATE INDEX CONCURRENTLY i ON t (a);
                END $$;
                DO $$ BEGIN ROLLBACK; END $$;
                CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC
                  SELECT 1;
                END;
                """;
        List<Statement> statements = SqlSplitter.split(script);
        assertEquals(3, statements.size());
        statements.forEach(s -> assertEquals(StatementKind.TRANSACTIONAL, s.kind(), s.sql()));
    }

    @Test
    void requiresAutocommitByKindAndServerVersion() {
        Statement index = SqlSplitter.split("CREATE INDEX CONCURRENTLY i ON t (a)").get(0);
        Statement addValue = SqlSplitter.split("ALTER TYPE s ADD VALUE 'x'").get(0);
        Statement plain = SqlSplitter.split("CREATE TABLE t (a int)").get(0);
        Statement begin = SqlSplitter.split("BEGIN").get(0);
        assertTrue(index.requiresAutocommit(15));
        assertTrue(addValue.requiresAutocommit(11));
        assertFalse(addValue.requiresAutocommit(12));
        assertFalse(plain.requiresAutocommit(11));
        assertFalse(begin.requiresAutocommit(15));
    }
}
