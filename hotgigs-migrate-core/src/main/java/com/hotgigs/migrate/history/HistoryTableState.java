package com.hotgigs.migrate.history;

/**
 * The history table as a run finds it.
 *
 * @param format        0 when the table does not exist, else its history format
 * @param versionUnique whether the unique index on applied versions exists; false when the table does not exist
 */
public record HistoryTableState(int format, boolean versionUnique) {

    public boolean exists() {
        return format > 0;
    }
}
