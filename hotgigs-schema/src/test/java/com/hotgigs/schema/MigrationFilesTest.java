package com.hotgigs.schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The files stay plain PostgreSQL 12 SQL that both the engine and psql accept: checked on the text,
 * because the test server is newer than 12 and would accept newer syntax.
 */
class MigrationFilesTest {

    /** Syntax newer than PostgreSQL 12, or what the engine or plain psql -f would refuse. */
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("(?im)^\\s*(BEGIN|COMMIT|ROLLBACK|START\\s+TRANSACTION)\\s*;"),
            Pattern.compile("(?m)^\\s*\\\\"),
            Pattern.compile("(?i)\\bCONCURRENTLY\\b"),
            Pattern.compile("(?i)\\bIF\\s+NOT\\s+EXISTS\\b"),
            Pattern.compile("(?i)\\bgen_random_uuid\\s*\\("),
            Pattern.compile("(?i)\\bpg_current_xact_id\\b"),
            Pattern.compile("(?i)\\bCREATE\\s+OR\\s+REPLACE\\s+TRIGGER\\b"),
            Pattern.compile("(?i)^\\s*MERGE\\s+INTO\\b", Pattern.MULTILINE),
            Pattern.compile("(?i)\\bNULLS\\s+NOT\\s+DISTINCT\\b"),
            Pattern.compile("(?i)\\bCREATE\\s+EXTENSION\\b"),
            Pattern.compile("(?i)\\bBEGIN\\s+ATOMIC\\b"),
            Pattern.compile("(?i)\\bmultirange\\b"));

    @ParameterizedTest
    @ValueSource(strings = {"001_initial_schema.sql", "002_comprehensive_ats_system.sql"})
    void isPlainPostgresql12Sql(String file) throws IOException {
        String sql = read(file);
        List<String> found = new ArrayList<>();
        for (Pattern pattern : FORBIDDEN) {
            Matcher m = pattern.matcher(stripComments(sql));
            while (m.find()) {
                found.add(m.group().trim());
            }
        }
        assertEquals(List.of(), found, file + " uses syntax a PostgreSQL 12 server, the engine or psql -f would refuse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"001_initial_schema.sql", "002_comprehensive_ats_system.sql"})
    void everyCreatedTableIsCommented(String file) throws IOException {
        String sql = stripComments(read(file));
        Matcher created = Pattern.compile("(?i)CREATE TABLE (\\w+)").matcher(sql);
        List<String> uncommented = new ArrayList<>();
        while (created.find()) {
            if (!sql.contains("COMMENT ON TABLE " + created.group(1) + " IS")) {
                uncommented.add(created.group(1));
            }
        }
        assertEquals(List.of(), uncommented, file);
    }

    private static String read(String file) throws IOException {
        try (InputStream in = MigrationFilesTest.class.getClassLoader().getResourceAsStream("db/hotgigs/" + file)) {
            assertNotNull(in, "db/hotgigs/" + file + " on the classpath");
            byte[] bytes = in.readAllBytes();
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new AssertionError(file + " is not valid UTF-8", e);
            }
        }
    }

    /** Line comments only: the files use no block comments, and comments may name forbidden words. */
    private static String stripComments(String sql) {
        return sql.replaceAll("(?m)--.*$", "");
    }
}
