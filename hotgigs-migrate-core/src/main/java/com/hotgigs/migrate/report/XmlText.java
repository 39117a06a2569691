package com.hotgigs.migrate.report;

/** XML 1.0 text and attribute values, so reports need no XML library. */
final class XmlText {

    private XmlText() {
    }

    /**
     * The value escaped for element text or a double-quoted attribute. Characters XML 1.0 cannot
     * hold at all (control characters other than tab, newline and carriage return, lone
     * surrogates) become U+FFFD: a server message must not make the whole report unreadable.
     */
    static String escape(String value) {
        StringBuilder xml = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                // Kept as references so that attribute values keep their line breaks and tabs.
                case '\n' -> xml.append("&#10;");
                case '\r' -> xml.append("&#13;");
                case '\t' -> xml.append("&#9;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        xml.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                        xml.append('\uFFFD');
                    } else {
                        xml.append(c);
                    }
                }
            }
        }
        return xml.toString();
    }
}
