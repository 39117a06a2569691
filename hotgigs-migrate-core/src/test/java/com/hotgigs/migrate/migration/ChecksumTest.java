package com.hotgigs.migrate.migration;

import org.junit.jupiter.api.Test;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChecksumTest {

    @Test
    void isSha256OfTheUtf8BytesInLowercaseHex() throws Exception {
        // An independent implementation of the same digest: coreutils.
        assertEquals(sha256sum("SELECT 1;\n"), Checksum.of(ScriptText.of("SELECT 1;\n")).hex());
    }

    @Test
    void lineEndingsAndByteOrderMarkDoNotChangeIt() throws Exception {
        Checksum unix = Checksum.of(ScriptText.decode("CREATE TABLE a (id int);\nSELECT 'é';\n".getBytes(StandardCharsets.UTF_8)));
        Checksum windows = Checksum.of(ScriptText.decode("\uFEFFCREATE TABLE a (id int);\r\nSELECT 'é';\r\n".getBytes(StandardCharsets.UTF_8)));
        Checksum oldMac = Checksum.of(ScriptText.decode("CREATE TABLE a (id int);\rSELECT 'é';\r".getBytes(StandardCharsets.UTF_8)));
        assertEquals(unix, windows);
        assertEquals(unix, oldMac);
    }

    @Test
    void anyOtherEditChangesIt() {
        Checksum original = Checksum.of(ScriptText.of("CREATE TABLE a (id int);\n"));
        assertNotEquals(original, Checksum.of(ScriptText.of("CREATE TABLE a (id int); \n")));
        assertNotEquals(original, Checksum.of(ScriptText.of("CREATE TABLE a (id int);\n\n")));
        assertNotEquals(original, Checksum.of(ScriptText.of("create table a (id int);\n")));
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        assertThrows(CharacterCodingException.class, () -> ScriptText.decode(new byte[] {'S', (byte) 0xE9, ';'}));
    }

    private static String sha256sum(String text) throws Exception {
        Process process = new ProcessBuilder("sha256sum").start();
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        process.waitFor();
        return output.substring(0, 64);
    }
}
