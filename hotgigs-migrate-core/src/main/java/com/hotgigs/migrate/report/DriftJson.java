package com.hotgigs.migrate.report;

import com.hotgigs.migrate.DriftReport;
import com.hotgigs.migrate.schema.SchemaDifference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The drift report as JSON, for release pipelines: {@code formatVersion}, the database, schema and
 * replayed version, whether it drifted, and every difference with {@code object}, {@code expected}
 * and {@code found} (null when that side lacks the object) and {@code extra} (an object of the
 * application's own that the migrations do not create). Field names are a contract.
 */
public final class DriftJson {

    public static final int FORMAT_VERSION = 1;

    private DriftJson() {
    }

    public static String render(DriftReport report) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"formatVersion\": ").append(FORMAT_VERSION).append(",\n");
        json.append("  \"database\": ").append(JsonString.quote(report.database())).append(",\n");
        json.append("  \"schema\": ").append(JsonString.quote(report.schema())).append(",\n");
        json.append("  \"version\": ").append(JsonString.quote(report.version())).append(",\n");
        json.append("  \"drifted\": ").append(!report.clean()).append(",\n");
        json.append("  \"differences\": [");
        List<SchemaDifference> differences = report.differences();
        for (int i = 0; i < differences.size(); i++) {
            SchemaDifference difference = differences.get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"object\": ").append(JsonString.quote(difference.object()))
                    .append(", \"expected\": ").append(JsonString.quote(difference.expected()))
                    .append(", \"found\": ").append(JsonString.quote(difference.found()))
                    .append(", \"extra\": ").append(difference.extra())
                    .append('}');
        }
        json.append(differences.isEmpty() ? "]\n" : "\n  ]\n");
        return json.append("}\n").toString();
    }

    /** Writes the report to a file, creating its directory; the file is replaced whole. */
    public static void write(DriftReport report, Path file) throws IOException {
        ReportFile.write(file, render(report));
    }
}
