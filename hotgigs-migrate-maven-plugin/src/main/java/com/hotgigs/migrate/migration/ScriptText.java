package com.hotgigs.migrate.migration;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A script's text as the engine checksums and runs it: UTF-8 decoded, BOM dropped, line endings LF. */
public record ScriptText(String text) {

    /**
     * @throws CharacterCodingException when the bytes are not UTF-8, which would make the checksum
     *                                  depend on the platform's charset
     */
    public static ScriptText decode(byte[] bytes) throws CharacterCodingException {
        // The lenient decoder is several times faster; it marks bad input with U+FFFD, and only a
        // script that holds one (bad input or a real U+FFFD) needs the strict decoder to tell which.
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return of(lenient);
        }
        String decoded = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return of(decoded);
    }

    public static ScriptText of(String text) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new ScriptText(normalizeLineEndings(withoutBom));
    }

    private static String normalizeLineEndings(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
