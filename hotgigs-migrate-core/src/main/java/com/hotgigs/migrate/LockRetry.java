package com.hotgigs.migrate;

import java.time.Duration;
import java.util.List;

/**
 * A transactional migration that waited longer than the lock timeout, was rolled back (nothing of it
 * remains), and runs again after {@code pause}.
 *
 * @param retry    which retry comes next, from 1
 * @param retries  how many retries are allowed in all
 * @param blockers     who held the lock, as last seen while it waited; empty when the wait was too short to be seen
 * @param historyTable the history table, when it was the insert of the migration's history row at its commit
 *                     that waited too long; null when a statement of the script did
 */
public record LockRetry(String migration, int line, int retry, int retries, Duration pause, List<Blocker> blockers,
                        String historyTable) {

    public LockRetry {
        blockers = List.copyOf(blockers);
    }

    /** A statement of the script waited too long. */
    public LockRetry(String migration, int line, int retry, int retries, Duration pause, List<Blocker> blockers) {
        this(migration, line, retry, retries, pause, blockers, null);
    }

    /** Where it waited, in words: "at line 3", or "in the insert of its history row into public.schema_migrations". */
    public String waited() {
        return (historyTable == null ? "at " : "in ") + LockWait.waiting(line, historyTable);
    }
}
