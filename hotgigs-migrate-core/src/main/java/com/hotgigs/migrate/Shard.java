package com.hotgigs.migrate;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A stable share of a fleet, {@code i/n}: the targets whose name's CRC-32 (of its UTF-8 bytes)
 * modulo {@code n} is {@code i - 1}. It depends on the target's name alone, never on its place in a
 * list, so each of {@code n} CI jobs takes its share without overlap, and adding a tenant moves no
 * other tenant to another job.
 *
 * @param index which share, 1 to {@code count}
 * @param count how many shares the fleet is split into
 */
public record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw invalid(index + "/" + count);
        }
    }

    /**
     * @param text {@code i/n}, e.g. {@code 2/3}; null or blank for no sharding
     * @return the shard, or null for the whole fleet
     * @throws ConfigurationException anything else, {@code 3/2} and {@code a/b} included
     */
    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw invalid(text);
        }
        return new Shard(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public boolean includes(Target target) {
        CRC32 crc = new CRC32();
        crc.update(target.name().getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static ConfigurationException invalid(String text) {
        return new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting("shard") + " has the invalid value '" + text
                + "': expected i/n, two whole numbers with 1 <= i <= n, such as 1/3 for the first of three CI jobs "
                + "(in GitHub Actions: ${{ matrix.shard }}/3 with shard: [1, 2, 3]).");
    }
}
