package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static com.hotgigs.migrate.Queries.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Repair adds REPAIR and DELETED rows for decisions a person made, and nothing else. */
class RepairIT {

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
    void anEditedAndARemovedMigrationAreRepairedThenValidatePasses() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "CREATE TABLE b (id int);\n")
                .write("003_c.sql", "CREATE TABLE c (id int);\n");
        migrations.migratorFor(database).migrate();
        String original = rows(database, "SELECT checksum FROM schema_migrations WHERE version = '002'").get(0);
        migrations.write("002_b.sql", "-- b holds the bees\nCREATE TABLE b (id int);\n").delete("003_c.sql");
        assertFalse(migrations.migratorFor(database).validate(false).valid());

        RepairResult result = migrations.migratorFor(database).repair();

        String edited = migrations.migratorFor(database).status().migrations().get(1).checksum();
        assertEquals(List.of("Realigned the checksum of 002_b to its edited file: " + original + " -> " + edited
                        + " (a REPAIR row by " + database.user() + " keeps the old one)",
                "Marked 003_c deleted: its file was removed (a DELETED row by " + database.user() + "; its earlier rows stay)"),
                result.changes().stream().map(RepairResult.Change::describe).toList());
        assertEquals(List.of("1|001|MIGRATION|", "2|002|MIGRATION|", "3|003|MIGRATION|", "4|002|REPAIR|" + original, "5|003|DELETED|"),
                rows(database, "SELECT installed_rank, version, kind, coalesce(previous_checksum, '') FROM schema_migrations "
                        + "ORDER BY installed_rank"));
        assertEquals(edited, rows(database, "SELECT checksum FROM schema_migrations WHERE kind = 'REPAIR'").get(0));
        ValidationReport validation = migrations.migratorFor(database).validate(true);
        assertTrue(validation.valid(), validation.problems().toString());
        assertEquals(List.of("001 APPLIED", "002 APPLIED", "003 DELETED"), validation.status().migrations().stream()
                .map(m -> m.version() + " " + m.state()).toList());

        ConfigurationException again = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).repair());
        assertEquals(ErrorCode.NOTHING_TO_REPAIR, again.code());
        assertTrue(again.getMessage().startsWith("Nothing to repair in public.schema_migrations of database " + database.name()
                + ": every applied migration matches its file, and every file of one is there. Nothing was written. "
                + "hotgigs:repair is for after a deliberate change"), again.getMessage());
        assertEquals("5", rows(database, "SELECT count(*) FROM schema_migrations").get(0));

        migrations.write("004_d.sql", "CREATE TABLE d (id int);\n");
        assertEquals(1, migrations.migratorFor(database).migrate().applied().size());
    }

    @Test
    void aSecondEditIsRepairedFromTheRepairedChecksum() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");
        migrations.migratorFor(database).migrate();
        migrations.write("001_a.sql", "-- one\nCREATE TABLE a (id int);\n");
        String first = migrations.migratorFor(database).repair().changes().get(0).checksum();
        migrations.write("001_a.sql", "-- two\nCREATE TABLE a (id int);\n");

        RepairResult.Change second = migrations.migratorFor(database).repair().changes().get(0);

        assertEquals(first, second.previousChecksum());
        assertTrue(migrations.migratorFor(database).validate(false).valid());
    }

    @Test
    void aDatabaseWithoutHistoryHasNothingToRepair() {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");

        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> migrations.migratorFor(database).repair());

        assertEquals(ErrorCode.NO_HISTORY, refused.code());
        assertTrue(refused.getMessage().contains("there is nothing to repair"), refused.getMessage());
    }
}
