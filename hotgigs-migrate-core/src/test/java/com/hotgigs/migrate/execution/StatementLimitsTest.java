package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.Blocker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementLimitsTest {

    private final StatementLimits limits = new StatementLimits(Duration.ofSeconds(1), Duration.ZERO, 3, Duration.ofSeconds(1));

    @Test
    void theQueryThatEndsTheHoldersNamesEachPidSeen() {
        assertEquals("SELECT pg_terminate_backend(4242)", StatementLimits.terminate(List.of(blocker(4242))));
        assertEquals("SELECT pg_terminate_backend(4242), pg_terminate_backend(4243)",
                StatementLimits.terminate(List.of(blocker(4242), blocker(4243), blocker(4242))));
    }

    @Test
    void aHolderNotSeenLeavesThePidToFindWithPgBlockingPids() {
        assertEquals("SELECT pg_terminate_backend(<pid>) with the pid that pg_blocking_pids shows",
                StatementLimits.terminate(List.of()));
    }

    @Test
    void theHistoryRowsLockTimeoutNamesTheTableTheAttemptsAndTheHolder() {
        String text = limits.explainHistoryRow(false, "public.schema_migrations", 3, List.of(blocker(4242)));

        assertTrue(text.startsWith("The insert of its history row into public.schema_migrations waited longer than "
                + "hotgigs.lockTimeout (1s) on each of its 4 attempts (3 retries, hotgigs.lockRetries = 3). "
                + "The lock was held by pid 4242, user app."), text);
        assertTrue(text.endsWith("end it (SELECT pg_terminate_backend(4242)), and run migrate again; or raise "
                + "hotgigs.lockTimeout or hotgigs.lockRetries."), text);
    }

    private static Blocker blocker(int pid) {
        return new Blocker(pid, "app", null, null, null, null, null);
    }
}
