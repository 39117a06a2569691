package com.hotgigs.migrate.migration;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code <version>_<name>.sql} naming rule. */
public record MigrationFileName(Version version, String name) {

    private static final Pattern SHAPE = Pattern.compile("(\\d+(?:\\.\\d+)*)_([^/\\\\]+)\\.sql");

    /** The parsed name, or empty when the file name does not follow the rule. */
    public static Optional<MigrationFileName> parse(String fileName) {
        Matcher matcher = SHAPE.matcher(fileName);
        if (!matcher.matches() || matcher.group(2).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new MigrationFileName(Version.parse(matcher.group(1)), matcher.group(2)));
    }

    public static String expectation() {
        return "expected <version>_<name>.sql, the version digits optionally separated by dots, e.g. 003_add_offers.sql or 2.1_add_index.sql";
    }
}
