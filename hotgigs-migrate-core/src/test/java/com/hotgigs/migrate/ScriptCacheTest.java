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
    void theTargetsOfAFleetShareOneReadingOfTheLocations() {
        ScriptCache shared = ScriptCache.shared();
        AtomicInteger reads = new AtomicInteger();
        LocalScripts first = shared.scripts(() -> scripts(reads));
        assertSame(first, shared.scripts(() -> scripts(reads)));
        assertEquals(1, reads.get(), "the locations are read once for the fleet");

    }

    @Test
    void theTargetsOfAFleetShareOneSplitOfTheSameText() {
        Migration table = migration("001", "CREATE TABLE accounts (id int);");
        ScriptCache shared = sharedFor(table);
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
        Migration grants = migration("001", "GRANT USAGE ON SCHEMA ${hotgigs:schema} TO app;");
        ScriptCache shared = sharedFor(grants);
        PreparedMigration one = preparation(shared, "tenant_1", Map.of()).versioned(grants);
        PreparedMigration two = preparation(shared, "tenant_2", Map.of()).versioned(grants);
        assertEquals("GRANT USAGE ON SCHEMA tenant_1 TO app", one.statements().get(0).sql().strip().replace(";", ""));
        assertEquals("GRANT USAGE ON SCHEMA tenant_2 TO app", two.statements().get(0).sql().strip().replace(";", ""));
    }

    /** One local script: two preparations kept, then scripts that differ per tenant are prepared without being kept. */
    @Test
    void scriptsThatDifferPerTenantAreNotKeptBeyondTwiceTheLocalScripts() {
        Migration grants = migration("001", "GRANT USAGE ON SCHEMA ${hotgigs:schema} TO app;");
        ScriptCache shared = sharedFor(grants);
        for (String tenant : List.of("tenant_1", "tenant_2")) {
            assertSame(preparation(shared, tenant, Map.of()).versioned(grants), preparation(shared, tenant, Map.of()).versioned(grants));
        }
        assertNotSame(preparation(shared, "tenant_3", Map.of()).versioned(grants),
                preparation(shared, "tenant_3", Map.of()).versioned(grants));
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
        ScriptCache shared = sharedFor(local.toArray(Migration[]::new));

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

    /** A fleet's cache once its targets' snapshot read these scripts. */
    private static ScriptCache sharedFor(Migration... local) {
        ScriptCache shared = ScriptCache.shared();
        shared.scripts(() -> new LocalScripts(List.of(local), List.of(), List.of(), List.of()));
        return shared;
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
