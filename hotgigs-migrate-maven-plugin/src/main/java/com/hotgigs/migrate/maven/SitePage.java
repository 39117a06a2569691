package com.hotgigs.migrate.maven;

import org.apache.maven.doxia.sink.Sink;

/**
 * The page of {@code hotgigs:site-report} ({@link SiteReportMojo}, the one class that uses it): the
 * title and heading through the site's sink, so the page fits the skin and its menu, and the report's
 * own HTML (with its scoped style and script) as raw text inside it.
 */
final class SitePage {

    private SitePage() {
    }

    static void render(Sink sink, String title, String reportHtml) {
        sink.head();
        sink.title();
        sink.text(title);
        sink.title_();
        sink.head_();
        sink.body();
        sink.rawText(reportHtml);
        sink.body_();
        sink.flush();
        sink.close();
    }
}
