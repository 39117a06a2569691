package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.StatusReport;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The migration history as an HTML timeline: what ran, in the order it ran (by installed on, so an
 * out-of-order migration shows where it really happened), each with its state, time, duration (also
 * as a bar against the slowest) and who ran it; then what is pending, in version order. Buttons
 * above it filter by state.
 */
final class HistoryTimeline {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    private HistoryTimeline() {
    }

    static String render(StatusReport status) {
        List<MigrationInfo> entries = chronological(status.migrations());
        StringBuilder html = new StringBuilder();
        html.append("<section class=\"history\">\n<h2>Migration history</h2>\n");
        html.append("<p class=\"summary\">").append(XmlText.escape(Summary.of(status))).append("</p>\n");
        if (entries.isEmpty()) {
            return html.append("<p class=\"empty\">No migrations found and none recorded.</p>\n</section>\n").toString();
        }
        filters(html, entries);
        long slowest = entries.stream().map(MigrationInfo::executionTimeMs).filter(ms -> ms != null)
                .mapToLong(Integer::longValue).max().orElse(0);
        html.append("<ol class=\"timeline\">\n");
        entries.forEach(entry -> entry(html, entry, slowest));
        return html.append("</ol>\n</section>\n").toString();
    }

    /** Those that ran by when they ran, then those that never did, in version order (the report's order). */
    private static List<MigrationInfo> chronological(List<MigrationInfo> migrations) {
        List<MigrationInfo> ran = new ArrayList<>();
        List<MigrationInfo> notYet = new ArrayList<>();
        for (MigrationInfo migration : migrations) {
            (migration.installedOn() == null ? notYet : ran).add(migration);
        }
        ran.sort(Comparator.comparing(MigrationInfo::installedOn));
        ran.addAll(notYet);
        return ran;
    }

    private static void filters(StringBuilder html, List<MigrationInfo> entries) {
        Map<MigrationState, Integer> counts = new EnumMap<>(MigrationState.class);
        entries.forEach(entry -> counts.merge(entry.state(), 1, Integer::sum));
        html.append("<div class=\"filters\" role=\"group\" aria-label=\"Show migrations by state\">")
                .append("<button type=\"button\" data-state=\"ALL\" aria-pressed=\"true\">All (").append(entries.size())
                .append(")</button>");
        counts.forEach((state, count) -> html.append("<button type=\"button\" data-state=\"").append(state.name())
                .append("\" aria-pressed=\"false\">").append(label(state)).append(" (").append(count).append(")</button>"));
        html.append("</div>\n");
    }

    private static void entry(StringBuilder html, MigrationInfo migration, long slowest) {
        String state = migration.state().name();
        html.append("<li class=\"migration state-").append(state.toLowerCase(Locale.ROOT).replace('_', '-'))
                .append("\" data-state=\"").append(state).append("\" data-version=\"").append(migration.repeatable() ? "" : XmlText.escape(migration.version()))
                .append("\">");
        html.append("<span class=\"when\">");
        if (migration.installedOn() != null) {
            html.append("<time datetime=\"").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(migration.installedOn())).append("\">")
                    .append(SHOWN.format(migration.installedOn())).append("</time>");
        } else {
            html.append("not yet run");
        }
        html.append("</span>");
        html.append("<span class=\"what\">").append(XmlText.escape(migration.displayName())).append("</span>");
        html.append("<span class=\"state\">").append(label(migration.state())).append("</span>");
        Integer took = migration.executionTimeMs();
        html.append("<span class=\"took\">");
        if (took != null) {
            long percent = slowest == 0 ? 0 : Math.max(1, took * 100L / slowest);
            html.append("<span class=\"bar\" style=\"width:").append(percent).append("%\"></span>").append(took).append(" ms");
        }
        html.append("</span>");
        html.append("<span class=\"by\">").append(migration.installedBy() == null ? "" : XmlText.escape(migration.installedBy()))
                .append("</span>");
        html.append("<span class=\"script\">").append(XmlText.escape(migration.script())).append("</span>");
        html.append("</li>\n");
    }

    private static String label(MigrationState state) {
        return switch (state) {
            case APPLIED -> "applied";
            case PENDING -> "pending";
            case FAILED -> "failed";
            case CHECKSUM_MISMATCH -> "checksum mismatch";
            case OUTDATED -> "outdated";
            case MISSING -> "missing locally";
            case BASELINE -> "baseline";
            case DELETED -> "deleted";
        };
    }
}
