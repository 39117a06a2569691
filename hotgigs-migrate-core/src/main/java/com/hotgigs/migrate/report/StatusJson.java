package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.StatusReport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The status report as JSON, for CI: {@code formatVersion}, the database, schema, current version and every migration
 * with its version, name, script, state, checksum, installedOn (ISO-8601 with offset),
 * installedBy, executionTimeMs and transactionMode (PER_MIGRATION, AS_WRITTEN or NONE: how the local
 * script runs; null without a readable local file). Fields without a value are {@code null}, never left out, so
 * readers see the same shape for every migration.
 */
public final class StatusJson {

    /** Raised only when a field changes meaning or goes away; new fields keep it. */
    public static final int FORMAT_VERSION = 1;

    private StatusJson() {
    }

    public static String render(StatusReport report) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"formatVersion\": ").append(FORMAT_VERSION).append(",\n");
        json.append("  \"database\": ").append(JsonString.quote(report.database())).append(",\n");
        json.append("  \"schema\": ").append(JsonString.quote(report.schema())).append(",\n");
        json.append("  \"currentVersion\": ").append(JsonString.quote(report.currentVersion())).append(",\n");
        json.append("  \"migrations\": [");
        List<MigrationInfo> migrations = report.migrations();
        for (int i = 0; i < migrations.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n");
            migration(json, migrations.get(i));
        }
        json.append(migrations.isEmpty() ? "]\n" : "\n  ]\n");
        return json.append("}\n").toString();
    }

    /** Writes the report to a file, creating its directory; the file is replaced whole. */
    public static void write(StatusReport report, Path file) throws IOException {
        ReportFile.write(file, render(report));
    }

    private static void migration(StringBuilder json, MigrationInfo migration) {
        json.append("    {\"version\": ").append(JsonString.quote(migration.version()))
                .append(", \"name\": ").append(JsonString.quote(migration.name()))
                .append(", \"script\": ").append(JsonString.quote(migration.script()))
                .append(", \"state\": ").append(JsonString.quote(migration.state().name()))
                .append(", \"checksum\": ").append(JsonString.quote(migration.checksum()))
                .append(", \"installedOn\": ").append(JsonString.quote(timestamp(migration.installedOn())))
                .append(", \"installedBy\": ").append(JsonString.quote(migration.installedBy()))
                .append(", \"executionTimeMs\": ").append(migration.executionTimeMs())
                .append(", \"transactionMode\": ").append(JsonString.quote(
                        migration.transactionMode() == null ? null : migration.transactionMode().name()))
                .append('}');
    }

    private static String timestamp(OffsetDateTime value) {
        return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }
}
