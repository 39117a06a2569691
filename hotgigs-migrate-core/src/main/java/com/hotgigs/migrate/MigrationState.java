package com.hotgigs.migrate;

/** Where a migration stands between the local files and the history table. */
public enum MigrationState {
    /** Recorded as successfully applied, and the local file has the same checksum. */
    APPLIED,
    /** Present locally, never applied (a repeatable: never ran). */
    PENDING,
    /** Its latest attempt failed and it never succeeded; the next migrate retries it. */
    FAILED,
    /** Applied, but the local file has changed since. */
    CHECKSUM_MISMATCH,
    /**
     * Applied, but no local file has its version any more; for a repeatable, it ran but its file is
     * gone (reported, never a failure: what it made stays in the database).
     */
    MISSING,
    /**
     * Recorded as applied by a baseline, without running it, because the database already had its
     * schema; the local file has the same checksum. Counts as applied everywhere.
     */
    BASELINE,
    /**
     * A repeatable whose local file (its text as sent, placeholders replaced) differs from its last
     * successful run: the next migrate applies it again. Validate counts it as pending.
     */
    OUTDATED,
    /** Was applied, and then marked deleted by repair because its file was removed on purpose; its rows stay. */
    DELETED
}
