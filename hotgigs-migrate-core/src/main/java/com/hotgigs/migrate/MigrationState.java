package com.hotgigs.migrate;

/** Where a migration stands between the local files and the history table. */
public enum MigrationState {
    /** Recorded as successfully applied, and the local file has the same checksum. */
    APPLIED,
    /** Present locally, never applied. */
    PENDING,
    /** Its latest attempt failed and it never succeeded; the next migrate retries it. */
    FAILED,
    /** Applied, but the local file has changed since. */
    CHECKSUM_MISMATCH,
    /** Applied, but no local file has its version any more. */
    MISSING,
    /**
     * Recorded as applied by a baseline, without running it, because the database already had its
     * schema; the local file has the same checksum. Counts as applied everywhere.
     */
    BASELINE,
    /** Was applied, and then marked deleted by repair because its file was removed on purpose; its rows stay. */
    DELETED
}
