package com.hotgigs.migrate.flyway;

import com.hotgigs.migrate.migration.ScriptText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Flyway's checksum: the CRC-32 of the lines' bytes without their endings. The real Flyway's values
 * are checked against this in the it module (FlywaySwitchIT), where Flyway's own Maven plugin records them.
 */
class FlywayChecksumTest {

    private static int crc(String bytesOfLines) {
        CRC32 crc = new CRC32();
        crc.update(bytesOfLines.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Test
    void isTheCrcOfTheLinesWithoutTheirEndings() {
        assertEquals(crc("CREATE TABLE a (id int);SELECT 1;"), FlywayChecksum.of(ScriptText.of("CREATE TABLE a (id int);\nSELECT 1;\n")));
        assertEquals(crc("héllo"), FlywayChecksum.of(ScriptText.of("héllo")));
    }

    @Test
    void lineEndingsAndAByteOrderMarkDoNotChangeIt() {
        int plain = FlywayChecksum.of(ScriptText.of("a\nb\n\nc\n"));
        assertEquals(plain, FlywayChecksum.of(ScriptText.of("a\r\nb\r\n\r\nc\r\n")));
        assertEquals(plain, FlywayChecksum.of(ScriptText.of("\uFEFFa\rb\r\rc\r")));
        assertEquals(plain, FlywayChecksum.of(ScriptText.of("a\nb\nc")));
    }

    @Test
    void anyOtherEditChangesIt() {
        assertNotEquals(FlywayChecksum.of(ScriptText.of("SELECT 1;\n")), FlywayChecksum.of(ScriptText.of("SELECT  1;\n")));
    }

    @Test
    void isSignedAsFlywayStoresIt() {
        // CRC-32 of "a" is 0xE8B7BE43, stored by Flyway as a negative int.
        assertEquals(0xE8B7BE43, FlywayChecksum.of(ScriptText.of("a\n")));
    }
}
