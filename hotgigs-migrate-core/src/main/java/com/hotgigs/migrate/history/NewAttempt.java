package com.hotgigs.migrate.history;

/**
 * What the engine records in one history row; the database supplies rank, user and time.
 *
 * @param previousChecksum for a {@link RowKind#REPAIR} row, the checksum it replaced; null otherwise
 */
public record NewAttempt(RowKind kind, String version, String name, String script, String checksum,
                         int executionTimeMs, boolean success, String error, String previousChecksum) {

    /** An attempt to run a versioned migration. */
    public NewAttempt(String version, String name, String script, String checksum,
                      int executionTimeMs, boolean success, String error) {
        this(RowKind.MIGRATION, version, name, script, checksum, executionTimeMs, success, error, null);
    }
}
