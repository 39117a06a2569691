package com.hotgigs.migrate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationSettingTest {

    @Test
    void readsTheFormsPeopleWrite() {
        assertEquals(Duration.ofMillis(500), DurationSetting.parse("lockTimeout", "500ms"));
        assertEquals(Duration.ofSeconds(2), DurationSetting.parse("lockTimeout", " 2s "));
        assertEquals(Duration.ofMinutes(1), DurationSetting.parse("lockTimeout", "1m"));
        assertEquals(Duration.ofMinutes(3), DurationSetting.parse("lockTimeout", "3min"));
        assertEquals(Duration.ofHours(1), DurationSetting.parse("lockTimeout", "1H"));
        assertEquals(Duration.ZERO, DurationSetting.parse("lockTimeout", "0"));
        assertEquals(Duration.ZERO, DurationSetting.parse("lockTimeout", "OFF"));
    }

    @Test
    void refusesABareNumberOrAnUnknownUnitNamingTheSettingAndTheForms() {
        for (String value : new String[] {"2", "2 seconds", "-1s", "1.5s", "", "fast"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> DurationSetting.parse("statementTimeout", value));
            assertEquals("Setting 'statementTimeout' (hotgigs.statementTimeout) has the invalid value '" + value + "': expected a "
                    + "duration with its unit, such as 500ms, 2s, 1m or 1h, or 0 (or off) for none.", e.getMessage());
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        }
    }

    @Test
    void formatsWhatItReadsBack() {
        assertEquals("500ms", DurationSetting.format(Duration.ofMillis(500)));
        assertEquals("1m", DurationSetting.format(Duration.ofMinutes(1)));
        assertEquals("90s", DurationSetting.format(Duration.ofSeconds(90)));
        assertEquals("99999999h", DurationSetting.format(DurationSetting.parse("lockTimeout", "99999999h")));
        assertEquals("off", DurationSetting.format(Duration.ZERO));
    }

    @Test
    void theConfigurationRefusesNegativeRetriesAndTimeoutsPostgresCannotHold() {
        MigratorConfig.Builder builder = MigratorConfig.builder().url("jdbc:postgresql://localhost/db");
        assertEquals("Setting 'lockRetries' (hotgigs.lockRetries) has the invalid value '-1': expected zero (no retry) or more retries.",
                assertThrows(ConfigurationException.class, () -> builder.lockRetries(-1).build()).getMessage());
        assertEquals("Setting 'lockTimeout' (hotgigs.lockTimeout) has the invalid value '720h': expected a duration from 0 (off) to 596 hours, "
                        + "such as 500ms, 2s or 1m.",
                assertThrows(ConfigurationException.class, () -> builder.lockRetries(0).lockTimeout(Duration.ofDays(30)).build()).getMessage());
        assertEquals("Setting 'watchInterval' (hotgigs.watchInterval) has the invalid value 'off': expected a duration above zero, such as 500ms or 5s.",
                assertThrows(ConfigurationException.class, () -> builder.lockTimeout(Duration.ZERO).watchInterval(Duration.ZERO).build())
                        .getMessage());
    }
}
