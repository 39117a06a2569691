package com.hotgigs.migrate.maven;

import java.util.Arrays;
import java.util.List;

/** The locations parameter: a list in the POM, or one comma-separated value from -Dhotgigs.locations. */
final class Locations {

    private Locations() {
    }

    static List<String> split(List<String> configured) {
        return configured.stream()
                .flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }
}
