package com.hotgigs.migrate;

/**
 * How far a running migration is: told every progress interval while it runs.
 *
 * @param done  statements that completed
 * @param total statements in the script
 */
public record MigrationProgress(String migration, int done, int total, long elapsedMs) {
}
