package com.hotgigs.migrate.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonStringTest {

    @Test
    void quotesPlainText() {
        assertEquals("\"002_comprehensive_ats_system\"", JsonString.quote("002_comprehensive_ats_system"));
    }

    @Test
    void nullIsTheJsonNull() {
        assertEquals("null", JsonString.quote(null));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"say \\\"hi\\\" C:\\\\dir\\n\\r\\t\\b\\f\\u0000\\u001f\"",
                JsonString.quote("say \"hi\" C:\\dir\n\r\t\b\f\u0000\u001f"));
    }

    @Test
    void escapesTheLineSeparatorsJavaScriptRejects() {
        assertEquals("\"a\\u2028b\\u2029c\"", JsonString.quote("a\u2028b\u2029c"));
    }

    @Test
    void keepsNonAsciiTextAsIs() {
        assertEquals("\"café – 日本\"", JsonString.quote("café – 日本"));
    }
}
