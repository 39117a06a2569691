package com.hotgigs.migrate.report;

import com.hotgigs.migrate.lint.LintFinding;
import com.hotgigs.migrate.lint.LintReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A lint report as JSON, for CI: {@code formatVersion}, how many migrations were linted, each finding
 * (rule, migration, script, line, statement, message) and each directive problem. Field names are a
 * contract: new ones may be added, none renamed.
 */
public final class LintJson {

    public static final int FORMAT_VERSION = 1;

    private LintJson() {
    }

    public static String render(LintReport report) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"formatVersion\": ").append(FORMAT_VERSION).append(",\n");
        json.append("  \"migrations\": ").append(report.migrations()).append(",\n");
        json.append("  \"findings\": [");
        List<LintFinding> findings = report.findings();
        for (int i = 0; i < findings.size(); i++) {
            LintFinding f = findings.get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"rule\": ").append(JsonString.quote(f.rule().id()))
                    .append(", \"migration\": ").append(JsonString.quote(f.migration()))
                    .append(", \"script\": ").append(JsonString.quote(f.script()))
                    .append(", \"line\": ").append(f.line())
                    .append(", \"statement\": ").append(JsonString.quote(f.statement()))
                    .append(", \"message\": ").append(JsonString.quote(f.message())).append('}');
        }
        json.append(findings.isEmpty() ? "],\n" : "\n  ],\n");
        json.append("  \"problems\": [");
        for (int i = 0; i < report.problems().size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ").append(JsonString.quote(report.problems().get(i)));
        }
        json.append(report.problems().isEmpty() ? "]\n" : "\n  ]\n");
        return json.append("}\n").toString();
    }

    /** Writes the report, creating its directory; the file is replaced whole. */
    public static void write(LintReport report, Path file) throws IOException {
        ReportFile.write(file, render(report));
    }
}
