package com.hotgigs.migrate.report;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JUnitReportSecondsTest {

    @Test
    void secondsReadAsTheFormatterPrintsThem() {
        long[] samples = {0, 1, 9, 10, 99, 100, 999, 1000, 1001, 1010, 1100, 59_999, 3_600_000, 86_400_123, Integer.MAX_VALUE, -1, -1500};
        for (long ms : samples) {
            assertEquals(String.format(Locale.ROOT, "%.3f", ms / 1000.0), JUnitReport.seconds(ms), ms + " ms");
        }
        for (long ms = 0; ms < 20_000; ms += 7) {
            assertEquals(String.format(Locale.ROOT, "%.3f", ms / 1000.0), JUnitReport.seconds(ms), ms + " ms");
        }
    }
}
