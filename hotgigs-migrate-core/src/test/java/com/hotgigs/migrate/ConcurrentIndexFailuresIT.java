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
import static com.hotgigs.migrate.Queries.value;
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

    @Test
    void anIndexOfTheSameNameOnAnotherColumnIsToBeDroppedOrRenamedNotKept() throws SQLException {
        migrations.migratorFor(database).migrate();
        execute("CREATE INDEX t_a ON t (c)");
        migrations.write("002_index.sql", "CREATE INDEX CONCURRENTLY t_a ON t (a);\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        String message = failure.getMessage();
        assertEquals("42P07", failure.sqlState());
        assertTrue(message.contains("Index public.t_a exists, but it is not the index this statement builds: it is "
                + "CREATE INDEX t_a ON public.t USING btree (c), and the statement's would be CREATE INDEX t_a ON public.t "
                + "USING btree (a)."), message);
        assertTrue(message.contains("Drop it (DROP INDEX CONCURRENTLY public.t_a;) or rename it (ALTER INDEX public.t_a "
                + "RENAME TO ...), or give this statement's index another name"), message);
        assertFalse(message.contains("keep it"), message);
        // The comparison built nothing on t and left no table of its own.
        assertEquals(List.of("t_a|CREATE INDEX t_a ON public.t USING btree (c)"), rows(database,
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 't'::regclass"));
        assertEquals("0", value(database, "SELECT count(*) FROM pg_class WHERE relname LIKE 'hotgigs_index_probe%'"));
        assertEquals(List.of("001|data|t", "002|index|f"), history(database));
    }

    @Test
    void anIndexOfTheSameNameThatIsUniqueWhereTheStatementsIsNotIsNotKept() throws SQLException {
        migrations.migratorFor(database).migrate();
        execute("CREATE UNIQUE INDEX t_a ON t (a)");
        migrations.write("002_index.sql", "CREATE INDEX CONCURRENTLY t_a ON t (a);\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertTrue(failure.getMessage().contains("it is CREATE UNIQUE INDEX t_a ON public.t USING btree (a), and the "
                + "statement's would be CREATE INDEX t_a ON public.t USING btree (a)."), failure.getMessage());
    }

    @Test
    void anIndexOfTheSameNameWrittenDifferentlyButTheSameIsKept() throws SQLException {
        migrations.migratorFor(database).migrate();
        execute("CREATE INDEX t_sum ON t USING btree ((a + c)) WHERE c > 0");
        migrations.write("002_index.sql", "CREATE INDEX CONCURRENTLY t_sum ON t ((a+c)) WHERE (c>0);\n");

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertTrue(failure.getMessage().contains("Index public.t_sum exists and is valid, and is the index this statement "
                + "builds (an earlier run built it before it could be recorded): keep it, and write CREATE INDEX "
                + "CONCURRENTLY IF NOT EXISTS"), failure.getMessage());
    }

    @Test
    void anIfNotExistsThatSkipsAnInvalidIndexFailsUntilItIsDroppedAndBuilt() throws SQLException {
        migrations.write("002_app.sql", "CREATE SCHEMA app;\nCREATE TABLE app.jobs (id int, bonus int);\n"
                        + "INSERT INTO app.jobs VALUES (1, 5), (2, 5);\n")
                // The table resolves through the script's own search_path, which the session reset would undo.
                .write("003_bonus.sql", "-- hotgigs:transaction none\nSET search_path = app;\n"
                        + "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS jobs_bonus ON jobs (bonus);\n");
        // The duplicate bonus makes the first build fail, and PostgreSQL leaves the INVALID index behind.
        assertEquals("23505", assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate()).sqlState());

        MigrationFailedException failure = assertThrows(MigrationFailedException.class, () -> migrations.migratorFor(database).migrate());

        assertEquals(3, failure.line());
        assertTrue(failure.getMessage().contains("003_bonus.sql line 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Index app.jobs_bonus exists but is INVALID (left by an earlier failed CREATE INDEX "
                + "CONCURRENTLY): IF NOT EXISTS skipped it"), failure.getMessage());
        assertTrue(failure.getMessage().contains("DROP INDEX CONCURRENTLY IF EXISTS app.jobs_bonus; then run migrate again"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("statement 1 (line 2) took effect"), failure.getMessage());
        // The script needs no change, so the message never asks for one.
        assertTrue(failure.getMessage().contains("once the INVALID index is dropped, the next migrate retries it."), failure.getMessage());
        assertFalse(failure.getMessage().contains("fix the script"), failure.getMessage());
        assertEquals(List.of("001|data|t", "002|app|t", "003|bonus|f", "003|bonus|f"), history(database));
        assertEquals("t", value(database, "SELECT error LIKE '%line 3%app.jobs_bonus exists but is INVALID%' "
                + "FROM schema_migrations ORDER BY installed_rank DESC LIMIT 1"));

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX CONCURRENTLY app.jobs_bonus");
            statement.execute("UPDATE app.jobs SET bonus = 6 WHERE id = 2");
        }
        migrations.migratorFor(database).migrate();

        assertEquals("003|bonus|t", history(database).get(4));
        assertEquals("t", value(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'app.jobs_bonus'::regclass"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
