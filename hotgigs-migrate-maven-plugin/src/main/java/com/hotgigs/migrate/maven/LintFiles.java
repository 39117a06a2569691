package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.report.LintJson;
import com.hotgigs.migrate.lint.LintReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

import java.io.File;
import java.io.IOException;

/** The lint report's JSON file and summary line, as the lint and check goals write them. */
final class LintFiles {

    private LintFiles() {
    }

    static void write(LintReport report, File file, Log log) throws MojoExecutionException {
        try {
            LintJson.write(report, file.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the lint file " + file + ": " + e
                    + ". Check hotgigs.lintFile and that its directory is writable.", e);
        }
        log.info("Wrote the lint report to " + file);
    }

    /** The line CI greps: {@code hotgigs: linted 12 migrations in 31 ms: 2 findings}. */
    static String summary(LintReport report, long engineMs) {
        int findings = report.findings().size();
        return "hotgigs: linted " + report.migrations() + (report.migrations() == 1 ? " migration" : " migrations") + " in "
                + engineMs + " ms: " + (findings == 0 ? "no findings" : findings + (findings == 1 ? " finding" : " findings"));
    }
}
