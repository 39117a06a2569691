package com.hotgigs.migrate.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static List<String> sqls(String script) {
        return SqlSplitter.split(script).stream().map(Statement::sql).toList();
    }

    @Test
    void splitsOnSemicolonsAndKeepsExactTextWithoutTerminator() {
        assertEquals(List.of("CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)"),
                sqls("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n"));
    }

    @Test
    void finalStatementWithoutSemicolonCounts() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sqls("SELECT 1;\n  SELECT 2  \n\n"));
    }

    @Test
    void emptyStatementsAndCommentOnlyScriptsProduceNothing() {
        assertEquals(List.of(), sqls(""));
        assertEquals(List.of(), sqls(" ;; ;\n;"));
        assertEquals(List.of(), sqls("-- only a comment; really\n/* and /* a nested */ block; */\n"));
        assertEquals(List.of("SELECT 1"), sqls(";;SELECT 1;;"));
    }

    @Test
    void leadingCommentsAreNotPartOfTheStatementButInnerOnesAre() {
        List<Statement> statements = SqlSplitter.split("-- header\n/* doc */ SELECT 1 /* inner; */ + 2; -- trailing\n");
        assertEquals(1, statements.size());
        assertEquals("SELECT 1 /* inner; */ + 2", statements.get(0).sql());
        assertEquals(2, statements.get(0).line());
        assertEquals(11, statements.get(0).column());
    }

    @Test
    void linesAndColumnsOfEveryStatement() {
        String script = "SELECT 1; SELECT 2;\n\n   SELECT\n 3;\n\t-- c\n\tSELECT 4";
        List<Statement> statements = SqlSplitter.split(script);
        assertEquals(4, statements.size());
        assertPosition(statements.get(0), 1, 1);
        assertPosition(statements.get(1), 1, 11);
        assertPosition(statements.get(2), 3, 4);
        assertEquals("SELECT\n 3", statements.get(2).sql());
        assertPosition(statements.get(3), 6, 2);
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        List<Statement> statements = SqlSplitter.split("SELECT '\uD83D\uDE00'; SELECT 2;");
        assertPosition(statements.get(1), 1, 13);
    }

    private static void assertPosition(Statement statement, int line, int column) {
        assertEquals(line, statement.line(), () -> "line of " + statement.sql());
        assertEquals(column, statement.column(), () -> "column of " + statement.sql());
    }

    @Test
    void singleQuotesWithDoubledQuoteEscapes() {
        assertEquals(List.of("SELECT 'it''s; fine'", "SELECT ''''"), sqls("SELECT 'it''s; fine';SELECT '''';"));
    }

    @Test
    void escapeStringsWithBackslashQuotes() {
        assertEquals(List.of("SELECT E'it\\'s; fine'", "SELECT e'\\\\'", "SELECT 2"),
                sqls("SELECT E'it\\'s; fine';SELECT e'\\\\';SELECT 2"));
    }

    @Test
    void backslashIsNotAnEscapeInStandardStrings() {
        assertEquals(List.of("SELECT 'C:\\dir\\'", "SELECT 2"), sqls("SELECT 'C:\\dir\\';SELECT 2;"));
    }

    @Test
    void backslashEscapesInStandardStringsWhileTheScriptTurnsThemOff() {
        String script = "SET standard_conforming_strings = off;\nSELECT 'it\\'s; one';\n"
                + "set local standard_conforming_strings to 'ON';\nSELECT 'C:\\';\n"
                + "SET standard_conforming_strings TO false;\nSELECT 'a\\'b';\nRESET ALL;\nSELECT 'C:\\';";
        assertEquals(List.of("SET standard_conforming_strings = off", "SELECT 'it\\'s; one'",
                "set local standard_conforming_strings to 'ON'", "SELECT 'C:\\'",
                "SET standard_conforming_strings TO false", "SELECT 'a\\'b'", "RESET ALL", "SELECT 'C:\\'"),
                sqls(script));
        assertError("SET standard_conforming_strings = off;\nSELECT 'C:\\';\n", 2, 8, "standard_conforming_strings off");
    }

    @Test
    void aServerWithStandardStringsOffIsReadSoFromTheStartAndResetReturnsToIt() {
        String script = "SELECT 'it\\'s; one';\nSET standard_conforming_strings = on;\nSELECT 'C:\\';\n"
                + "RESET standard_conforming_strings;\nSELECT 'a\\'b';\nSET standard_conforming_strings TO DEFAULT;\nSELECT 'c\\'d'";
        assertEquals(List.of("SELECT 'it\\'s; one'", "SET standard_conforming_strings = on", "SELECT 'C:\\'",
                "RESET standard_conforming_strings", "SELECT 'a\\'b'", "SET standard_conforming_strings TO DEFAULT", "SELECT 'c\\'d'"),
                SqlSplitter.split(script, false).stream().map(Statement::sql).toList());
    }

    @Test
    void identifierEndingInEIsNotAnEscapeString() {
        // "some" is a word, so 'x\' is a standard string ending at its second quote
        assertEquals(List.of("SELECT some'x\\'", "SELECT 2"), sqls("SELECT some'x\\';SELECT 2;"));
    }

    @Test
    void quotedIdentifiersWithSemicolonsAndDoubledQuotes() {
        assertEquals(List.of("CREATE TABLE \"a;b\"\"c\" (\"x;\" int)", "SELECT 1"),
                sqls("CREATE TABLE \"a;b\"\"c\" (\"x;\" int);SELECT 1;"));
    }

    @Test
    void semicolonsAndApostrophesInComments() {
        String script = "SELECT 1 -- don't stop; here\n + 1;\nSELECT /* it's; /* nested; */ still' */ 2;";
        assertEquals(List.of("SELECT 1 -- don't stop; here\n + 1", "SELECT /* it's; /* nested; */ still' */ 2"),
                sqls(script));
    }

    @Test
    void dollarQuotesUntaggedAndTaggedWithNestedTags() {
        String function = """
                CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$
                BEGIN
                  EXECUTE $q$SELECT 'a;b'$q$;
                  RETURN $$x;$$;
                END;
                $fn$""";
        String script = function + ";\nSELECT $$a;'b$$, $tag_1$ $$ ; $tag_1$;\n";
        assertEquals(List.of(function, "SELECT $$a;'b$$, $tag_1$ $$ ; $tag_1$"), sqls(script));
    }

    @Test
    void positionalParametersAndDollarsInIdentifiersAreNotTags() {
        assertEquals(List.of("PREPARE p(int) AS SELECT $1 + $2", "SELECT 1 AS a$b", "SELECT 2"),
                sqls("PREPARE p(int) AS SELECT $1 + $2;SELECT 1 AS a$b;SELECT 2;"));
    }

    @Test
    void numbersEndBeforeADollarQuoteAndKeepTheirExponent() {
        assertEquals(List.of("SELECT 1$$a;b$$", "SELECT 1e5, 2.5E-3", "SELECT 4"),
                sqls("SELECT 1$$a;b$$;SELECT 1e5, 2.5E-3;SELECT 4;"));
    }

    @Test
    void doBlocks() {
        String block = "DO LANGUAGE plpgsql $$\nBEGIN\n  RAISE NOTICE 'a;b';\nEND\n$$";
        assertEquals(List.of(block, "DO 'BEGIN NULL; END'"), sqls(block + ";\nDO 'BEGIN NULL; END';"));
    }

    @Test
    void semicolonsInsideParenthesesDoNotEndTheStatement() {
        String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2))";
        assertEquals(List.of(rule, "SELECT 1"), sqls(rule + ";\nSELECT 1;"));
    }

    @Test
    void beginAtomicBodiesWithCaseInside() {
        String function = """
                CREATE OR REPLACE FUNCTION grade(score int) RETURNS text
                LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN score > 90 THEN 'A' ELSE 'B' END;
                  SELECT case when score > 50 then 'pass' end;
                END""";
        String procedure = "create procedure p() begin atomic insert into t values (1); insert into t values (2); end";
        assertEquals(List.of(function, procedure, "SELECT 1"),
                sqls(function + ";\n" + procedure + ";\nSELECT 1;"));
    }

    @Test
    void beginAtomicIsOnlyTrackedInRoutineDefinitions() {
        // A column named "begin" elsewhere must not swallow the following statements.
        assertEquals(List.of("SELECT 1 AS begin", "SELECT 2"), sqls("SELECT 1 AS begin;SELECT 2;"));
    }

    @Test
    void copyFromStdinCarriesItsData() {
        String script = """
                SET client_encoding = 'UTF8';
                COPY public.t (id, name) FROM stdin;
                1\tit's; fine
                2\t\\N
                \\.
                SELECT 1;
                """;
        List<Statement> statements = SqlSplitter.split(script);
        assertEquals(3, statements.size());
        Statement copy = statements.get(1);
        assertEquals("COPY public.t (id, name) FROM stdin", copy.sql());
        assertEquals(StatementKind.COPY_FROM_STDIN, copy.kind());
        assertEquals("1\tit's; fine\n2\t\\N\n", copy.copyData());
        assertEquals(2, copy.line());
        assertEquals("SELECT 1", statements.get(2).sql());
        assertEquals(6, statements.get(2).line());
        assertNull(statements.get(2).copyData());
    }

    @Test
    void copyWithOptionsAnyCaseEmptyDataAndEndMarkerAtEndOfScript() {
        List<Statement> statements = SqlSplitter.split(
                "copy t from STDIN with (format csv, header true); -- data follows\n\\.\ncopy t from stdin\n;\na,b\n\\.");
        assertEquals(2, statements.size());
        assertEquals(StatementKind.COPY_FROM_STDIN, statements.get(0).kind());
        assertEquals("", statements.get(0).copyData());
        assertEquals("a,b\n", statements.get(1).copyData());
    }

    @Test
    void copyToStdoutOrFromFileIsAnOrdinaryStatement() {
        List<Statement> statements = SqlSplitter.split(
                "COPY (SELECT * FROM stdin) TO stdout;COPY t FROM '/tmp/stdin';");
        assertEquals(StatementKind.TRANSACTIONAL, statements.get(0).kind());
        assertEquals(StatementKind.TRANSACTIONAL, statements.get(1).kind());
    }

    @Test
    void copyWithoutEndMarkerNamesTheCopyLine() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
                () -> SqlSplitter.split("SELECT 1;\n\nCOPY t FROM stdin;\n1\n2\n"));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("\\."), e.getMessage());
    }

    @Test
    void textAfterCopyOnTheSameLineIsRefused() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
                () -> SqlSplitter.split("COPY t FROM stdin; SELECT 1;\n1\n\\.\n"));
        assertEquals(1, e.line());
        assertEquals(20, e.column());
    }

    @Test
    void psqlMetaCommandsAreRefusedWithTheirLine() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
                () -> SqlSplitter.split("SELECT 1;\n\\i other.sql\nSELECT 2;"));
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("\\i"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("psql meta-commands cannot run in a migration"), e.getMessage());

        ScriptSyntaxException connect = assertThrows(ScriptSyntaxException.class,
                () -> SqlSplitter.split("-- switch\n  \\connect other\n"));
        assertEquals(2, connect.line());
        assertEquals(3, connect.column());
        assertTrue(connect.getMessage().contains("\\connect"), connect.getMessage());
    }

    @Test
    void endOfDataMarkerWithoutCopyIsExplained() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class, () -> SqlSplitter.split("SELECT 1;\n\\.\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("no such COPY precedes"), e.getMessage());
    }

    @Test
    void metaCommandInsideAStatementIsRefused() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
                () -> SqlSplitter.split("SELECT 1;\nSELECT 1 AS x \\gset\n"));
        assertEquals(2, e.line());
        assertEquals(15, e.column());
        assertTrue(e.getMessage().contains("\\gset"), e.getMessage());
    }

    @Test
    void restrictLinesFromPgDumpAreSkipped() {
        String script = "\\restrict AbC123xyz\nSET x = 1;\n\\unrestrict AbC123xyz\n";
        List<Statement> statements = SqlSplitter.split(script);
        assertEquals(1, statements.size());
        assertEquals("SET x = 1", statements.get(0).sql());
        assertEquals(2, statements.get(0).line());
    }

    @Test
    void unterminatedDollarQuoteNamesTagLineAndFix() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
                () -> SqlSplitter.split("SELECT 1;\n\nCREATE FUNCTION f() RETURNS int AS\n    $fn$ SELECT 1; $other$;\n"));
        assertEquals(4, e.line());
        assertEquals(5, e.column());
        assertEquals("unterminated dollar-quoted string $fn$ starting at line 4, column 5: add the closing $fn$",
                e.getMessage());
    }

    @Test
    void unterminatedStringsIdentifiersAndComments() {
        assertError("SELECT 1;\nSELECT 'abc;\n", 2, 8, "quoted string");
        assertError("SELECT E'abc\\';\n", 1, 8, "E'' string");
        assertError("SELECT \"abc;\n", 1, 8, "quoted identifier");
        assertError("SELECT 1;\n /* outer /* inner */ still open\n", 2, 2, "block comment");
        assertError("SELECT 1 /* open", 1, 10, "block comment");
    }

    @Test
    void unclosedParenthesisAndBeginAtomicAreReported() {
        assertError("SELECT 1;\nSELECT (1;\nSELECT 2;\n", 2, 8, "unclosed parenthesis");
        assertError("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n", 2, 1, "no matching END");
    }

    private static void assertError(String script, int line, int column, String text) {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class, () -> SqlSplitter.split(script));
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertTrue(e.getMessage().contains("line " + line + ", column " + column), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
    }

    @Test
    void positionOfMapsServerPositionsIntoTheFile() {
        List<Statement> statements = SqlSplitter.split("SELECT 1;\n  SELECT a,\n         bogus\n  FROM t;");
        Statement statement = statements.get(1);
        assertEquals(new SourcePosition(2, 3), statement.positionOf(1));
        assertEquals(new SourcePosition(2, 10), statement.positionOf(8)); // "a"
        assertEquals(new SourcePosition(3, 10), statement.positionOf(20)); // "bogus"
        assertEquals(new SourcePosition(4, 3), statement.positionOf(28)); // "FROM"
        assertEquals(new SourcePosition(2, 3), statement.positionOf(0));
    }

    @Test
    void positionOfCountsCharactersLikePostgres() {
        Statement statement = SqlSplitter.split("SELECT '\uD83D\uDE00', bogus").get(0);
        assertEquals(new SourcePosition(1, 13), statement.positionOf(13));
    }

    @Test
    void largeScriptSplitsCompletely() {
        StringBuilder script = new StringBuilder();
        int functions = 0;
        for (int i = 0; script.length() < 10_000_000; i++, functions++) {
            script.append("CREATE FUNCTION f").append(i).append("() RETURNS int LANGUAGE plpgsql AS $body$\n")
                    .append("BEGIN\n  RETURN ").append(i).append("; -- it's\nEND\n$body$;\n")
                    .append("INSERT INTO t VALUES (").append(i).append(", 'a;b', E'c\\'d', \"q;\");\n")
                    .append("/* block ; */ COPY t FROM stdin;\n");
            for (int row = 0; row < 20; row++) {
                script.append(row).append("\tsome data; with 'quotes' and padding padding padding\n");
            }
            script.append("\\.\n");
        }
        List<Statement> statements = SqlSplitter.split(script.toString());
        assertEquals(3 * functions, statements.size());
        assertEquals(StatementKind.COPY_FROM_STDIN, statements.get(statements.size() - 1).kind());
    }
}
