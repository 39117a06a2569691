package com.hotgigs.migrate.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows {@code standard_conforming_strings} through a script, as psql does: from the server's own
 * value for the session, through every SET and RESET of it. While it is off, a backslash escapes the
 * next character in every '...' string, so {@code 'it\'s'} is one string.
 * Only statements starting with SET or RESET are looked at, so the pattern runs on few, short texts.
 */
final class StringEscapeSetting {
    private static final Pattern SET = Pattern.compile(
            "(?is)set\\s+(?:session\\s+|local\\s+)?standard_conforming_strings\\s*(?:=|\\s+to\\s+)\\s*'?([a-z0-9]+)'?\\s*");
    private static final Pattern RESET = Pattern.compile("(?is)reset\\s+(?:all|standard_conforming_strings)\\s*");

    private final boolean sessionDefault;
    private boolean standardStrings;

    /** @param sessionDefault the server's value for the session the script runs in, which RESET returns to */
    StringEscapeSetting(boolean sessionDefault) {
        this.sessionDefault = sessionDefault;
        this.standardStrings = sessionDefault;
    }

    /** Whether a backslash in a plain '...' string escapes the next character. */
    boolean backslashEscapes() {
        return !standardStrings;
    }

    /** Notes a statement's effect on the setting, if it has any. */
    void statement(String sql) {
        Matcher set = SET.matcher(sql);
        if (set.matches()) {
            standardStrings = switch (set.group(1).toLowerCase(Locale.ROOT)) {
                case "off", "false", "no", "0" -> false;
                case "default" -> sessionDefault;
                default -> true;
            };
        } else if (RESET.matcher(sql).matches()) {
            standardStrings = sessionDefault;
        }
    }
}
