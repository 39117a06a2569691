package com.hotgigs.migrate.report;

/** JSON string literals (RFC 8259), so reports need no JSON library. */
public final class JsonString {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonString() {
    }

    /** The value as a quoted, escaped JSON string, or {@code null} for null. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                // Valid JSON, but not valid JavaScript when embedded in a script.
                case '\u2028', '\u2029' -> unicode(json, c);
                default -> {
                    if (c < 0x20) {
                        unicode(json, c);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static void unicode(StringBuilder json, char c) {
        json.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
