package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failed CREATE INDEX CONCURRENTLY is explained by what the catalog holds, not by what the statement names. */
class ConcurrentIndexFailuresIT {

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory)
                .write("001_data.sql", "CREATE TABLE t (a int, c int);\nINSERT INTO t VALUES (1, 1), (2, 1);\n");
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void anUnnamedIndexIsCalledByTheNamePostgresqlGaveIt() throws SQLException {
        migrations.write("002_unique.sql", "CREATE UNIQUE INDEX CONCURRENTLY ON t (c);\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(List.of("t_c_idx|f"), rows(database,
                "SELECT indexrelid::regclass::text, indisvalid FROM pg_index WHERE indrelid = 't'::regclass"));
        assertTrue(failure.getMessage().contains("left the INVALID index public.t_c_idx behind: drop it with "
                + "DROP INDEX CONCURRENTLY IF EXISTS public.t_c_idx; before retrying."), failure.getMessage());
        assertFalse(failure.getMessage().contains("EXISTS ON"), failure.getMessage());
    }

    @Test
    void aRerunAfterAKilledBuildWhoseIndexesFinishedKeepsTheValidIndex() throws SQLException {
        migrations.write("002_indexes.sql", "CREATE INDEX CONCURRENTLY t_a ON t (a);\nCREATE INDEX CONCURRENTLY t_c ON t (c);\n");
        migrations.migratorFor(database).migrate();
        // What a build killed after both indexes were built, before its history row, leaves behind.
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM schema_migrations WHERE version = '002'");
        }

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals("42P07", failure.sqlState());
        assertFalse(failure.getMessage().contains("DROP INDEX"), failure.getMessage());
        assertFalse(failure.getMessage().contains("INVALID"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Index public.t_a exists and is valid"), failure.getMessage());
        assertTrue(failure.getMessage().contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS"), failure.getMessage());
        assertEquals(List.of("t_a|t", "t_c|t"), rows(database,
                "SELECT indexrelid::regclass::text, indisvalid FROM pg_index WHERE indrelid = 't'::regclass ORDER BY 1"));
        assertEquals(List.of("001|data|t", "002|indexes|f"), history(database));
    }
}
