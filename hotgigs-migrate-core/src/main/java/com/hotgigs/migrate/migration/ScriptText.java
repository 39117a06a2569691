package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.sql.SourcePosition;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A script's text as the engine checksums and runs it: UTF-8 decoded, BOM dropped, line endings LF.
 *
 * @param written for a text whose placeholders were replaced, where they stood in the file, to tell positions
 *                as the file has them; null when the text is the file's
 */
public record ScriptText(String text, WrittenPositions written) {

    private static final String BOM = "\uFEFF";

    public ScriptText(String text) {
        this(text, null);
    }

    /** The position in the file of one in this text, which differ where placeholders were replaced. */
    public SourcePosition asWritten(SourcePosition position) {
        return written == null ? position : written.of(position);
    }

    /** Equal texts run alike, whatever placeholders made them: a fleet's targets share one preparation. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ScriptText script && text.equals(script.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /**
     * @throws CharacterCodingException when the bytes are not UTF-8, which would make the checksum
     *                                  depend on the platform's charset
     */
    public static ScriptText decode(byte[] bytes) throws CharacterCodingException {
        return of(decodeUtf8(bytes, bytes.length));
    }

    public static ScriptText of(String text) {
        if (isNormalized(text)) {
            return new ScriptText(text);
        }
        String withoutBom = text.startsWith(BOM) ? text.substring(BOM.length()) : text;
        return new ScriptText(withoutBom.replace("\r\n", "\n").replace('\r', '\n'));
    }

    /** True when {@link #of} keeps the text as it is: it has no BOM and no carriage return. */
    static boolean isNormalized(String text) {
        return !text.startsWith(BOM) && text.indexOf('\r') < 0;
    }

    /** The first {@code length} bytes as UTF-8, refusing anything that is not. */
    static String decodeUtf8(byte[] bytes, int length) throws CharacterCodingException {
        // The lenient decoder is several times faster; it marks bad input with U+FFFD, and only a
        // script that holds one (bad input or a real U+FFFD) needs the strict decoder to tell which.
        String lenient = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        ByteBuffer input = ByteBuffer.wrap(bytes, 0, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(input)
                    .toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first byte it cannot read.
            throw new NotUtf8(bytes, input.position());
        }
    }

    /** Bytes that are not UTF-8, and where the first of them is, counted as an editor shows it. */
    public static final class NotUtf8 extends CharacterCodingException {
        private final int line;
        private final int column;
        private final int badByte;

        NotUtf8(byte[] bytes, int offset) {
            int lineStart = 0;
            int lines = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    lines++;
                    lineStart = i + 1;
                }
            }
            this.line = lines;
            // Characters before it on its line: UTF-8 continuation bytes (10xxxxxx) start none.
            int characters = 0;
            for (int i = lineStart; i < offset; i++) {
                characters += (bytes[i] & 0xC0) == 0x80 ? 0 : 1;
            }
            this.column = characters + 1;
            this.badByte = offset < bytes.length ? bytes[offset] & 0xFF : -1;
        }

        /** Line 1, column 5, byte 0xE9. */
        public String where() {
            return "line " + line + ", column " + column + (badByte < 0 ? "" : String.format(" (byte 0x%02X)", badByte));
        }
    }
}
