package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.ValidationReport;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SummaryTest {

    @Test
    void migrateCountsWhatTheDatabaseHoldsAfterTheRun() {
        MigrateResult result = new MigrateResult("db", "public", List.of(applied("002")), 1, 0, 0, "002", 184, List.of(), List.of());

        assertEquals("hotgigs: 2 applied, 0 pending, 0 failed; schema at 002", Summary.of(result));
        assertEquals("Applied 1 migration in 184 ms", Summary.outcome(result, null, 0));
    }

    @Test
    void migrateOfSeveralSaysMigrations() {
        MigrateResult result = new MigrateResult("db", "public", List.of(applied("001"), applied("002")), 0, 0, 0, "002", 1500,
                List.of(), List.of());

        assertEquals("Applied 2 migrations in 1500 ms", Summary.outcome(result, null, 0));
    }

    @Test
    void migrateWithNothingToDo() {
        MigrateResult upToDate = new MigrateResult("db", "public", List.of(), 2, 0, 0, "002", 0, List.of(), List.of());
        MigrateResult atTarget = new MigrateResult("db", "public", List.of(), 1, 1, 0, "001", 0, List.of(), List.of());
        MigrateResult empty = new MigrateResult("db", "public", List.of(), 0, 0, 0, null, 0, List.of(), List.of());

        assertEquals("Schema is up to date, nothing to apply (checked 2 migrations in 37 ms)", Summary.outcome(upToDate, null, 37));
        MigrationInfo view = new MigrationInfo(null, "views", "R__views.sql", MigrationState.APPLIED, "c", null, null, null);
        MigrateResult withRepeatable = new MigrateResult("db", "public", List.of(), 2, 0, 0, "002", 0, List.of(),
                List.of(applied("001"), applied("002"), view));
        assertEquals("Schema is up to date, nothing to apply (checked 3 migrations in 9 ms)", Summary.outcome(withRepeatable, null, 9),
                "counted as status counts them, the unchanged repeatable too");
        assertEquals("Nothing to apply up to target 001; 1 pending beyond it", Summary.outcome(atTarget, "001", 5));
        assertEquals("hotgigs: 1 applied, 1 pending, 0 failed; schema at 001", Summary.of(atTarget));
        assertEquals("hotgigs: 0 applied, 0 pending, 0 failed; schema at none", Summary.of(empty));
    }

    @Test
    void statusAndValidateSayHowLongTheEngineTook() {
        assertEquals("Checked 1 migration in 12 ms", Summary.checked(1, 12));
        assertEquals("Checked 10000 migrations in 312 ms", Summary.checked(10000, 312));
    }

    @Test
    void statusCountsEachState() {
        StatusReport status = status(MigrationState.APPLIED, MigrationState.FAILED, MigrationState.PENDING, MigrationState.PENDING);

        assertEquals("hotgigs: 1 applied, 2 pending, 1 failed; schema at 001", Summary.of(status));
    }

    @Test
    void statusCountsEditedAndMissingAsAppliedAndNamesThem() {
        StatusReport status = status(MigrationState.APPLIED, MigrationState.CHECKSUM_MISMATCH, MigrationState.MISSING,
                MigrationState.MISSING);

        assertEquals("hotgigs: 4 applied, 0 pending, 0 failed; schema at 001; 1 checksum mismatch, 2 missing",
                Summary.of(status));
    }

    @Test
    void validateAppendsTheVerdict() {
        StatusReport status = status(MigrationState.APPLIED, MigrationState.PENDING);

        assertEquals("hotgigs: 1 applied, 1 pending, 0 failed; schema at 001; validation passed",
                Summary.of(new ValidationReport(status, List.of(), List.of())));
        assertEquals("hotgigs: 1 applied, 1 pending, 0 failed; schema at 001; validation failed with 1 problem",
                Summary.of(new ValidationReport(status, List.of("pending"), List.of())));
        assertEquals("hotgigs: 1 applied, 1 pending, 0 failed; schema at 001; validation failed with 2 problems",
                Summary.of(new ValidationReport(status, List.of("a", "b"), List.of())));
    }

    private static StatusReport status(MigrationState... states) {
        List<MigrationInfo> migrations = new java.util.ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            migrations.add(new MigrationInfo(String.valueOf(i + 1), "m" + i, "m.sql", states[i], "c", null, null, null));
        }
        return new StatusReport("db", "public", "001", migrations);
    }

    private static MigrationInfo applied(String version) {
        return new MigrationInfo(version, "x", version + "_x.sql", MigrationState.APPLIED, "c", OffsetDateTime.now(), "u", 5);
    }
}
