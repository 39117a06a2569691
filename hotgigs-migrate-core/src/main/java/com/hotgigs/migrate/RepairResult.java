package com.hotgigs.migrate;

import java.util.List;

/**
 * What a repair changed in the history, one row added per change; never empty, since a
 * repair that finds nothing to repair fails instead.
 */
public record RepairResult(String database, String schema, List<Change> changes) {

    public RepairResult {
        changes = List.copyOf(changes);
    }

    /**
     * One row repair added.
     *
     * @param migration        the migration, by file name without {@code .sql}
     * @param realigned        true for an edited file's checksum realigned (a REPAIR row), false for a removed
     *                         file's migration marked deleted (a DELETED row)
     * @param previousChecksum the checksum recorded before
     * @param checksum         the checksum recorded now (the file's for a realignment, unchanged for a deletion)
     * @param by               who, as the database recorded it ({@code session_user})
     */
    public record Change(String migration, boolean realigned, String previousChecksum, String checksum, String by) {

        /** One line for the log. */
        public String describe() {
            return realigned
                    ? "Realigned the checksum of " + migration + " to its edited file: " + previousChecksum + " -> " + checksum
                            + " (a REPAIR row by " + by + " keeps the old one)"
                    : "Marked " + migration + " deleted: its file was removed (a DELETED row by " + by
                            + "; its earlier rows stay)";
        }
    }
}
