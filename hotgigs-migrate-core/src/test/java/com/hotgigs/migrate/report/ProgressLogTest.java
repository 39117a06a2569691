package com.hotgigs.migrate.report;

import com.hotgigs.migrate.LockHolder;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import org.junit.jupiter.api.Test;

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
}
