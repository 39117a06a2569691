package com.hotgigs.migrate.migration;

import java.util.Optional;

/**
 * The {@code <version>_<name>.sql} naming rule, and Flyway's {@code V<version>__<description>.sql},
 * read as Flyway reads it (so a project switching from Flyway keeps its files): the version's
 * {@code _} separators are dots ({@code V2_1__x.sql} is version 2.1, as Flyway records it).
 */
public record MigrationFileName(Version version, String name) {

    private static final String EXTENSION = ".sql";

    /**
     * The parsed name, or empty when the file name does not follow the rule. The version is what
     * comes before the first underscore; parsed by hand, as every file of every location is, on
     * every run, before the JIT has compiled a regular expression engine.
     */
    public static Optional<MigrationFileName> parse(String fileName) {
        if (fileName.startsWith(FLYWAY_PREFIX)) {
            return parseFlyway(fileName);
        }
        int underscore = fileName.indexOf('_');
        if (underscore < 0 || !fileName.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        String version = fileName.substring(0, underscore);
        String name = fileName.substring(underscore + 1, fileName.length() - EXTENSION.length());
        if (!Version.isValid(version) || name.isBlank() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new MigrationFileName(Version.parse(version), name));
    }

    private static final String FLYWAY_PREFIX = "V";
    private static final String FLYWAY_SEPARATOR = "__";

    private static Optional<MigrationFileName> parseFlyway(String fileName) {
        int separator = fileName.indexOf(FLYWAY_SEPARATOR);
        if (separator < 0 || !fileName.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        String version = fileName.substring(FLYWAY_PREFIX.length(), separator).replace('_', '.');
        String name = fileName.substring(separator + FLYWAY_SEPARATOR.length(), fileName.length() - EXTENSION.length());
        if (!Version.isValid(version) || name.isBlank() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new MigrationFileName(Version.parse(version), name));
    }

    public static String expectation() {
        return "expected <version>_<name>.sql, the version digits optionally separated by dots, e.g. 003_add_offers.sql or "
                + "2.1_add_index.sql, or Flyway's V<version>__<description>.sql";
    }
}
