package com.hotgigs.migrate.report;

import com.hotgigs.migrate.DatabaseReport;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.schema.SchemaTables;
import com.hotgigs.migrate.schema.SchemaTables.Column;
import com.hotgigs.migrate.schema.SchemaTables.ForeignKey;
import com.hotgigs.migrate.schema.SchemaTables.Table;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's text from in-memory reports: escaping, layout of awkward schemas, the timeline's order. */
class HtmlReportTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 2, 1, 0, 0, 0, ZoneOffset.UTC);
    private static final StatusReport NO_MIGRATIONS = new StatusReport("db", "public", null, List.of());

    @Test
    void namesAreEscapedEverywhere() {
        Table odd = new Table("public", "a<b&\"c", List.of(new Column("x</text>", "text", true, false)));
        String html = HtmlReport.page(new DatabaseReport(new StatusReport("d<b", "public", null, List.of()),
                new SchemaTables(List.of(odd), List.of())), NOW);

        assertTrue(html.contains("data-table=\"public.a&lt;b&amp;&quot;c\""), html);
        assertTrue(html.contains(">x&lt;/text&gt;</text>"), html);
        assertTrue(html.contains("<title>Migrations of d&lt;b</title>"), html);
        assertFalse(html.contains("a<b"), html);
    }

    @Test
    void referencesInACycleAndToItselfAreAllDrawn() {
        List<Column> columns = List.of(new Column("id", "integer", true, true), new Column("other_id", "integer", false, false));
        SchemaTables tables = new SchemaTables(
                List.of(new Table("public", "a", columns), new Table("public", "b", columns), new Table("public", "c", columns)),
                List.of(new ForeignKey("a_b", "public.a", List.of("other_id"), "public.b", List.of("id")),
                        new ForeignKey("b_a", "public.b", List.of("other_id"), "public.a", List.of("id")),
                        new ForeignKey("c_c", "public.c", List.of("other_id"), "public.c", List.of("id"))));

        String svg = SvgDiagram.render(tables, "t");

        assertEquals(List.of("public.a.a_b", "public.b.b_a", "public.c.c_c"), all(svg, "data-fk=\"([^\"]+)\""));
        // a follows b (the one reference of the cycle followed is a's), c references only itself.
        assertEquals(List.of("public.b", "public.c", "public.a"), all(svg, "data-table=\"([^\"]+)\""), "boxes in layout order");
        assertEquals(3, all(svg, "(class=\"column fk-column\")").size(), "each table's other_id is marked as a foreign key column");
        assertEquals(svg, SvgDiagram.render(tables, "t"), "the same tables give the same bytes");
    }

    @Test
    void tablesOfSeveralSchemasAreShownQualified() {
        List<Column> id = List.of(new Column("id", "integer", true, true));
        String svg = SvgDiagram.render(new SchemaTables(List.of(new Table("billing", "invoices", id), new Table("public", "users", id)),
                List.of()), "t");

        assertTrue(svg.contains(">billing.invoices</text>") && svg.contains(">public.users</text>"), svg);
    }

    @Test
    void anEmptyDatabaseSaysSo() {
        String html = HtmlReport.fragment(new DatabaseReport(NO_MIGRATIONS, new SchemaTables(List.of(), List.of())), NOW);

        assertTrue(html.contains("<p class=\"empty\">No tables yet.</p>"), html);
        assertTrue(html.contains("<p class=\"empty\">No migrations found and none recorded.</p>"), html);
        assertFalse(html.contains("<svg"), html);
    }

    @Test
    void theTimelineRunsInTheOrderMigrationsRanThenPendingOnes() {
        MigrationInfo late = new MigrationInfo("1", "first", "1_first.sql", MigrationState.APPLIED, "c", NOW.plusHours(1), "me", 5);
        MigrationInfo outOfOrder = new MigrationInfo("2", "second", "2_second.sql", MigrationState.FAILED, "c", NOW, "me", 10);
        MigrationInfo pending = new MigrationInfo("3", "third", "3_third.sql", MigrationState.PENDING, "c", null, null, null);
        String html = HistoryTimeline.render(new StatusReport("db", "public", "1", List.of(late, outOfOrder, pending)));

        assertEquals(List.of("2_second", "1_first", "3_third"), all(html, "<span class=\"what\">([^<]+)</span>"));
        assertTrue(html.contains("<span class=\"bar\" style=\"width:50%\"></span>5 ms"), html);
        assertTrue(html.contains("<button type=\"button\" data-state=\"FAILED\" aria-pressed=\"false\">failed (1)</button>"), html);
    }

    private static List<String> all(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
