package com.hotgigs.migrate;

import java.time.Duration;
import java.util.List;

/**
 * A transactional migration that waited longer than the lock timeout, was rolled back (nothing of it
 * remains), and runs again after {@code pause}.
 *
 * @param retry    which retry comes next, from 1
 * @param retries  how many retries are allowed in all
 * @param blockers who held the lock, as last seen while it waited; empty when the wait was too short to be seen
 */
public record LockRetry(String migration, int line, int retry, int retries, Duration pause, List<Blocker> blockers) {

    public LockRetry {
        blockers = List.copyOf(blockers);
    }
}
