package com.hotgigs.migrate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hotgigs.migrate.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classification rules are PostgreSQL's, not ours: every example classified NON_TRANSACTIONAL
 * is refused by a real server inside a transaction block (SQLSTATE 25001), and every look-alike
 * classified TRANSACTIONAL runs there.
 */
class StatementClassificationServerTest {

    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    private static TestDatabase database;
    private static Connection connection;

    @BeforeAll
    static void createObjects() throws SQLException {
        database = TestDatabase.create();
        connection = database.connect();
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE t (a int);
                    CREATE INDEX i ON t (a);
                    CREATE TYPE e AS (x int);
                    CREATE TYPE status AS ENUM ('a', 'b');
                    CREATE TABLE m (d date) PARTITION BY RANGE (d);
                    CREATE TABLE m_2020 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
                    CREATE MATERIALIZED VIEW v AS SELECT 1 AS id;
                    CREATE UNIQUE INDEX v_id ON v (id);
                    """);
        }
        connection.setAutoCommit(false);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static List<String> nonTransactional() {
        return StatementClassificationTest.NON_TRANSACTIONAL;
    }

    static List<String> transactional() {
        return StatementClassificationTest.TRANSACTIONAL;
    }

    @ParameterizedTest
    @MethodSource("nonTransactional")
    void refusedInATransactionBlock(String example) {
        assertEquals(ACTIVE_SQL_TRANSACTION, sqlStateInTransaction(example), example);
    }

    @ParameterizedTest
    @MethodSource("transactional")
    void acceptedInATransactionBlock(String example) {
        assertNull(sqlStateInTransaction(example), example);
    }

    @Test
    void alterTypeAddValueRunsInATransactionBlockFromPostgres12() throws SQLException {
        Statement addValue = SqlSplitter.split("ALTER TYPE status ADD VALUE 'x'").get(0);
        int major = connection.getMetaData().getDatabaseMajorVersion();
        assertEquals(StatementKind.ALTER_TYPE_ADD_VALUE, addValue.kind());
        assertEquals(major < 12 ? ACTIVE_SQL_TRANSACTION : null, sqlStateInTransaction(addValue.sql()));
        assertEquals(major < 12, addValue.requiresAutocommit(major));
    }

    /** Runs the example in a transaction that is always rolled back; the SQLSTATE it failed with, or null. */
    private static String sqlStateInTransaction(String example) {
        String sql = example.replace("{db}", database.name());
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute(SqlSplitter.split(sql).get(0).sql());
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        } finally {
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw new IllegalStateException("could not roll back after " + sql, e);
            }
        }
    }
}
