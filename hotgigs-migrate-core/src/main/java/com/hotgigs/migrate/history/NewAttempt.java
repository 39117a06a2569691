package com.hotgigs.migrate.history;

/** What the engine records of one attempt; the database supplies rank, user and time. */
public record NewAttempt(String version, String name, String script, String checksum,
                         int executionTimeMs, boolean success, String error) {
}
