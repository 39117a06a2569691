package com.hotgigs.migrate.report;

import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.schema.SchemaTables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A database report as one self-contained HTML page: the migration history as a timeline and the
 * schema as an SVG diagram, with its style and script inline, so the file opens from disk, from a
 * CI server's artifacts or inside a Maven site without any other file or network access. The same
 * fragment is the page's body and the site report's content; its style applies only inside it.
 */
public final class HtmlReport {

    /** The file {@link #write} makes in its directory. */
    public static final String FILE_NAME = "index.html";

    private static final String STYLE = resource("report.css");
    private static final String SCRIPT = resource("report.js");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    private HtmlReport() {
    }

    /** The whole page. */
    public static String page(DatabaseReport report, OffsetDateTime generatedOn) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + XmlText.escape(title(report.status())) + "</title>\n"
                + "</head>\n<body>\n" + fragment(report, generatedOn) + "</body>\n</html>\n";
    }

    /** The report without the page around it, for a page of its own or a Maven site's. */
    public static String fragment(DatabaseReport report, OffsetDateTime generatedOn) {
        StatusReport status = report.status();
        SchemaTables tables = report.tables();
        return "<div class=\"hotgigs-report\">\n<style>\n" + STYLE + "</style>\n"
                + "<header>\n<h1>" + XmlText.escape(title(status)) + "</h1>\n"
                + "<p class=\"subject\">Database <b>" + XmlText.escape(status.database()) + "</b>, history in schema <b>"
                + XmlText.escape(status.schema()) + "</b>, at version <b>"
                + XmlText.escape(status.currentVersion() == null ? "none" : status.currentVersion()) + "</b>; made "
                + XmlText.escape(SHOWN.format(generatedOn)) + "</p>\n</header>\n"
                + HistoryTimeline.render(status)
                + "<section class=\"schema\">\n<h2>Schema</h2>\n<p class=\"summary\">" + count(tables.tables().size(), "table")
                + ", " + count(tables.foreignKeys().size(), "foreign key") + "; point at a table to see what it references and what references it.</p>\n"
                + (tables.tables().isEmpty() ? "<p class=\"empty\">No tables yet.</p>\n"
                        : "<div class=\"diagram\">\n" + SvgDiagram.render(tables, "Tables and foreign keys of " + status.database()) + "</div>\n")
                + "</section>\n<script>\n" + SCRIPT + "</script>\n</div>\n";
    }

    /** Writes the page as {@code index.html} in the directory, creating it; returns the file. */
    public static Path write(DatabaseReport report, OffsetDateTime generatedOn, Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        ReportFile.write(file, page(report, generatedOn));
        return file;
    }

    private static String title(StatusReport status) {
        return "Migrations of " + status.database();
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The report's " + name + " is missing from the hotgigs-migrate-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
