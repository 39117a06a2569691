package com.hotgigs.migrate.script;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.TransactionMode;
import com.hotgigs.migrate.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a script's directives, sections and own transaction control decide what runs, and how. */
class MigrationScriptTest {

    private static MigrationScript read(String text) {
        return read(text, TransactionMode.PER_MIGRATION);
    }

    private static MigrationScript read(String text, TransactionMode configured) {
        return MigrationScript.read(text, "003_x", "filesystem:db/003_x.sql", configured, 15, true);
    }

    private static List<String> sqls(MigrationScript script) {
        return script.statements().stream().map(Statement::sql).toList();
    }

    private static List<Integer> lines(MigrationScript script) {
        return script.statements().stream().map(Statement::line).toList();
    }

    private static ConfigurationException refused(String text) {
        return assertThrows(ConfigurationException.class, () -> read(text));
    }

    @Test
    void aScriptWithoutTransactionControlRunsInOneTransactionWithItsHistoryRow() {
        MigrationScript script = read("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n");

        assertEquals(TransactionMode.PER_MIGRATION, script.mode());
        assertEquals(List.of("CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)"), sqls(script));
    }

    @Test
    void aWrappedScriptRunsItsBodyAndItsBeginModesBecomeTheTransactionsFirstStatement() {
        MigrationScript plain = read("-- hand written\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n");
        MigrationScript isolated = read("START TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE a (id int);\nEND;\n");
        MigrationScript setFirst = read("BEGIN TRANSACTION;\nSET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\nSELECT 1;\nCOMMIT WORK;\n");

        assertEquals(TransactionMode.PER_MIGRATION, plain.mode());
        assertEquals(List.of("CREATE TABLE a (id int)"), sqls(plain));
        assertEquals(List.of("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "CREATE TABLE a (id int)"), sqls(isolated));
        assertEquals(List.of(1, 2), lines(isolated));
        assertEquals(List.of("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "SELECT 1"), sqls(setFirst));
        assertEquals(List.of("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SELECT 1"),
                sqls(read("BEGIN -- serializable, for the backfill\n  ISOLATION LEVEL SERIALIZABLE;\nSELECT 1;\nCOMMIT;\n")));
        assertEquals(List.of("SELECT 1"), sqls(read("BEGIN /* no modes */;\nSELECT 1;\nCOMMIT;\n")));
        assertTrue(plain.blocks().isEmpty());
    }

    @Test
    void aScriptWithTwoBlocksOrStatementsOutsideItsBlockRunsAsWritten() {
        MigrationScript prisma = read("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE b (id int);\nCOMMIT;\n");
        MigrationScript outside = read("CREATE TABLE a (id int);\nBEGIN;\nINSERT INTO a VALUES (1);\nCOMMIT;\n"
                + "CREATE INDEX CONCURRENTLY a_id ON a (id);\n");

        assertEquals(TransactionMode.AS_WRITTEN, prisma.mode());
        assertEquals(6, prisma.statements().size());
        assertEquals(List.of(new TransactionBlocks.Block(0, 2, true), new TransactionBlocks.Block(3, 5, true)), prisma.blocks().blocks());
        assertTrue(prisma.reason().contains("blocks at lines 1-3, 4-6"), prisma.reason());
        assertEquals(TransactionMode.AS_WRITTEN, outside.mode());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-- hotgigs:transaction none\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n",
        "-- +goose Up\n-- +goose NO TRANSACTION\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n",
        "-- +goose no transaction\n-- +goose up\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n",
        "-- no-transaction\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n",
        "-- migrate:up transaction:false\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n\n-- migrate:down\nDROP TABLE a;\n",
        "-- atlas:txmode none\n\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n",
    })
    void everyToolsNoTransactionDirectiveRunsAMixedScriptStatementByStatement(String text) {
        MigrationScript script = read(text);

        assertEquals(TransactionMode.NONE, script.mode());
        assertEquals(List.of("CREATE TABLE a (id int)", "CREATE INDEX CONCURRENTLY a_id ON a (id)"), sqls(script));
        assertTrue(script.reason().startsWith("declared by '-- "), script.reason());
    }

    @Test
    void directivesThatLookAlikeButAreNotTheToolsOwnChangeNothing() {
        // goose annotations have no leading whitespace; sqlx reads only the first line.
        String indentedGoose = "  -- +goose NO TRANSACTION\nCREATE TABLE a (id int);\n";
        String lateSqlx = "-- a comment\n-- no-transaction\nCREATE TABLE a (id int);\n";

        assertEquals(TransactionMode.PER_MIGRATION, read(indentedGoose).mode());
        assertEquals(TransactionMode.PER_MIGRATION, read(lateSqlx).mode());
        assertEquals(TransactionMode.NONE, read("-- no-transaction: the index is built online\nCREATE TABLE a (id int);\n").mode(),
                "sqlx tests that the file starts with it");
    }

    @Test
    void theSettingAppliesToScriptsThatSayNothingAndADirectiveWins() {
        String mixed = "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n";

        MigrationScript configured = read(mixed, TransactionMode.NONE);
        MigrationScript ownWay = read("-- hotgigs:transaction per-migration\nCREATE TABLE a (id int);\n", TransactionMode.NONE);

        assertEquals(TransactionMode.NONE, configured.mode());
        assertEquals("set by hotgigs.transactionMode=none", configured.reason());
        assertEquals(TransactionMode.PER_MIGRATION, ownWay.mode());
    }

    @Test
    void aMixedScriptThatSaysNothingIsRefusedNamingEachKindsLinesAndTheWayToRunIt() {
        ConfigurationException failure = refused("CREATE TABLE a (id int);\n\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n"
                + "INSERT INTO a VALUES (1);\n");

        assertEquals(ErrorCode.MIXED_TRANSACTIONAL_SCRIPT, failure.code());
        assertTrue(failure.getMessage().contains("refuses in a transaction (line 3: 'CREATE INDEX CONCURRENTLY a_id ON a (id)')"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("(line 1: 'CREATE TABLE a (id int)', line 4: 'INSERT INTO a VALUES (1)')"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("'-- hotgigs:transaction none'")
                && failure.getMessage().contains("hotgigs.transactionMode=none"), failure.getMessage());
    }

    @Test
    void aScriptOnlyOfStatementsRefusedInATransactionRunsWithoutOne() {
        assertEquals(TransactionMode.NONE, read("CREATE INDEX CONCURRENTLY a_id ON a (id);\nVACUUM a;\n").mode());
    }

    @Test
    void anUnknownWordInOurNamespaceIsAnError() {
        ConfigurationException failure = refused("-- hotgigs:transactoin none\nCREATE TABLE a (id int);\n");

        assertEquals(ErrorCode.SCRIPT_DIRECTIVE, failure.code());
        assertTrue(failure.getMessage().startsWith("filesystem:db/003_x.sql line 1: '-- hotgigs:transactoin none' is not a "
                + "directive: hotgigs:transactoin is unknown."), failure.getMessage());
    }

    @Test
    void aDirectiveInCapitalsIsRefusedNotPassedOverAsAComment() {
        for (String written : List.of("-- HOTGIGS:LINT-IGNORE truncate", "-- hotgigs:Transaction none", "-- HotGigs:after R__a")) {
            ConfigurationException failure = refused(written + "\nCREATE TABLE a (id int);\n");

            assertEquals(ErrorCode.SCRIPT_DIRECTIVE, failure.code());
            assertTrue(failure.getMessage().startsWith("filesystem:db/003_x.sql line 1: '" + written + "' is written in capitals, "
                    + "and directives are read in lower case only: write '"), failure.getMessage());
        }
    }

    @Test
    void anUnknownModeAndAMisplacedDirectiveAreErrors() {
        ConfigurationException badValue = refused("-- hotgigs:transaction off\nCREATE TABLE a (id int);\n");
        ConfigurationException late = refused("CREATE TABLE a (id int);\n-- hotgigs:transaction none\n");

        assertEquals(ErrorCode.SCRIPT_DIRECTIVE, badValue.code());
        assertTrue(badValue.getMessage().contains("line 1: '-- hotgigs:transaction off' names no transaction mode"), badValue.getMessage());
        assertTrue(late.getMessage().contains("line 2: '-- hotgigs:transaction none' comes after the script's first statement (line 1)"),
                late.getMessage());
    }

    @Test
    void aBlockCommentBeforeTheFirstStatementIsPartOfTheHeader() {
        MigrationScript none = read("/* header\n   comment */\n-- hotgigs:transaction none\nCREATE TABLE a (id int);\n");
        ConfigurationException late = refused("/* header */ CREATE TABLE a (id int);\n-- hotgigs:transaction none\n");

        assertTrue(none.autocommit(), "the directive after a leading block comment is read");
        assertEquals(List.of(4), lines(none));
        assertTrue(late.getMessage().contains("line 2: '-- hotgigs:transaction none' comes after the script's first statement (line 1)"),
                late.getMessage());
        // A -- line inside a block comment is part of the comment: nothing to read, nothing refused.
        assertEquals(false, read("/*\n-- hotgigs:transaction maybe\n*/\nCREATE TABLE a (id int);\n").autocommit());
    }

    @Test
    void twoDirectivesThatDisagreeAreAnError() {
        ConfigurationException failure = refused("-- hotgigs:transaction per-migration\n-- +goose NO TRANSACTION\n-- +goose Up\n"
                + "CREATE TABLE a (id int);\n");

        assertEquals(ErrorCode.SCRIPT_DIRECTIVE, failure.code());
        assertTrue(failure.getMessage().contains("'-- hotgigs:transaction per-migration' (line 1) and '-- +goose NO TRANSACTION' "
                + "(line 2) disagree"), failure.getMessage());
    }

    @Test
    void aCommitOrRollbackWithNoBeginIsAnError() {
        ConfigurationException commit = refused("CREATE TABLE a (id int);\nCOMMIT;\n");
        ConfigurationException rollback = refused("-- hotgigs:transaction none\nCREATE TABLE a (id int);\nROLLBACK;\n");

        assertEquals(ErrorCode.TRANSACTION_CONTROL, commit.code());
        assertTrue(commit.getMessage().startsWith("filesystem:db/003_x.sql line 2: 'COMMIT' closes no transaction"), commit.getMessage());
        assertTrue(rollback.getMessage().contains("line 3: 'ROLLBACK' closes no transaction"), rollback.getMessage());
    }

    @Test
    void aBeginNeverClosedIsAnError() {
        ConfigurationException failure = refused("CREATE TABLE a (id int);\nBEGIN;\nINSERT INTO a VALUES (1);\n");

        assertTrue(failure.getMessage().contains("line 2: 'BEGIN' opens a transaction block that is never closed"), failure.getMessage());
    }

    @Test
    void aFinalRollbackIsAnErrorNamingItsLine() {
        ConfigurationException failure = refused("BEGIN;\nCREATE TABLE a (id int);\nROLLBACK;\n");

        assertEquals(ErrorCode.TRANSACTION_CONTROL, failure.code());
        assertTrue(failure.getMessage().contains("line 3: the script ends with 'ROLLBACK'"), failure.getMessage());
    }

    @Test
    void aStatementRefusedInATransactionInsideTheScriptsOwnBlockIsAnError() {
        ConfigurationException failure = refused("-- hotgigs:transaction none\nBEGIN;\nCREATE TABLE a (id int);\n"
                + "CREATE INDEX CONCURRENTLY a_id ON a (id);\nCOMMIT;\n");

        assertTrue(failure.getMessage().contains("line 4: 'CREATE INDEX CONCURRENTLY a_id ON a (id)' is inside the transaction "
                + "block opened at line 2"), failure.getMessage());
    }

    @Test
    void twoPhaseCommitIsRefused() {
        ConfigurationException failure = refused("BEGIN;\nCREATE TABLE a (id int);\nPREPARE TRANSACTION 'x';\n");

        assertTrue(failure.getMessage().contains("line 3: 'PREPARE TRANSACTION 'x'' is two-phase"), failure.getMessage());
    }

    @Test
    void onlyTheGooseUpSectionRunsAndStatementBeginEndBoundOneStatement() {
        MigrationScript script = read("""
                -- +goose Up
                CREATE TABLE a (id int);
                -- +goose StatementBegin
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS '
                BEGIN
                  RETURN 1;
                END;
                ';
                -- +goose StatementEnd
                INSERT INTO a VALUES (1);

                -- +goose Down
                -- +goose StatementBegin
                DROP FUNCTION f();
                -- +goose StatementEnd
                DROP TABLE a;
                """);

        assertEquals(TransactionMode.PER_MIGRATION, script.mode());
        assertEquals(ScriptSections.Format.GOOSE, script.format());
        assertEquals(List.of("CREATE TABLE a (id int)", "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS '\nBEGIN\n  RETURN 1;\nEND;\n'",
                "INSERT INTO a VALUES (1)"), sqls(script));
        assertEquals(List.of(2, 4, 10), lines(script));
    }

    @Test
    void onlyTheDbmateUpSectionRuns() {
        MigrationScript script = read("-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n");

        assertEquals(ScriptSections.Format.DBMATE, script.format());
        assertEquals(List.of("CREATE TABLE a (id int)"), sqls(script));
    }

    @Test
    void aDownSectionBeforeTheUpSectionIsAnError() {
        ConfigurationException goose = refused("-- +goose Down\nDROP TABLE a;\n-- +goose Up\nCREATE TABLE a (id int);\n");
        ConfigurationException dbmate = refused("-- migrate:down\nDROP TABLE a;\n-- migrate:up\nCREATE TABLE a (id int);\n");

        assertEquals(ErrorCode.SCRIPT_SYNTAX, goose.code());
        assertTrue(goose.getMessage().startsWith("filesystem:db/003_x.sql line 1: '-- +goose Down' comes before the "
                + "'-- +goose Up' line"), goose.getMessage());
        assertTrue(dbmate.getMessage().contains("line 1: '-- migrate:down' comes before the '-- migrate:up' line"), dbmate.getMessage());
    }

    @Test
    void malformedGooseFilesAreErrors() {
        assertTrue(refused("-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n").getMessage()
                .contains("line 2: '-- +goose StatementBegin' is never ended"));
        assertTrue(refused("CREATE TABLE a (id int);\n-- +goose Up\nSELECT 1;\n").getMessage()
                .contains("line 1: there is SQL before the '-- +goose Up' line"));
        assertTrue(refused("-- +goose Up\n-- +goose StatementEnd\n").getMessage()
                .contains("line 2: '-- +goose StatementEnd' ends no statement"));
        assertTrue(refused("-- +goose Up\n-- +goose Upp\n").getMessage().contains("line 2: '-- +goose Upp' is not a goose annotation"));
        assertTrue(refused("-- +goose Up\nSELECT 1;\n-- +goose Up\n").getMessage().contains("line 3: '-- +goose Up' is a second up section"));
    }
}
