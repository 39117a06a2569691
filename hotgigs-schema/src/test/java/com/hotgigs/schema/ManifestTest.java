package com.hotgigs.schema;

import com.hotgigs.migrate.CheckReport;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema's committed manifest, {@code hotgigs.sum}, lists its migrations as they are, so the offline
 * check (hotgigs:check, which needs no database) passes on them, and an edit to a released migration
 * fails it by name. Regenerate it with {@code mvn hotgigs:manifest} in this module after adding a migration.
 */
class ManifestTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/hotgigs");
    /** Never reached: the offline check needs no database. */
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/none";

    @Test
    void theCommittedManifestListsEveryMigrationAsItIs() {
        CheckReport report = check(MIGRATIONS);

        assertEquals(List.of(), report.problems());
        assertTrue(report.passed());
        assertEquals(2, report.migrations());
    }

    @Test
    void anEditedReleasedMigrationFailsTheCheckByName(@TempDir Path copy) throws IOException {
        for (String file : List.of("001_initial_schema.sql", "002_comprehensive_ats_system.sql", "hotgigs.sum")) {
            Files.copy(MIGRATIONS.resolve(file), copy.resolve(file));
        }
        Files.writeString(copy.resolve("002_comprehensive_ats_system.sql"), "\n-- a later edit\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        CheckReport report = check(copy);

        assertFalse(report.passed());
        assertEquals(1, report.problems().size(), report.problems()::toString);
        assertTrue(report.problems().get(0).contains("002_comprehensive_ats_system.sql"), report.problems()::toString);
    }

    private static CheckReport check(Path migrations) {
        MigratorConfig config = MigratorConfig.builder().url(NOWHERE)
                .locations(List.of("filesystem:" + migrations.toAbsolutePath())).build();
        return new Migrator(config).check(migrations.resolve("hotgigs.sum"));
    }
}
