package com.hotgigs.migrate.flyway;

import com.hotgigs.migrate.migration.ScriptText;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a SQL migration, computed the way Flyway computes it: the file is
 * read line by line, each line without its line ending (LF, CRLF or a lone CR) and with a byte
 * order mark dropped from the first, and the UTF-8 bytes of the lines are fed in turn to one CRC-32,
 * whose value is kept as a signed 32-bit integer. So neither line endings nor a BOM change it.
 */
public final class FlywayChecksum {

    private FlywayChecksum() {
    }

    /**
     * @param script the text as the engine reads it, BOM dropped and line endings already LF: the
     *               lines are what lies between the LFs
     */
    public static int of(ScriptText script) {
        CRC32 crc = new CRC32();
        String text = script.text();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            byte[] line = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
            crc.update(line, 0, line.length);
            start = end + 1;
        }
        return (int) crc.getValue();
    }
}
