package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.sql.SourcePosition;
import com.hotgigs.migrate.sql.SqlSplitter;
import com.hotgigs.migrate.sql.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaceholdersTest {

    private static final Placeholders VALUES = Placeholders.of(Map.of("app_role", "hotgigs_app", "db_password", "s3cr3t-x"),
            true, "public", "schema_migrations", "migrator", "hotgigs_db");

    private static Migration migration(String script, String text) {
        return new Migration(Version.parse("001"), "grants", script, "filesystem:db", ScriptText.of(text),
                Checksum.of(ScriptText.of(text)));
    }

    @Test
    void replacesEverywhereTheSplitterLooksAndKeepsTheChecksumOfTheTextAsWritten() {
        String written = """
                -- grants for ${app_role}
                GRANT SELECT ON ALL TABLES IN SCHEMA ${hotgigs:schema} TO ${app_role};
                DO $$ BEGIN EXECUTE 'GRANT USAGE ON SCHEMA public TO ${app_role}'; END $$;
                SELECT '${hotgigs:filename}', '${hotgigs:database}', '${hotgigs:user}', '${hotgigs:table}';
                """;
        Migration original = migration("sub/001_grants.sql", written);

        Migration replaced = VALUES.applyTo(original);

        assertEquals("""
                -- grants for hotgigs_app
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO hotgigs_app;
                DO $$ BEGIN EXECUTE 'GRANT USAGE ON SCHEMA public TO hotgigs_app'; END $$;
                SELECT '001_grants.sql', 'hotgigs_db', 'migrator', 'schema_migrations';
                """, replaced.sql().text());
        assertEquals(original.checksum(), replaced.checksum());
        List<Statement> statements = SqlSplitter.split(replaced.sql().text());
        assertEquals(List.of(2, 3, 4), statements.stream().map(Statement::line).toList());
    }

    @Test
    void theSplitterSeesTheValuesThatAreSent() {
        Placeholders semicolons = Placeholders.of(Map.of("inside", "a;b", "outside", "1; SELECT 3"), true, "public", "t", "u", "d");
        Migration replaced = semicolons.applyTo(migration("001_q.sql", "SELECT '${inside}'; SELECT ${outside};\n"));

        List<Statement> statements = SqlSplitter.split(replaced.sql().text());

        assertEquals(List.of("SELECT 'a;b'", "SELECT 1", "SELECT 3"),
                statements.stream().map(s -> s.sql().strip().replaceAll(";$", "")).toList());
    }

    @Test
    void aPositionInTheSentTextIsToldAsTheFileHasIt() {
        Placeholders values = Placeholders.of(Map.of("long", "a_much_longer_value", "lines", "1,\n2"), true, "public", "t", "u", "d");
        Migration replaced = values.applyTo(migration("001_p.sql", "SELECT ${long}, nope FROM x;\nSELECT ${lines}, ${long} nope;\n"));
        String sent = replaced.sql().text();
        assertEquals("SELECT a_much_longer_value, nope FROM x;\nSELECT 1,\n2, a_much_longer_value nope;\n", sent);

        // "nope" on line 1: column 29 as sent, 17 as written.
        assertEquals(new SourcePosition(1, 17), replaced.sql().asWritten(new SourcePosition(1, 29)));
        // Inside a value: its placeholder's '$'.
        assertEquals(new SourcePosition(1, 8), replaced.sql().asWritten(new SourcePosition(1, 12)));
        // After a value with a line break: line 3 as sent is line 2 as written.
        assertEquals(new SourcePosition(2, 26), replaced.sql().asWritten(new SourcePosition(3, 24)));
        // Just after the last character of a line, where the server points at the end of input.
        assertEquals(new SourcePosition(2, 31), replaced.sql().asWritten(new SourcePosition(3, 29)));
        // Before any placeholder, and in a text without any, nothing moves.
        assertEquals(new SourcePosition(1, 3), replaced.sql().asWritten(new SourcePosition(1, 3)));
        assertEquals(new SourcePosition(4, 2), new ScriptText("x").asWritten(new SourcePosition(4, 2)));
    }

    @Test
    void aPlaceholderWithNoValueNamesFileLineAndName() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> VALUES.applyTo(migration("001_grants.sql", "SELECT 1;\n\nGRANT SELECT ON t TO ${reader_role};\n")));

        assertEquals(ErrorCode.UNKNOWN_PLACEHOLDER, e.code());
        assertTrue(e.getMessage().startsWith("filesystem:db/001_grants.sql line 3, column 22: the placeholder '${reader_role}' has no value"),
                e.getMessage());
        assertTrue(e.getMessage().contains("-Dhotgigs.placeholders.reader_role="), e.getMessage());
        assertTrue(e.getMessage().contains("app_role, db_password"), e.getMessage());
    }

    @Test
    void anUnknownBuiltInIsNamedWithTheKnownOnes() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> VALUES.applyTo(migration("001_grants.sql", "SELECT '${hotgigs:shema}';\n")));

        assertTrue(e.getMessage().contains("'${hotgigs:shema}' has no value"), e.getMessage());
        assertTrue(e.getMessage().contains("${hotgigs:schema}, ${hotgigs:table}"), e.getMessage());

        ConfigurationException flyway = assertThrows(ConfigurationException.class,
                () -> VALUES.applyTo(migration("001_grants.sql", "GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO x;\n")));
        assertTrue(flyway.getMessage().contains("a script written for Flyway: its built-in ${flyway:defaultSchema} is "
                + "${hotgigs:schema} here; rename it"), flyway.getMessage());

        ConfigurationException timestamp = assertThrows(ConfigurationException.class,
                () -> VALUES.applyTo(migration("020_ph.sql", "SELECT '${flyway:timestamp}';\n")));
        assertTrue(timestamp.getMessage().contains("its built-in ${flyway:timestamp} has no counterpart here"), timestamp.getMessage());
        assertTrue(timestamp.getMessage().contains("<placeholders><timestamp>"), timestamp.getMessage());
    }

    @Test
    void anUnterminatedPlaceholderIsAnErrorAtItsLine() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> VALUES.applyTo(migration("001_grants.sql", "SELECT 1;\nSELECT '${app_role';\nSELECT '}';\n")));

        assertTrue(e.getMessage().startsWith("filesystem:db/001_grants.sql line 2, column 9: '${' is not closed by '}' on its line"),
                e.getMessage());
        assertTrue(e.getMessage().contains("-- hotgigs:placeholders off"), e.getMessage());
    }

    @Test
    void theDirectiveBeforeTheFirstStatementSwitchesAFileOff() {
        Migration off = migration("001_js.sql", "-- plv8 template strings\n-- hotgigs:placeholders off\nSELECT '${x}';\n");
        Migration late = migration("001_js.sql", "SELECT 1;\n-- hotgigs:placeholders off\nSELECT '${x}';\n");

        assertSame(off, VALUES.applyTo(off));
        ConfigurationException misplaced = assertThrows(ConfigurationException.class, () -> VALUES.applyTo(late));
        assertTrue(misplaced.getMessage().contains("line 2: '-- hotgigs:placeholders off' comes after the script's first statement"
                + " (line 1)"), misplaced.getMessage());
    }

    @Test
    void theDirectiveAfterABlockCommentCountsAndInsideOneIsNoDirective() {
        Migration afterBlock = migration("001_js.sql", "/* templates\n   for the app */\n-- hotgigs:placeholders off\nSELECT '${x}';\n");
        Migration insideBlock = migration("001_js.sql", "/*\n-- hotgigs:placeholders off\n*/\nSELECT '${app_role}';\n");

        assertSame(afterBlock, VALUES.applyTo(afterBlock));
        assertEquals("/*\n-- hotgigs:placeholders off\n*/\nSELECT 'hotgigs_app';\n", VALUES.applyTo(insideBlock).sql().text());
    }

    @Test
    void aDirectiveValueOtherThanOffIsAnErrorNotIgnored() {
        for (String value : List.of("OFF", "maybe", "", "off please")) {
            Migration script = migration("007_on.sql", "-- hotgigs:placeholders " + value + "\nSELECT '${app_role}';\n");

            ConfigurationException e = assertThrows(ConfigurationException.class, () -> VALUES.applyTo(script), value);

            assertEquals(ErrorCode.SCRIPT_DIRECTIVE, e.code());
            assertTrue(e.getMessage().contains(("007_on.sql line 1: '-- hotgigs:placeholders " + value).strip() + "' has no setting"),
                    e.getMessage());
        }
    }

    @Test
    void replacementSwitchedOffGloballyLeavesEveryScriptAsWritten() {
        Placeholders none = Placeholders.of(Map.of(), false, "public", "t", "u", "d");
        Migration script = migration("001_x.sql", "SELECT '${anything}';\n");

        assertSame(script, none.applyTo(script));
    }

    @Test
    void secretValuesAreRedactedAndOthersKept() {
        assertTrue(Placeholders.isSecret("db_password"));
        assertTrue(Placeholders.isSecret("API_TOKEN"));
        assertFalse(Placeholders.isSecret("app_role"));
        assertTrue(VALUES.hasSecrets());
        assertEquals("ALTER ROLE hotgigs_app PASSWORD '${db_password}'",
                VALUES.redact("ALTER ROLE hotgigs_app PASSWORD 's3cr3t-x'"));
    }

    @Test
    void aShortSecretIsHiddenWhereItStandsAloneAndOneHoldingAnotherIsHiddenWhole() {
        Placeholders short_ = Placeholders.of(Map.of("api_token", "2", "db_password", "abc123xyz", "old_password", "abc123"), true,
                "public", "schema_migrations", "app", "db");

        // Not "00${api_token}_secret" and "SQLSTATE ${api_token}${api_token}01${api_token}": that would tell the token.
        assertEquals("Migration 002_secret failed at line 7 (SQLSTATE 22012): token ${api_token} refused",
                short_.redact("Migration 002_secret failed at line 7 (SQLSTATE 22012): token 2 refused"));
        assertEquals("password '${db_password}', was '${old_password}', in x${db_password}",
                short_.redact("password 'abc123xyz', was 'abc123', in xabc123xyz"));
    }
}
