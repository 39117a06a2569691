package com.hotgigs.migrate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A migration's statement that waits for a lock other sessions hold.
 *
 * @param lockType  what kind of lock it waits for, as PostgreSQL names it ({@code relation}, {@code transactionid}, ...)
 * @param blockers  the sessions that hold it ({@code pg_blocking_pids}); empty when they ended meanwhile
 */
public record LockWait(String migration, int line, String lockType, long waitedMs, List<Blocker> blockers) {

    public LockWait {
        blockers = List.copyOf(blockers);
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
