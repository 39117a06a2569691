package com.hotgigs.migrate.report;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} and {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME}
 * print them, character for character, written by hand: a report of a thousand migrations formats a
 * thousand of them once, in a JVM that has not compiled the formatter's general code yet, and there
 * the formatter cost tens of milliseconds.
 */
final class IsoTime {

    private IsoTime() {
    }

    /** As {@code ISO_OFFSET_DATE_TIME}: {@code 2026-12-02T05:50:36.123Z}, {@code 2026-12-02T07:50:36+02:00}. */
    static void appendOffsetDateTime(StringBuilder text, OffsetDateTime time) {
        if (!appendLocal(text, time.toLocalDateTime())) {
            text.append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
            return;
        }
        int offset = time.getOffset().getTotalSeconds();
        if (offset == 0) {
            text.append('Z');
            return;
        }
        int absolute = Math.abs(offset);
        text.append(offset < 0 ? '-' : '+');
        two(text, absolute / 3600).append(':');
        two(text, absolute / 60 % 60);
        if (absolute % 60 != 0) {
            two(text.append(':'), absolute % 60);
        }
    }

    /** As {@code ISO_LOCAL_DATE_TIME}: {@code 2026-12-02T05:50:36}. */
    static void appendLocalDateTime(StringBuilder text, LocalDateTime time) {
        if (!appendLocal(text, time)) {
            text.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time));
        }
    }

    /** @return false, having written nothing, for a year the formatter would print with a sign */
    private static boolean appendLocal(StringBuilder text, LocalDateTime time) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        int start = text.length();
        text.append(year);
        for (int width = text.length() - start; width < 4; width++) {
            text.insert(start, '0');
        }
        two(text.append('-'), time.getMonthValue());
        two(text.append('-'), time.getDayOfMonth());
        two(text.append('T'), time.getHour());
        two(text.append(':'), time.getMinute());
        two(text.append(':'), time.getSecond());
        int nano = time.getNano();
        if (nano != 0) {
            // As many digits as the fraction needs, trailing zeros dropped.
            String digits = Integer.toString(1_000_000_000 + nano).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return true;
    }

    private static StringBuilder two(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }
}
