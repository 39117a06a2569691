package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.TransactionMode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusTableTest {

    static final OffsetDateTime INSTALLED = OffsetDateTime.of(2025, 1, 26, 10, 15, 3, 0, ZoneOffset.ofHours(1));

    @Test
    void padsColumnsToTheWidestCellAndLeavesNeverAppliedCellsEmpty() {
        StatusReport report = new StatusReport("hotgigs_db", "public", "001", List.of(
                new MigrationInfo("001", "initial_schema", "001_initial_schema.sql", MigrationState.APPLIED,
                        "ab", INSTALLED, "hotgigs_user", 1234, TransactionMode.PER_MIGRATION),
                new MigrationInfo("002", "comprehensive_ats_system", "002_comprehensive_ats_system.sql",
                        MigrationState.PENDING, "cd", null, null, null, TransactionMode.NONE),
                new MigrationInfo("003", "gone", "003_gone.sql", MigrationState.MISSING, "ef", INSTALLED, "hotgigs_user", 5)));

        assertEquals(List.of(
                "Version  Name                      State    Installed on                Installed by  Time     Transaction",
                "-------  ------------------------  -------  --------------------------  ------------  -------  -------------",
                "001      initial_schema            APPLIED  2025-01-26 10:15:03 +01:00  hotgigs_user  1234 ms  per-migration",
                "002      comprehensive_ats_system  PENDING                                                     none",
                "003      gone                      MISSING  2025-01-26 10:15:03 +01:00  hotgigs_user  5 ms"), StatusTable.lines(report));
    }

    @Test
    void showsEveryState() {
        StatusReport report = new StatusReport("db", "public", "3", List.of(
                new MigrationInfo("1", "a", "1_a.sql", MigrationState.CHECKSUM_MISMATCH, "x", INSTALLED, "u", 5),
                new MigrationInfo("2", "b", "2_b.sql", MigrationState.MISSING, "y", INSTALLED, "u", 6),
                new MigrationInfo("3", "c", "3_c.sql", MigrationState.FAILED, "z", INSTALLED, "u", 7)));

        List<String> lines = StatusTable.lines(report);

        assertEquals("1        a     CHECKSUM_MISMATCH  2025-01-26 10:15:03 +01:00  u             5 ms", lines.get(2));
        assertEquals("2        b     MISSING            2025-01-26 10:15:03 +01:00  u             6 ms", lines.get(3));
        assertEquals("3        c     FAILED             2025-01-26 10:15:03 +01:00  u             7 ms", lines.get(4));
    }

    @Test
    void saysSoWhenThereAreNoMigrations() {
        List<String> lines = StatusTable.lines(new StatusReport("db", "public", null, List.of()));

        assertEquals(List.of(
                "Version  Name  State  Installed on  Installed by  Time  Transaction",
                "-------  ----  -----  ------------  ------------  ----  -----------",
                "(no migrations: none in the locations, none in the history table)"), lines);
    }
}
