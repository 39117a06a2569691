package com.hotgigs.migrate.migration;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {

    @Test
    void leadingZerosAndTrailingZeroSegmentsDoNotCount() {
        assertEquals(Version.parse("001"), Version.parse("1"));
        assertEquals(Version.parse("1"), Version.parse("1.0"));
        assertEquals(Version.parse("1.0.0").hashCode(), Version.parse("01").hashCode());
        assertNotEquals(Version.parse("1.0.1"), Version.parse("1"));
    }

    @Test
    void comparesNumericallySegmentBySegment() {
        List<Version> versions = new ArrayList<>();
        for (String text : List.of("10", "2.1", "002", "1.10", "1.9", "20240126", "2.0.1")) {
            versions.add(Version.parse(text));
        }
        Collections.sort(versions);
        assertEquals(List.of("1.9", "1.10", "002", "2.0.1", "2.1", "10", "20240126"),
                versions.stream().map(Version::text).toList());
    }

    @Test
    void keepsTheSpellingForHistory() {
        assertEquals("001", Version.parse("001").text());
    }

    @Test
    void refusesAnythingButDigitsAndDots() {
        for (String bad : List.of("", "v1", "1.", ".1", "1..2", "1_2", "1a", "-1")) {
            assertFalse(Version.isValid(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Version.parse(bad), bad);
        }
        assertTrue(Version.isValid("99999999999999999999999"));
    }
}
