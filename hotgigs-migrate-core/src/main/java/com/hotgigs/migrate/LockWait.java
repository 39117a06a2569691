package com.hotgigs.migrate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A migration's statement that waits for a lock other sessions hold.
 *
 * @param lockType  what kind of lock it waits for, as PostgreSQL names it ({@code relation}, {@code transactionid}, ...)
 * @param blockers     the sessions that hold it ({@code pg_blocking_pids}); empty when they ended meanwhile
 * @param historyTable the history table, when what waits is the insert of the migration's history row at its
 *                     commit rather than a statement of the script ({@code line} is then its last statement's);
 *                     null for a statement
 */
public record LockWait(String migration, int line, String lockType, long waitedMs, List<Blocker> blockers,
                       String historyTable) {

    public LockWait {
        blockers = List.copyOf(blockers);
    }

    /** A statement of the script that waits. */
    public LockWait(String migration, int line, String lockType, long waitedMs, List<Blocker> blockers) {
        this(migration, line, lockType, waitedMs, blockers, null);
    }

    /** What waits, in words: "line 3", or "the insert of its history row into public.schema_migrations". */
    public String waiting() {
        return waiting(line, historyTable);
    }

    static String waiting(int line, String historyTable) {
        return historyTable == null ? "line " + line : "the insert of its history row into " + historyTable;
    }

    /** The blockers in one phrase: "pid 42, user app, ...; pid 43, ...". */
    public String describeBlockers() {
        return describe(blockers);
    }

    public static String describe(List<Blocker> blockers) {
        return blockers.isEmpty() ? "a session that has ended meanwhile"
                : blockers.stream().map(Blocker::describe).collect(Collectors.joining("; "));
    }
}
