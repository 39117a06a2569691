package com.hotgigs.migrate.report;

import com.hotgigs.migrate.Blocker;
import com.hotgigs.migrate.LockHolder;
import com.hotgigs.migrate.LockRetry;
import com.hotgigs.migrate.LockWait;
import com.hotgigs.migrate.MigrationProgress;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLogTest {

    private final RecordingLog log = new RecordingLog();
    private final ProgressLog progress = new ProgressLog(log);

    @Test
    void tellsEachMigrationWithFixedVerbs() {
        progress.lockAcquired(0);
        progress.applying(new MigrationInfo("002", "comprehensive_ats_system", "002_comprehensive_ats_system.sql",
                MigrationState.PENDING, "c", null, null, null));
        progress.serverMessage("002_comprehensive_ats_system", "NOTICE", "relation \"jobs\" already exists, skipping");
        progress.serverMessage("002_comprehensive_ats_system", "WARNING", "there is no transaction in progress");
        progress.applied(new MigrationInfo("002", "comprehensive_ats_system", "002_comprehensive_ats_system.sql",
                MigrationState.APPLIED, "c", OffsetDateTime.now(), "postgres", 184));

        assertEquals(List.of(
                "[INFO] Applying 002_comprehensive_ats_system",
                "[INFO] 002_comprehensive_ats_system: NOTICE: relation \"jobs\" already exists, skipping",
                "[WARNING] 002_comprehensive_ats_system: WARNING: there is no transaction in progress",
                "[INFO] Applied 002_comprehensive_ats_system in 184 ms"), log.lines());
    }

    @Test
    void saysWhomItWaitsForAndWhenItGotTheLock() {
        LockHolder holder = new LockHolder(4242, "hotgigs-migrate", "postgres", "10.0.0.7",
                OffsetDateTime.of(2025, 1, 26, 10, 0, 0, 0, ZoneOffset.UTC));

        progress.waitingForLock(holder);
        progress.lockAcquired(1520);

        assertEquals(List.of(
                "[INFO] Waiting for the migration lock held by pid 4242, application 'hotgigs-migrate', user postgres, "
                        + "from 10.0.0.7, since 2025-01-26T10:00Z",
                "[INFO] Acquired the migration lock after 1520 ms"), log.lines());
    }

    @Test
    void tellsEachWarningOnceWhetherHeardDuringTheRunOrInTheResult() {
        progress.warning("Migration 001 was renamed from a to b");
        progress.warnings(List.of("Migration 001 was renamed from a to b", "another"));

        assertEquals(List.of(
                "[WARNING] Migration 001 was renamed from a to b",
                "[WARNING] another"), log.lines());
    }

    @Test
    void warnsWhoBlocksAWaitingStatementAndEachRetry() {
        Blocker blocker = new Blocker(4242, "app", "psql", "idle in transaction",
                OffsetDateTime.of(2025, 1, 26, 10, 0, 5, 123_000_000, ZoneOffset.UTC),
                OffsetDateTime.of(2025, 1, 26, 10, 0, 0, 0, ZoneOffset.UTC), "LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE");

        progress.waitingOnLock(new LockWait("002_alter", 3, "relation", 5200, List.of(blocker)));
        progress.retryingAfterLockTimeout(new LockRetry("002_alter", 3, 1, 3, Duration.ofMillis(500), List.of(blocker)));
        progress.retryingAfterLockTimeout(new LockRetry("002_alter", 3, 2, 3, Duration.ofSeconds(1), List.of()));

        String holder = "pid 4242, user app, application 'psql', idle in transaction since 2025-01-26T10:00:05Z, "
                + "transaction open since 2025-01-26T10:00Z, query: LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE";
        assertEquals(List.of(
                "[WARNING] 002_alter (line 3) has waited 5 s for a relation lock held by " + holder,
                "[WARNING] 002_alter waited too long for a lock at line 3, held by " + holder
                        + "; rolled back, nothing of it remains. Retry 1 of 3 in 500ms",
                "[WARNING] 002_alter waited too long for a lock at line 3, held by a session not seen in time"
                        + "; rolled back, nothing of it remains. Retry 2 of 3 in 1s"), log.lines());
    }

    @Test
    void tellsAWaitAtTheCommitAsTheHistoryRowsNotAsALineOfTheScript() {
        Blocker blocker = new Blocker(4242, "app", null, "idle in transaction", null, null,
                "LOCK TABLE schema_migrations IN SHARE MODE");

        progress.waitingOnLock(new LockWait("002_alter", 3, "relation", 700, List.of(blocker), "public.schema_migrations"));
        progress.retryingAfterLockTimeout(new LockRetry("002_alter", 3, 1, 3, Duration.ofSeconds(1), List.of(blocker),
                "public.schema_migrations"));

        String holder = "pid 4242, user app, idle in transaction, query: LOCK TABLE schema_migrations IN SHARE MODE";
        assertEquals(List.of(
                "[WARNING] 002_alter (the insert of its history row into public.schema_migrations) has waited 700 ms for a "
                        + "relation lock held by " + holder,
                "[WARNING] 002_alter waited too long for a lock in the insert of its history row into public.schema_migrations, "
                        + "held by " + holder + "; rolled back, nothing of it remains. Retry 1 of 3 in 1s"), log.lines());
    }

    @Test
    void tellsTheProgressOfALongMigration() {
        progress.progress(new MigrationProgress("003_backfill", 1234, 5000, 12_400));
        // Under a second, as short intervals and timeouts give: not "0 s".
        progress.progress(new MigrationProgress("004_small", 1, 4, 400));

        assertEquals(List.of("[INFO] Applying 003_backfill: 1234 of 5000 statements, 12 s",
                "[INFO] Applying 004_small: 1 of 4 statements, 400 ms"), log.lines());
    }
}
