package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresVersionTest {

    @Test
    void everySupportedMajorHasBinaries() {
        List<Integer> majors = new ArrayList<>(PostgresVersion.supportedMajors());
        assertEquals(List.of(12, 13, 14, 15, 16, 17, 18), majors);
        for (int major : majors) {
            PostgresVersion version = PostgresVersion.of(String.valueOf(major));
            assertEquals(major, version.major());
            assertTrue(version.binaries().startsWith(major + "."), version.binaries());
        }
    }

    @Test
    void majorMapsToTheBinariesThePomPins() {
        assertEquals("15.19.0", PostgresVersion.of("15").binaries());
    }

    @Test
    void fullVersionOverridesTheMap() {
        assertEquals("14.22.0", PostgresVersion.of(" 14.22.0 ").binaries());
        assertEquals(14, PostgresVersion.of("14.22.0").major());
    }

    @Test
    void unsupportedMajorNamesWhatIsSupported() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PostgresVersion.of("11"));
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertEquals("Setting 'postgresVersion' (hotgigs.postgresVersion) has the unsupported value '11': expected a major version of "
                + "[12, 13, 14, 15, 16, 17, 18], or a full binaries version such as 15.19.0.", e.getMessage());
    }

    @Test
    void garbageIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> PostgresVersion.of("latest"));
        assertTrue(e.getMessage().startsWith("Setting 'postgresVersion' (hotgigs.postgresVersion) has the invalid value 'latest'"), e.getMessage());
    }
}
