package com.hotgigs.migrate;

import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.lint.LintFinding;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.migration.Checksum;
import com.hotgigs.migrate.migration.LocalScripts;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Placeholders;
import com.hotgigs.migrate.migration.ScriptText;
import com.hotgigs.migrate.migration.Version;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fleet's targets share what they would compute alike, and only that: a placeholder's value keeps a target's own. */
class ScriptCacheTest {

    private static final MigratorConfig CONFIG = MigratorConfig.builder().url("jdbc:postgresql://localhost/app").build();

    @Test
    void theTargetsOfAFleetShareOneReadingAndOneSplitOfTheSameText() {
        ScriptCache shared = ScriptCache.shared();
        AtomicInteger reads = new AtomicInteger();
        LocalScripts first = shared.scripts(() -> scripts(reads));
        assertSame(first, shared.scripts(() -> scripts(reads)));
        assertEquals(1, reads.get(), "the locations are read once for the fleet");

        Migration table = migration("001", "CREATE TABLE accounts (id int);");
        PreparedMigration once = preparation(shared, "tenant_1", Map.of()).versioned(table);
        assertSame(once, preparation(shared, "tenant_2", Map.of()).versioned(table));
    }

    @Test
    void aSingleRunSharesNothing() {
        ScriptCache none = ScriptCache.none();
        AtomicInteger reads = new AtomicInteger();
        none.scripts(() -> scripts(reads));
        none.scripts(() -> scripts(reads));
        assertEquals(2, reads.get());
        Migration table = migration("001", "CREATE TABLE accounts (id int);");
        assertNotSame(preparation(none, "public", Map.of()).versioned(table), preparation(none, "public", Map.of()).versioned(table));
    }

    @Test
    void aScriptThatNamesItsSchemaIsSplitForEachTarget() {
        ScriptCache shared = ScriptCache.shared();
        Migration grants = migration("001", "GRANT USAGE ON SCHEMA ${hotgigs:schema} TO app;");
        PreparedMigration one = preparation(shared, "tenant_1", Map.of()).versioned(grants);
        PreparedMigration two = preparation(shared, "tenant_2", Map.of()).versioned(grants);
        assertEquals("GRANT USAGE ON SCHEMA tenant_1 TO app", one.statements().get(0).sql().strip().replace(";", ""));
        assertEquals("GRANT USAGE ON SCHEMA tenant_2 TO app", two.statements().get(0).sql().strip().replace(";", ""));
    }

    @Test
    void aFailedReadingIsNotKeptSoEachTargetReportsIt() {
        ScriptCache shared = ScriptCache.shared();
        AtomicInteger attempts = new AtomicInteger();
        for (int target = 0; target < 2; target++) {
            assertThrows(IllegalStateException.class, () -> shared.scripts(() -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("unreadable");
            }));
        }
        assertEquals(2, attempts.get());
    }

    /**
     * What an earlier migration validated depends on its text as sent: the table a placeholder names. A
     * target where it validated the checked column's table is told nothing; one where it named another is warned.
     */
    @Test
    void lintIsSharedOnlyBetweenTargetsThatSendTheSameScripts() {
        List<Migration> local = List.of(
                migration("001", "ALTER TABLE ${checked} ADD CONSTRAINT a_nn CHECK (a IS NOT NULL) NOT VALID;"),
                migration("002", "ALTER TABLE ${checked} VALIDATE CONSTRAINT a_nn;"),
                migration("003", "ALTER TABLE t ALTER COLUMN a SET NOT NULL;"));
        ScriptCache shared = ScriptCache.shared();

        LintReport validatedHere = lintOfLast(preparation(shared, "tenant_1", Map.of("checked", "t")), local);
        LintReport sameAgain = lintOfLast(preparation(shared, "tenant_2", Map.of("checked", "t")), local);
        LintReport validatedElsewhere = lintOfLast(preparation(shared, "tenant_3", Map.of("checked", "u")), local);

        assertEquals(List.of(), validatedHere.findings());
        assertSame(validatedHere, sameAgain, "the same scripts as sent give the same lint, computed once");
        assertEquals(List.of("set-not-null"), validatedElsewhere.findings().stream().map(LintFinding::rule).map(r -> r.id()).toList());
        assertTrue(validatedElsewhere.findings().get(0).message().contains("003"), validatedElsewhere.findings().get(0).message());
    }

    private static LintReport lintOfLast(RunPreparation preparation, List<Migration> local) {
        List<PreparedMigration> pending = preparation.run(List.of(local.get(2)), List.of());
        return preparation.lint(local, pending);
    }

    private static RunPreparation preparation(ScriptCache cache, String schema, Map<String, String> values) {
        return new RunPreparation(CONFIG, cache, Placeholders.of(values, true, schema, "schema_migrations", "app", "app"), 16, true);
    }

    private static LocalScripts scripts(AtomicInteger reads) {
        reads.incrementAndGet();
        return new LocalScripts(List.of(), List.of(), List.of(), List.of());
    }

    private static Migration migration(String version, String sql) {
        ScriptText text = ScriptText.of(sql);
        return new Migration(Version.parse(version), "m" + version, version + "_m.sql", "filesystem:db", text, Checksum.of(text));
    }
}
