package com.hotgigs.migrate.history;

import com.hotgigs.migrate.migration.Version;

import java.time.OffsetDateTime;

/** One row of the history table: one attempt to apply a migration. */
public record AppliedMigration(
        int installedRank,
        String version,
        String name,
        String script,
        String checksum,
        String installedBy,
        OffsetDateTime installedOn,
        int executionTimeMs,
        boolean success,
        String error) {

    /**
     * The recorded version, or null when the text is not a version (a row written by hand): such a
     * row is reported, not compared.
     */
    public Version parsedVersion() {
        return Version.isValid(version) ? Version.parse(version) : null;
    }

    public String displayName() {
        return version + "_" + name;
    }
}
