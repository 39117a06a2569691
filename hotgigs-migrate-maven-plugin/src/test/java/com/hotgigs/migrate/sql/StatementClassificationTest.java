package com.hotgigs.migrate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StatementClassificationTest {

    private static StatementKind kindOf(String sql) {
        List<Statement> statements = SqlSplitter.split(sql);
        assertEquals(1, statements.size(), () -> "one statement expected in " + sql);
        return statements.get(0).kind();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE INDEX CONCURRENTLY i ON t (a)",
        "create unique index concurrently if not exists i on t (a)",
        "CREATE /* why */ INDEX\n-- because\nCONCURRENTLY i ON t (a)",
        "DROP INDEX CONCURRENTLY IF EXISTS i",
        "REINDEX INDEX CONCURRENTLY i",
        "REINDEX TABLE CONCURRENTLY t",
        "REINDEX (VERBOSE, CONCURRENTLY) TABLE t",
        "REINDEX DATABASE hotgigs",
        "reindex system",
        "VACUUM",
        "VACUUM (ANALYZE) t",
        "CREATE DATABASE x",
        "DROP DATABASE IF EXISTS x",
        "CREATE TABLESPACE ts LOCATION '/x'",
        "DROP TABLESPACE ts",
        "ALTER SYSTEM SET work_mem = '64MB'",
        "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p",
        "DROP SUBSCRIPTION s",
        "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY",
        "ALTER TABLE IF EXISTS ONLY public.m DETACH PARTITION public.m_2020 CONCURRENTLY",
    })
    void nonTransactional(String sql) {
        assertEquals(StatementKind.NON_TRANSACTIONAL, kindOf(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE INDEX i ON t (a)",
        "CREATE INDEX concurrently_idx ON t (a)",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY v",
        "REINDEX TABLE t",
        "ANALYZE t",
        "ALTER TABLE m DETACH PARTITION m_2020",
        "ALTER TABLE t ADD COLUMN vacuum int",
        "SELECT 'VACUUM'",
        "DROP TABLE database",
        "CREATE TABLE t (id int)",
        "SAVEPOINT s",
        "RELEASE SAVEPOINT s",
        "ROLLBACK TO SAVEPOINT s",
        "rollback to s",
        "ROLLBACK WORK TO SAVEPOINT s",
        "PREPARE q (int) AS SELECT $1",
        "ALTER TYPE t ADD ATTRIBUTE a int",
        "ALTER TYPE t RENAME VALUE 'a' TO 'b'",
        "START something",
        "WITH begin AS (SELECT 1) SELECT * FROM begin",
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
