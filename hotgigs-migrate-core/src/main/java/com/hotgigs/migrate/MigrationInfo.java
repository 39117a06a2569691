package com.hotgigs.migrate;

import java.time.OffsetDateTime;

/**
 * One migration as the status report sees it. The installed fields are null for migrations that
 * were never applied.
 *
 * @param version         the version as written in the file name or history
 * @param name            the name part of the file name
 * @param script          the location-relative file name
 * @param checksum        the local file's checksum, or the recorded one when the file is missing
 * @param executionTimeMs null when never applied
 */
public record MigrationInfo(
        String version,
        String name,
        String script,
        MigrationState state,
        String checksum,
        OffsetDateTime installedOn,
        String installedBy,
        Integer executionTimeMs) {

    /** How messages and reports name a migration: its file name without {@code .sql}. */
    public String displayName() {
        return version + "_" + name;
    }
}
