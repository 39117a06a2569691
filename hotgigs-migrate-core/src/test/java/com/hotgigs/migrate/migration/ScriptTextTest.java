package com.hotgigs.migrate.migration;

import org.junit.jupiter.api.Test;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScriptTextTest {

    @Test
    void decodesUtf8DroppingTheByteOrderMarkAndNormalizingLineEndings() throws CharacterCodingException {
        byte[] bytes = "\uFEFFCREATE TABLE caf\u00e9 (id int);\r\nSELECT 1;\rSELECT 2;\n".getBytes(StandardCharsets.UTF_8);

        assertEquals("CREATE TABLE caf\u00e9 (id int);\nSELECT 1;\nSELECT 2;\n", ScriptText.decode(bytes).text());
    }

    @Test
    void keepsARealReplacementCharacter() throws CharacterCodingException {
        byte[] bytes = "SELECT '\uFFFD';\n".getBytes(StandardCharsets.UTF_8);

        assertEquals("SELECT '\uFFFD';\n", ScriptText.decode(bytes).text());
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] overlongSlash = {'S', 'E', 'L', (byte) 0xC0, (byte) 0xAF};
        byte[] encodedSurrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};

        assertThrows(CharacterCodingException.class, () -> ScriptText.decode(latin1));
        assertThrows(CharacterCodingException.class, () -> ScriptText.decode(overlongSlash));
        assertThrows(CharacterCodingException.class, () -> ScriptText.decode(encodedSurrogate));
    }
}
