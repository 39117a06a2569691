package com.hotgigs.migrate.it;

/** One row of schema_migrations, as the tests read it back. */
public record HistoryRow(
        int installedRank,
        String version,
        String name,
        String script,
        String checksum,
        String installedBy,
        int executionTimeMs,
        boolean success,
        String error) {
}
