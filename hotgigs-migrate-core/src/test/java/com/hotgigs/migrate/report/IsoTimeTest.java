package com.hotgigs.migrate.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsoTimeTest {

    @Test
    void printsWhatTheIsoFormattersPrint() {
        Random random = new Random(18);
        int[] nanos = {0, 1, 10, 100_000, 120_000_000, 123_456_000, 123_456_789, 999_999_999, 500_000_000};
        int[] offsets = {0, 3600, -3600, 19_800, -34_200, 3661, -45_296, 64_800, -64_800};
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime local = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextBoolean() ? nanos[random.nextInt(nanos.length)] : random.nextInt(1_000_000_000));
            OffsetDateTime offset = OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(offsets[random.nextInt(offsets.length)]));
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local), local(local));
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(offset), offset(offset));
        }
    }

    @Test
    void yearsTheFormatterSignsAreLeftToIt() {
        for (int year : new int[] {-1, 10_000, 123_456}) {
            OffsetDateTime time = OffsetDateTime.of(year, 3, 4, 5, 6, 7, 8, ZoneOffset.ofHours(2));
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time), offset(time));
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time.toLocalDateTime()), local(time.toLocalDateTime()));
        }
    }

    @Test
    void appendsToWhatIsThere() {
        StringBuilder text = new StringBuilder("on ");
        IsoTime.appendOffsetDateTime(text, OffsetDateTime.of(2026, 12, 2, 5, 50, 36, 0, ZoneOffset.UTC));
        assertEquals("on 2026-12-02T05:50:36Z", text.toString());
    }

    private static String local(LocalDateTime time) {
        StringBuilder text = new StringBuilder();
        IsoTime.appendLocalDateTime(text, time);
        return text.toString();
    }

    private static String offset(OffsetDateTime time) {
        StringBuilder text = new StringBuilder();
        IsoTime.appendOffsetDateTime(text, time);
        return text.toString();
    }
}
