package com.hotgigs.migrate;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in settings: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h};
 * {@code 0} or {@code off} for none. A bare number other than 0 is refused rather than guessed at:
 * PostgreSQL reads {@code 2} as milliseconds where most readers see seconds.
 */
public final class DurationSetting {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|min|h)");

    private DurationSetting() {
    }

    /**
     * @param setting the setting's name, for the message ({@code lockTimeout} is reported as {@code hotgigs.lockTimeout})
     * @return {@link Duration#ZERO} for {@code 0} and {@code off}
     * @throws ConfigurationException naming the setting, the value and the forms accepted
     */
    public static Duration parse(String setting, String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("0") || text.equals("off")) {
            return Duration.ZERO;
        }
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting(setting)
                    + " has the invalid value '" + value + "': expected a duration with its unit, such as 500ms, 2s, 1m "
                    + "or 1h, or 0 (or off) for none.");
        }
        long amount = Long.parseLong(form.group(1));
        return switch (form.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The form {@link #parse} reads back, for messages: {@code 500ms}, {@code 2s}, {@code off}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "off";
        }
        // In the largest unit that keeps it exact, as a user writes it: 99999999h stays 99999999h, not 359999996400s.
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
