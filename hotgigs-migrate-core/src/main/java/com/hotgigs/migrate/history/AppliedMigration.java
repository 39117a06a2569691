package com.hotgigs.migrate.history;

import com.hotgigs.migrate.migration.Version;

import java.time.OffsetDateTime;

/**
 * One row of the history table: an attempt to apply a migration, or a baseline, an import, a
 * repair or a deletion marker, as {@link #kind()} says.
 *
 * @param version          null only for a repeatable run
 * @param previousChecksum for a repair, the checksum it replaced; null otherwise
 */
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
        String error,
        RowKind kind,
        String previousChecksum) {

    /** A row of the first format, which knew only migration attempts. */
    public AppliedMigration(int installedRank, String version, String name, String script, String checksum,
                            String installedBy, OffsetDateTime installedOn, int executionTimeMs, boolean success, String error) {
        this(installedRank, version, name, script, checksum, installedBy, installedOn, executionTimeMs, success, error,
                RowKind.MIGRATION, null);
    }

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
