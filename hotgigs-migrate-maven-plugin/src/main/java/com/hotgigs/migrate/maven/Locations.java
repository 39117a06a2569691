package com.hotgigs.migrate.maven;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The locations parameter: a list in the POM, or one comma-separated value from -Dhotgigs.locations. */
final class Locations {

    private Locations() {
    }

    /** Maven gives an empty element of a list ({@code a,,b}, {@code <location/>}) as null: it names nothing, like a blank one. */
    static List<String> split(List<String> configured) {
        return configured.stream()
                .filter(Objects::nonNull)
                .flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }
}
