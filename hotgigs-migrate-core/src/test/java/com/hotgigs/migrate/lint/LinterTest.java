package com.hotgigs.migrate.lint;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.migration.Checksum;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.ScriptText;
import com.hotgigs.migrate.migration.Version;
import com.hotgigs.migrate.sql.SqlSplitter;
import com.hotgigs.migrate.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule on in-memory scripts: the hazardous form is found, the safe form and the same file's own tables are not. */
class LinterTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    static Migration migration(String version, String sql) {
        ScriptText text = ScriptText.of(sql);
        return new Migration(Version.parse(version), "m", version + "_m.sql", "filesystem:db", text, Checksum.of(text));
    }

    static List<String> rules(String sql) {
        return findings(new Linter(FIVE_SECONDS, LintSettings.DEFAULT, true), sql, true).stream().map(f -> f.rule().id()).toList();
    }

    static List<LintFinding> findings(Linter linter, String sql, boolean inTransaction) {
        List<Statement> statements = SqlSplitter.split(sql);
        boolean autocommit = statements.stream().anyMatch(s -> s.requiresAutocommit(15));
        return linter.lint(migration("1", sql), statements, inTransaction && !autocommit, true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "add-index-non-concurrently | CREATE INDEX i ON t (a) | CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)",
            "add-index-non-concurrently | create unique index on public.t (a) | CREATE TABLE t (a int); CREATE INDEX ON t (a)",
            "drop-index-non-concurrently | DROP INDEX IF EXISTS i | DROP INDEX CONCURRENTLY IF EXISTS i",
            "constraint-without-not-valid | ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) "
                    + "| ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID",
            "constraint-without-not-valid | ALTER TABLE t ADD CHECK (a > 0) | ALTER TABLE t VALIDATE CONSTRAINT c",
            "constraint-without-not-valid | ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID; ALTER TABLE t VALIDATE CONSTRAINT c "
                    + "| ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID",
            "constraint-without-not-valid | ALTER TABLE jobs ADD COLUMN c2 bigint CONSTRAINT fk REFERENCES companies "
                    + "| ALTER TABLE jobs ADD COLUMN c2 bigint CONSTRAINT c2_nn NOT NULL DEFAULT 0",
            "constraint-without-not-valid | ALTER TABLE jobs ADD COLUMN c3 bigint REFERENCES companies (id) ON DELETE CASCADE "
                    + "| CREATE TABLE jobs (id bigint, c3 bigint REFERENCES companies (id))",
            "constraint-without-not-valid | ALTER TABLE jobs ADD c4 int CHECK (c4 > 0) "
                    + "| CREATE TABLE jobs (id int); ALTER TABLE jobs ADD COLUMN c2 bigint REFERENCES companies, ADD c4 int CHECK (c4 > 0)",
            "constraint-without-not-valid | ALTER TABLE jobs ADD COLUMN IF NOT EXISTS c5 numeric(10, 2) DEFAULT 1 CHECK (c5 > 0) "
                    + "| ALTER TABLE jobs ADD COLUMN c5 numeric(10, 2) DEFAULT 1",
            "set-not-null | ALTER TABLE t ALTER COLUMN a SET NOT NULL | ALTER TABLE t ALTER COLUMN a DROP NOT NULL",
            "column-type-rewrite | ALTER TABLE t ALTER COLUMN a TYPE bigint | ALTER TABLE t ADD COLUMN a2 bigint",
            "column-type-rewrite | ALTER TABLE t ALTER a SET DATA TYPE text | ALTER TABLE t ALTER a SET DEFAULT 'x'",
            "volatile-default | ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid() | ALTER TABLE t ADD COLUMN u uuid DEFAULT '00000000-0000-0000-0000-000000000000'",
            "volatile-default | ALTER TABLE t ADD id bigserial | ALTER TABLE t ADD COLUMN created timestamptz DEFAULT now()",
            "volatile-default | ALTER TABLE t ADD COLUMN n int GENERATED ALWAYS AS IDENTITY | ALTER TABLE t ADD COLUMN n int",
            "volatile-default | ALTER TABLE t ADD COLUMN ts timestamptz DEFAULT clock_timestamp() "
                    + "| ALTER TABLE jobs ADD COLUMN ts timestamptz DEFAULT statement_timestamp()",
            "add-constraint-without-index | ALTER TABLE t ADD PRIMARY KEY (id) | ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id",
            "add-constraint-without-index | ALTER TABLE t ADD CONSTRAINT u UNIQUE (a) | ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX t_a",
            "rename-or-drop | ALTER TABLE t RENAME COLUMN a TO b | ALTER TABLE t RENAME CONSTRAINT c TO d",
            "rename-or-drop | ALTER TABLE t DROP COLUMN IF EXISTS a | ALTER TABLE t DROP CONSTRAINT IF EXISTS c",
            "rename-or-drop | DROP TABLE IF EXISTS t | CREATE TABLE t (a int); DROP TABLE t",
            "rename-or-drop | ALTER TABLE t RENAME TO t2 | ALTER TABLE t ALTER COLUMN a DROP DEFAULT",
            "table-rewrite-or-lock | VACUUM FULL t | VACUUM (ANALYZE) t",
            "table-rewrite-or-lock | VACUUM (FULL, VERBOSE) t | VACUUM t",
            "table-rewrite-or-lock | CLUSTER t USING t_pkey | ANALYZE t",
            "table-rewrite-or-lock | LOCK TABLE t IN ACCESS EXCLUSIVE MODE | SELECT 1",
            "table-rewrite-or-lock | REINDEX TABLE t | REINDEX TABLE CONCURRENTLY t",
            "table-rewrite-or-lock | TRUNCATE t | CREATE TABLE t (a int); TRUNCATE t",
            "enum-value-used-same-transaction | ALTER TYPE mood ADD VALUE 'meh'; INSERT INTO t VALUES ('meh') "
                    + "| ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'",
            "concurrent-index-without-if-not-exists | CREATE INDEX CONCURRENTLY i ON t (a) | CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)",
            "concurrent-index-without-if-not-exists | CREATE INDEX CONCURRENTLY ON jobs (title) "
                    + "| CREATE INDEX CONCURRENTLY IF NOT EXISTS jobs_title_idx ON jobs (title)",
            "unbounded-data-change | UPDATE t SET a = 1 | UPDATE t SET a = 1 WHERE id < 1000",
            "unbounded-data-change | DELETE FROM ONLY t | DELETE FROM t WHERE a IN (SELECT a FROM u)",
            "unbounded-data-change | WITH d AS (DELETE FROM jobs RETURNING *) SELECT count(*) FROM d "
                    + "| WITH d AS (DELETE FROM jobs WHERE id < 1000 RETURNING *) SELECT count(*) FROM d",
            "unbounded-data-change | WITH RECURSIVE n (i) AS (SELECT 1), u AS NOT MATERIALIZED (UPDATE ONLY jobs SET a = 0 RETURNING id) "
                    + "INSERT INTO log SELECT id FROM u "
                    + "| WITH u AS MATERIALIZED (UPDATE jobs SET a = 0 WHERE id IN (SELECT id FROM old) RETURNING id) SELECT 1",
            "unbounded-data-change | WITH old AS (SELECT id FROM jobs WHERE id < 10) UPDATE jobs SET a = 1 "
                    + "| WITH old AS (SELECT id FROM jobs) DELETE FROM jobs USING old WHERE jobs.id = old.id",
    })
    void theHazardIsFoundAndTheSafeFormPasses(String rule, String hazard, String safe) {
        assertTrue(rules(hazard).contains(rule), rule + " in " + hazard + ": " + rules(hazard));
        assertEquals(List.of(), rules(safe), safe);
    }

    @Test
    void aTableCreatedInTheSameFileHasNoReadersToBlock() {
        assertEquals(List.of(), rules("""
                CREATE TABLE IF NOT EXISTS public.jobs (id bigint, title text, owner int);
                CREATE INDEX jobs_title ON jobs (title);
                ALTER TABLE jobs ADD CONSTRAINT jobs_owner FOREIGN KEY (owner) REFERENCES users (id);
                ALTER TABLE jobs ADD PRIMARY KEY (id);
                ALTER TABLE jobs ALTER COLUMN title SET NOT NULL;
                ALTER TABLE jobs ALTER COLUMN title TYPE varchar(200);
                ALTER TABLE jobs ADD COLUMN ref uuid DEFAULT gen_random_uuid();
                UPDATE jobs SET title = 'x';
                ALTER TABLE jobs ADD COLUMN company bigint REFERENCES companies (id), ADD COLUMN pay int CHECK (pay > 0);
                WITH gone AS (DELETE FROM jobs RETURNING *) SELECT count(*) FROM gone;
                """));
    }

    @Test
    void aTableOfTheSameNameInAnotherSchemaIsNotTheOneCreated() {
        assertEquals(List.of("add-index-non-concurrently", "unbounded-data-change", "table-rewrite-or-lock", "rename-or-drop"),
                rules("""
                        CREATE TABLE staging.jobs (id bigint, title text);
                        CREATE INDEX jobs_title ON public.jobs (title);
                        UPDATE public.jobs SET title = 'x';
                        TRUNCATE public.jobs;
                        DROP TABLE public.jobs;
                        """));
        assertEquals(List.of(), rules("""
                CREATE TABLE staging.jobs (id bigint, title text);
                CREATE INDEX jobs_title ON staging.jobs (title);
                UPDATE jobs SET title = 'x';
                ALTER TABLE staging.jobs ADD PRIMARY KEY (id);
                CREATE TABLE audit (id bigint);
                TRUNCATE public.audit;
                """), "the same schema, or a name without one, which may be found in it");
    }

    @Test
    void anInlineReferencesIsNamedWithTheStepsThatAvoidIt() {
        List<LintFinding> found = findings(new Linter(FIVE_SECONDS, LintSettings.DEFAULT, true),
                "ALTER TABLE jobs ADD COLUMN company_id bigint CONSTRAINT jobs_company REFERENCES companies", true);
        assertEquals(1, found.size(), found.toString());
        assertEquals("ALTER TABLE jobs ADD COLUMN company_id with an inline REFERENCES, a FOREIGN KEY that cannot be NOT VALID: "
                + "add the column alone, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID and VALIDATE CONSTRAINT in a later "
                + "transaction (the migration runs in one transaction, so the lock is held until it commits)", found.get(0).detail());
    }

    @Test
    void keywordsInStringsCommentsAndBodiesAreNotStatements() {
        assertEquals(List.of(), rules("""
                INSERT INTO notes VALUES ('CREATE INDEX i ON t (a)');
                /* DROP TABLE t; */ SELECT 1;
                CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE t SET a = 1; END $$;
                """));
    }

    @Test
    void aValidatedNotNullCheckInAnEarlierMigrationLetsSetNotNullPass() {
        Linter linter = new Linter(FIVE_SECONDS, LintSettings.DEFAULT, true);
        assertEquals(List.of(), findings(linter, "ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL) NOT VALID", true));
        List<LintFinding> sameTransaction = findings(linter, "ALTER TABLE t VALIDATE CONSTRAINT t_a_nn; ALTER TABLE t ALTER a SET NOT NULL", true);
        assertEquals(List.of("set-not-null"), sameTransaction.stream().map(f -> f.rule().id()).toList(),
                "validated in the same transaction, the scan is not avoided");
        assertEquals(List.of(), findings(linter, "ALTER TABLE t ALTER COLUMN a SET NOT NULL", true));
    }

    @Test
    void missingLockTimeoutReadsTheConfiguredTimeoutAndTheScript() {
        Linter off = new Linter(Duration.ZERO, LintSettings.DEFAULT, true);
        List<LintFinding> found = findings(off, "\n\nALTER TABLE t ADD COLUMN b int", true);
        assertEquals(List.of("missing-lock-timeout"), found.stream().map(f -> f.rule().id()).toList());
        assertEquals(3, found.get(0).line());
        assertEquals(List.of(), findings(off, "SET lock_timeout = '2s'; ALTER TABLE t ADD COLUMN b int", true));
        assertEquals(List.of(), findings(off, "SET LOCAL lock_timeout TO 2000; ALTER TABLE t ADD COLUMN b int", true));
        assertEquals(List.of(), rules("ALTER TABLE t ADD COLUMN b int"), "a configured lockTimeout covers every statement");
        // Set to no timeout at all, or too late for the statement before it: the waits stay unbounded.
        for (String unbounded : List.of("SET lock_timeout = 0; ALTER TABLE t ADD COLUMN b int",
                "SET lock_timeout TO '0s'; ALTER TABLE t ADD COLUMN b int", "SET lock_timeout TO DEFAULT; ALTER TABLE t ADD COLUMN b int",
                "ALTER TABLE t ADD COLUMN b int; SET lock_timeout = '2s'")) {
            assertEquals(List.of("missing-lock-timeout"), findings(off, unbounded, true).stream().map(f -> f.rule().id()).toList(),
                    unbounded);
        }
    }

    @Test
    void aDirectiveOnTheLineBeforeExemptsThatStatementOnly() {
        Linter linter = new Linter(FIVE_SECONDS, LintSettings.DEFAULT, true);
        List<LintFinding> found = findings(linter, """
                SELECT 1;
                -- hotgigs:lint-ignore add-index-non-concurrently
                -- the table has ten rows
                CREATE INDEX a ON t (a);
                CREATE INDEX b ON t (b);
                """, true);
        assertEquals(1, found.size(), found.toString());
        assertEquals(5, found.get(0).line());
        assertTrue(linter.report().problems().isEmpty());
    }

    @Test
    void aDirectiveMayGiveItsReasonAfterTheRules() {
        Linter linter = new Linter(FIVE_SECONDS, LintSettings.DEFAULT, true);
        List<LintFinding> found = findings(linter, """
                SELECT 1;
                -- hotgigs:lint-ignore add-index-non-concurrently -- small table, ok
                CREATE INDEX a ON t (a);
                """, true);
        assertEquals(List.of(), found);
        assertTrue(linter.report().problems().isEmpty(), linter.report().problems().toString());
    }

    @Test
    void aDirectiveInTheHeaderExemptsTheWholeFile() {
        assertEquals(List.of(), rules("""
                -- hotgigs:lint-ignore add-index-non-concurrently, rename-or-drop
                CREATE INDEX a ON t (a);
                ALTER TABLE t DROP COLUMN c;
                CREATE INDEX b ON t (b);
                """));
    }

    @Test
    void anUnknownRuleInADirectiveIsAProblemNamingTheLineAndTheKnownRules() {
        Linter linter = new Linter(FIVE_SECONDS, LintSettings.DEFAULT, true);
        findings(linter, "SELECT 1;\n-- hotgigs:lint-ignore add-index-concurrently\nCREATE INDEX a ON t (a);\n-- hotgigs:lint-ignor x\nSELECT 2;\n", true);
        List<String> problems = linter.report().problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("filesystem:db/1_m.sql line 2: '-- hotgigs:lint-ignore add-index-concurrently' names no lint rule"),
                problems.get(0));
        assertTrue(problems.get(0).contains("add-index-non-concurrently"), "lists the known ids");
        assertTrue(problems.get(1).contains("line 4: unknown directive 'hotgigs:lint-ignor'"), problems.get(1));
        assertEquals(1, linter.report().findings().size(), "the misspelt exemption exempts nothing");
    }

    @Test
    void theMessageSaysWhereWhatWhyAndTheSafeWay() {
        LintFinding finding = findings(new Linter(FIVE_SECONDS, LintSettings.DEFAULT, true), "SELECT 1;\nCREATE INDEX i ON jobs (title);", true).get(0);
        assertEquals("filesystem:db/1_m.sql line 2: [add-index-non-concurrently] CREATE INDEX on the existing table jobs without "
                + "CONCURRENTLY (the migration runs in one transaction, so the lock is held until it commits). Why: "
                + LintRule.ADD_INDEX_NON_CONCURRENTLY.why() + ". Safe way: " + LintRule.ADD_INDEX_NON_CONCURRENTLY.safeWay()
                + ". To accept it, put '-- hotgigs:lint-ignore add-index-non-concurrently' on the line before the statement.",
                finding.message());
    }

    @Test
    void ignoredRulesAreNotChecked() {
        Linter linter = new Linter(FIVE_SECONDS, new LintSettings(false, Set.of(LintRule.ADD_INDEX_NON_CONCURRENTLY)), true);
        assertEquals(List.of(), findings(linter, "CREATE INDEX i ON t (a)", true));
    }

    @Test
    void anUnknownRuleInTheConfigurationIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> LintSettings.rules("lintIgnore", List.of("rename-or-drop", "no-such-rule")));
        assertEquals(ErrorCode.UNKNOWN_LINT_RULE, e.code());
        assertTrue(e.getMessage().startsWith("Setting 'lintIgnore' (hotgigs.lintIgnore) names the lint rule 'no-such-rule', "
                + "which does not exist; the rules are add-index-non-concurrently, "), e.getMessage());
    }

    @Test
    void everyRuleHasAnIdWhyAndSafeWay() {
        assertEquals(LintRule.values().length, Arrays.stream(LintRule.values()).map(LintRule::id).distinct().count());
        for (LintRule rule : LintRule.values()) {
            assertTrue(rule.id().matches("[a-z]+(-[a-z]+)+"), rule.id());
            assertTrue(rule.why().length() > 40 && rule.safeWay().length() > 20, rule.id());
        }
    }
}
