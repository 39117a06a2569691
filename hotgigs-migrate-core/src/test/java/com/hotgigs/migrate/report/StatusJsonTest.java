package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusJsonTest {

    @Test
    void rendersEveryFieldWithNullsForWhatWasNeverApplied() {
        StatusReport report = new StatusReport("hotgigs_db", "public", "001", List.of(
                new MigrationInfo("001", "initial_schema", "001_initial_schema.sql", MigrationState.APPLIED, "0a1b",
                        OffsetDateTime.of(2025, 1, 26, 10, 15, 0, 0, ZoneOffset.UTC), "hotgigs_user", 184, TransactionMode.PER_MIGRATION),
                new MigrationInfo("002", "ats", "002_ats.sql", MigrationState.PENDING, "2c3d", null, null, null,
                        TransactionMode.AS_WRITTEN),
                new MigrationInfo("003", "gone", "003_gone.sql", MigrationState.MISSING, "4e5f", null, null, null)));

        assertEquals("""
                {
                  "formatVersion": 1,
                  "database": "hotgigs_db",
                  "schema": "public",
                  "currentVersion": "001",
                  "migrations": [
                    {"version": "001", "name": "initial_schema", "script": "001_initial_schema.sql", "state": "APPLIED", \
                "checksum": "0a1b", "installedOn": "2025-01-26T10:15:00Z", "installedBy": "hotgigs_user", "executionTimeMs": 184, \
                "transactionMode": "PER_MIGRATION"},
                    {"version": "002", "name": "ats", "script": "002_ats.sql", "state": "PENDING", \
                "checksum": "2c3d", "installedOn": null, "installedBy": null, "executionTimeMs": null, "transactionMode": "AS_WRITTEN"},
                    {"version": "003", "name": "gone", "script": "003_gone.sql", "state": "MISSING", \
                "checksum": "4e5f", "installedOn": null, "installedBy": null, "executionTimeMs": null, "transactionMode": null}
                  ]
                }
                """, StatusJson.render(report));
    }

    @Test
    void anEmptyDatabaseHasNoCurrentVersionAndAnEmptyList() {
        assertEquals("""
                {
                  "formatVersion": 1,
                  "database": "db",
                  "schema": "app",
                  "currentVersion": null,
                  "migrations": []
                }
                """, StatusJson.render(new StatusReport("db", "app", null, List.of())));
    }

    @Test
    void escapesNamesThatAreNotPlainText() {
        StatusReport report = new StatusReport("db \"quoted\"", "public", null, List.of(
                new MigrationInfo("1", "tab\there\\back", "sub/1_x.sql", MigrationState.MISSING, "c",
                        null, "line\nbreak", null)));

        String json = StatusJson.render(report);

        assertEquals(true, json.contains("\"database\": \"db \\\"quoted\\\"\""), json);
        assertEquals(true, json.contains("\"name\": \"tab\\there\\\\back\""), json);
        assertEquals(true, json.contains("\"installedBy\": \"line\\nbreak\""), json);
    }

    @Test
    void writesTheFileCreatingItsDirectory(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("reports/status.json");
        StatusReport report = new StatusReport("db", "public", null, List.of());

        StatusJson.write(report, file);

        assertEquals(StatusJson.render(report), Files.readString(file, StandardCharsets.UTF_8));
    }
}
