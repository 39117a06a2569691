package com.hotgigs.migrate.history;

/**
 * What a history row records, stored by name in the {@code kind} column, so status never has to
 * guess from other columns. The names are part of the history table's contract.
 */
public enum RowKind {
    /** An attempt to run a versioned migration; successful or failed. */
    MIGRATION,
    /** A versioned migration recorded as applied without running it: the database already had its schema. */
    BASELINE,
    /** A versioned migration recorded from another tool's history (Flyway's), without running it. */
    IMPORT,
    /** A run of a repeatable migration; its version is null. */
    REPEATABLE,
    /** A person realigned an applied migration's checksum; {@code previous_checksum} holds the one it replaced. */
    REPAIR,
    /** A person marked an applied migration whose file was removed on purpose as deleted; its rows stay. */
    DELETED;

    /** Kinds whose successful row means "this version is applied"; the unique index covers these. */
    public boolean appliesVersion() {
        return this == MIGRATION || this == BASELINE || this == IMPORT;
    }

    /** The kind stored in a row; a name this build does not know is refused by the format check before rows are read. */
    public static RowKind of(String stored) {
        return valueOf(stored);
    }
}
