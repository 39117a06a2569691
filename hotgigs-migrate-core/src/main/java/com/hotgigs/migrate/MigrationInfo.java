package com.hotgigs.migrate;

import java.time.OffsetDateTime;

/**
 * One migration as the status report sees it. The installed fields are null for migrations that
 * were never applied.
 *
 * @param version         the version as written in the file name or history; null for a repeatable
 * @param name            the name part of the file name
 * @param script          the location-relative file name
 * @param checksum        the local file's checksum, or the recorded one when the file is missing
 * @param executionTimeMs null when never applied
 * @param transactionMode how the local script runs (or ran); null when there is no local file, or it cannot be read
 */
public record MigrationInfo(
        String version,
        String name,
        String script,
        MigrationState state,
        String checksum,
        OffsetDateTime installedOn,
        String installedBy,
        Integer executionTimeMs,
        TransactionMode transactionMode) {

    /** A migration whose transaction mode is not known here. */
    public MigrationInfo(String version, String name, String script, MigrationState state, String checksum,
                         OffsetDateTime installedOn, String installedBy, Integer executionTimeMs) {
        this(version, name, script, state, checksum, installedOn, installedBy, executionTimeMs, null);
    }

    public MigrationInfo withTransactionMode(TransactionMode mode) {
        return new MigrationInfo(version, name, script, state, checksum, installedOn, installedBy, executionTimeMs, mode);
    }

    /** How messages and reports name a migration: its file name without {@code .sql}. */
    public String displayName() {
        return repeatable() ? "R__" + name : version + "_" + name;
    }

    /** A repeatable migration ({@code R__<name>.sql}), which has no version. */
    public boolean repeatable() {
        return version == null;
    }
}
