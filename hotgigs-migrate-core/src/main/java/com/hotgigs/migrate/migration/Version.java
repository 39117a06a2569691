package com.hotgigs.migrate.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration version: digits, optionally dot-separated, compared numerically segment by segment.
 * Leading zeros and trailing zero segments do not count, so {@code 001}, {@code 1} and {@code 1.0}
 * are the same version; {@link #text()} keeps the spelling for history and messages.
 */
public record Version(String text, List<BigInteger> segments) implements Comparable<Version> {

    public Version {
        segments = List.copyOf(segments);
    }

    /** Digits, optionally separated by single dots; checked by hand, as thousands are checked per run. */
    public static boolean isValid(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        boolean digitBefore = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digitBefore = true;
            } else if (c == '.' && digitBefore) {
                digitBefore = false;
            } else {
                return false;
            }
        }
        return digitBefore;
    }

    public static Version parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a version: '" + text + "' (expected digits, optionally dot-separated)");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : text.split("\\.")) {
            parts.add(new BigInteger(part));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new Version(text, parts);
    }

    @Override
    public int compareTo(Version other) {
        int length = Math.max(segments.size(), other.segments.size());
        for (int i = 0; i < length; i++) {
            int difference = segment(i).compareTo(other.segment(i));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private BigInteger segment(int index) {
        return index < segments.size() ? segments.get(index) : BigInteger.ZERO;
    }

    /** Equal when numerically the same, whatever the spelling. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Version version && segments.equals(version.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
