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
    MISSING
}
