package com.hotgigs.migrate.report;

import com.hotgigs.migrate.schema.SchemaTables;
import com.hotgigs.migrate.schema.SchemaTables.Column;
import com.hotgigs.migrate.schema.SchemaTables.ForeignKey;
import com.hotgigs.migrate.schema.SchemaTables.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A schema diagram as inline SVG: each table a box listing its columns (primary and foreign key
 * columns marked), each foreign key a curve from its first column to the column it refers to.
 * Tables stand in columns by how deep they reference others: tables that reference none on the
 * left, the tables that reference them to their right, and so on, so most curves run right to left.
 * The layout is computed here, with no script and no external service, and the same tables always
 * give the same bytes.
 *
 * <p>Every table is a {@code g.table} with {@code data-table="schema.name"}, every foreign key a
 * {@code path.fk} with {@code data-fk}, {@code data-from} and {@code data-to}: the page's script
 * and the tests find them by these.
 */
final class SvgDiagram {

    private static final int MARGIN = 20;
    private static final int HEAD = 26;
    private static final int ROW = 18;
    private static final int PAD = 8;
    private static final int KEY_WIDTH = 22;
    private static final int GAP_X = 110;
    private static final int GAP_Y = 28;
    /** Width of one character of the 12px monospace font in tenths of a pixel (DejaVu Sans Mono's is 7.2), with room to spare. */
    private static final int CHAR_TENTHS = 76;
    /** A level with more tables than this is spread over several columns, to keep the drawing wide rather than tall. */
    private static final int TABLES_PER_COLUMN = 7;

    private record Box(Table table, int x, int y, int width) {

        int height() {
            return HEAD + Math.max(1, table.columns().size()) * ROW + PAD / 2;
        }

        /** The vertical middle of a column's row, or of the header when the column is unknown. */
        int rowMiddle(String column) {
            List<Column> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return y + HEAD + i * ROW + ROW / 2;
                }
            }
            return y + HEAD / 2;
        }
    }

    private SvgDiagram() {
    }

    static String render(SchemaTables schema, String title) {
        Map<String, Box> boxes = layout(schema);
        int width = MARGIN;
        int height = MARGIN;
        for (Box box : boxes.values()) {
            width = Math.max(width, box.x() + box.width() + MARGIN + GAP_X / 2);
            height = Math.max(height, box.y() + box.height() + MARGIN);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"schema-diagram\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"schema-diagram-title\">\n");
        svg.append("<title id=\"schema-diagram-title\">").append(XmlText.escape(title)).append("</title>\n");
        svg.append("<defs><marker id=\"fk-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" "
                + "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
        svg.append("<g class=\"foreign-keys\">\n");
        for (ForeignKey key : schema.foreignKeys()) {
            foreignKey(svg, key, boxes);
        }
        svg.append("</g>\n");
        Set<String> keyColumns = foreignKeyColumns(schema);
        boolean qualified = schema.severalSchemas();
        for (Box box : boxes.values()) {
            table(svg, box, keyColumns, qualified);
        }
        return svg.append("</svg>\n").toString();
    }

    /** Places every table: its level's column, then down that column, in name order. */
    private static Map<String, Box> layout(SchemaTables schema) {
        Map<Integer, List<Table>> byLevel = new TreeMap<>();
        Map<String, Integer> levels = levels(schema);
        for (Table table : schema.tables()) {
            byLevel.computeIfAbsent(levels.get(table.qualifiedName()), level -> new ArrayList<>()).add(table);
        }
        Map<String, Box> boxes = new LinkedHashMap<>();
        boolean qualified = schema.severalSchemas();
        int x = MARGIN;
        for (List<Table> level : byLevel.values()) {
            for (int start = 0; start < level.size(); start += TABLES_PER_COLUMN) {
                List<Table> column = level.subList(start, Math.min(level.size(), start + TABLES_PER_COLUMN));
                int columnWidth = column.stream().mapToInt(table -> boxWidth(table, qualified)).max().orElse(0);
                int y = MARGIN;
                for (Table table : column) {
                    Box box = new Box(table, x, y, columnWidth);
                    boxes.put(table.qualifiedName(), box);
                    y += box.height() + GAP_Y;
                }
                x += columnWidth + GAP_X;
            }
        }
        return boxes;
    }

    /**
     * A table's level: 0 when it references no other table, else one more than the deepest table it
     * references. A reference that closes a cycle (or a table's reference to itself) is not followed.
     */
    private static Map<String, Integer> levels(SchemaTables schema) {
        Map<String, List<String>> references = new HashMap<>();
        for (ForeignKey key : schema.foreignKeys()) {
            references.computeIfAbsent(key.fromTable(), table -> new ArrayList<>()).add(key.toTable());
        }
        Map<String, Integer> levels = new HashMap<>();
        for (Table table : schema.tables()) {
            level(table.qualifiedName(), references, levels, new HashSet<>());
        }
        return levels;
    }

    private static int level(String table, Map<String, List<String>> references, Map<String, Integer> levels, Set<String> visiting) {
        Integer known = levels.get(table);
        if (known != null) {
            return known;
        }
        visiting.add(table);
        int level = 0;
        for (String referenced : references.getOrDefault(table, List.of())) {
            if (!visiting.contains(referenced)) {
                level = Math.max(level, level(referenced, references, levels, visiting) + 1);
            }
        }
        visiting.remove(table);
        levels.put(table, level);
        return level;
    }

    private static int boxWidth(Table table, boolean qualified) {
        int nameWidth = 0;
        int typeWidth = 0;
        for (Column column : table.columns()) {
            nameWidth = Math.max(nameWidth, column.name().length());
            typeWidth = Math.max(typeWidth, typeLabel(column).length());
        }
        int columns = PAD + KEY_WIDTH + (nameWidth + typeWidth + 2) * CHAR_TENTHS / 10 + PAD;
        // The header's 13px bold face is wider.
        int header = 2 * PAD + displayName(table, qualified).length() * (CHAR_TENTHS + 10) / 10;
        return Math.max(160, Math.max(columns, header));
    }

    /** The type as the box shows it; a primary key's NOT NULL goes without saying. */
    private static String typeLabel(Column column) {
        return column.notNull() && !column.primaryKey() ? column.type() + " not null" : column.type();
    }

    private static String displayName(Table table, boolean qualified) {
        return qualified ? table.qualifiedName() : table.name();
    }

    private static Set<String> foreignKeyColumns(SchemaTables schema) {
        Set<String> columns = new HashSet<>();
        for (ForeignKey key : schema.foreignKeys()) {
            key.fromColumns().forEach(column -> columns.add(key.fromTable() + "." + column));
        }
        return columns;
    }

    private static void table(StringBuilder svg, Box box, Set<String> keyColumns, boolean qualified) {
        Table table = box.table();
        String name = table.qualifiedName();
        svg.append("<g class=\"table\" data-table=\"").append(XmlText.escape(name)).append("\" transform=\"translate(")
                .append(box.x()).append(',').append(box.y()).append(")\">\n");
        svg.append("<title>").append(XmlText.escape(name)).append(": ").append(table.columns().size())
                .append(table.columns().size() == 1 ? " column" : " columns").append("</title>\n");
        svg.append("<rect class=\"table-box\" width=\"").append(box.width()).append("\" height=\"").append(box.height())
                .append("\" rx=\"4\"/>\n");
        svg.append("<rect class=\"table-head\" width=\"").append(box.width()).append("\" height=\"").append(HEAD)
                .append("\" rx=\"4\"/>\n");
        svg.append("<text class=\"table-name\" x=\"").append(PAD).append("\" y=\"").append(HEAD - 8).append("\">")
                .append(XmlText.escape(displayName(table, qualified))).append("</text>\n");
        int y = HEAD + ROW - 5;
        for (Column column : table.columns()) {
            String marker = column.primaryKey() ? "PK" : keyColumns.contains(name + "." + column.name()) ? "FK" : "";
            svg.append("<g class=\"column").append(column.primaryKey() ? " pk" : "").append(marker.equals("FK") ? " fk-column" : "")
                    .append("\" data-column=\"").append(XmlText.escape(column.name())).append("\">");
            if (!marker.isEmpty()) {
                svg.append("<text class=\"key\" x=\"").append(PAD).append("\" y=\"").append(y).append("\">").append(marker).append("</text>");
            }
            svg.append("<text class=\"column-name\" x=\"").append(PAD + KEY_WIDTH).append("\" y=\"").append(y).append("\">")
                    .append(XmlText.escape(column.name())).append("</text>");
            svg.append("<text class=\"column-type\" x=\"").append(box.width() - PAD).append("\" y=\"").append(y)
                    .append("\" text-anchor=\"end\">").append(XmlText.escape(typeLabel(column))).append("</text></g>\n");
            y += ROW;
        }
        svg.append("</g>\n");
    }

    /**
     * A curve from the referencing column to the referenced one: leaving the side that faces the
     * referenced table, or, between tables of one drawing column, looping out to their right.
     */
    private static void foreignKey(StringBuilder svg, ForeignKey key, Map<String, Box> boxes) {
        Box from = boxes.get(key.fromTable());
        Box to = boxes.get(key.toTable());
        if (from == null || to == null) {
            // A reference into a schema the reader leaves out (an extension's table): nothing to draw it to.
            return;
        }
        int startY = from.rowMiddle(key.fromColumns().get(0));
        int endY = to.rowMiddle(key.toColumns().get(0));
        String path;
        if (from.x() > to.x()) {
            int startX = from.x();
            int endX = to.x() + to.width();
            int bend = Math.max(40, (startX - endX) / 2);
            path = curve(startX, startY, startX - bend, endX + bend, endX, endY);
        } else if (from.x() < to.x()) {
            int startX = from.x() + from.width();
            int endX = to.x();
            int bend = Math.max(40, (endX - startX) / 2);
            path = curve(startX, startY, startX + bend, endX - bend, endX, endY);
        } else {
            int side = from.x() + from.width();
            int bend = 30 + Math.min(GAP_X / 2 - 10, Math.abs(startY - endY) / 12);
            path = curve(side, startY, side + bend, side + bend, side, endY);
        }
        svg.append("<path class=\"fk\" data-fk=\"").append(XmlText.escape(key.fromTable() + "." + key.name()))
                .append("\" data-from=\"").append(XmlText.escape(key.fromTable()))
                .append("\" data-to=\"").append(XmlText.escape(key.toTable()))
                .append("\" d=\"").append(path).append("\" marker-end=\"url(#fk-arrow)\"><title>")
                .append(XmlText.escape(key.name() + ": " + key.fromTable() + "(" + String.join(", ", key.fromColumns()) + ") \u2192 "
                        + key.toTable() + "(" + String.join(", ", key.toColumns()) + ")"))
                .append("</title></path>\n");
    }

    private static String curve(int startX, int startY, int control1X, int control2X, int endX, int endY) {
        return "M" + startX + "," + startY + " C" + control1X + "," + startY + " " + control2X + "," + endY + " " + endX + "," + endY;
    }
}
