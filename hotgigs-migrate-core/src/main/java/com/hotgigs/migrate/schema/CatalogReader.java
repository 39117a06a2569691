package com.hotgigs.migrate.schema;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads every object of a database's user schemas (all but {@code pg_*} and
 * {@code information_schema}), or of one schema alone, as PostgreSQL itself prints it: {@code pg_get_indexdef},
 * {@code pg_get_constraintdef}, {@code pg_get_viewdef}, {@code pg_get_functiondef},
 * {@code pg_get_triggerdef}, {@code format_type}. Objects that belong to an extension count as
 * the extension. One query per kind of object, not per object: the HotGigs schema is read in a
 * few tens of milliseconds.
 *
 * <p>Reads only. The queries run in one read-only transaction with {@code search_path} set to
 * {@code pg_catalog} for it alone, so that both servers print names qualified the same way
 * whatever a role's own search path is, and every query sees the same moment.
 */
public final class CatalogReader {

    private static final String USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    private final Set<String> excludedTables;
    private final String onlySchema;
    private final String userSchema;

    /** @param excludedTables {@code schema.table} names left out with their columns, indexes, constraints and triggers (history tables) */
    public CatalogReader(Set<String> excludedTables) {
        this(excludedTables, null);
    }

    /**
     * @param onlySchema the one schema to read, or null for every user schema. A tenant schema is compared
     *                   alone: the database's other tenants are not its objects. Extensions belong to the whole
     *                   database, not to one schema, so a schema read alone leaves them out.
     */
    public CatalogReader(Set<String> excludedTables, String onlySchema) {
        this.excludedTables = Set.copyOf(excludedTables);
        this.onlySchema = onlySchema;
        this.userSchema = onlySchema == null ? USER_SCHEMA : "n.nspname = '" + onlySchema.replace("'", "''") + "'";
    }

    public SchemaCatalog read(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement setup = connection.createStatement()) {
                setup.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                setup.execute("SELECT pg_catalog.set_config('search_path', 'pg_catalog', true)");
            }
            Array excluded = connection.createArrayOf("text", excludedTables.toArray());
            List<SchemaObject> objects = new ArrayList<>();
            readSchemas(connection, objects);
            readRelations(connection, excluded, objects);
            readIndexes(connection, excluded, objects);
            readConstraints(connection, excluded, objects);
            readTriggers(connection, excluded, objects);
            readFunctions(connection, objects);
            readTypes(connection, objects);
            if (onlySchema == null) {
                readExtensions(connection, objects);
            }
            return new SchemaCatalog(objects);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String notExtensionMember(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND d.objid = " + oid + " AND d.deptype = 'e')";
    }

    private static String notExcluded(String table) {
        return "(n.nspname || '.' || " + table + ".relname) <> ALL (?)";
    }

    private void readSchemas(Connection connection, List<SchemaObject> objects) throws SQLException {
        query(connection, "SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE " + userSchema + " AND "
                + notExtensionMember("pg_namespace", "n.oid"), null, row -> objects.add(new SchemaObject("schema", row.getString(1),
                "schema " + row.getString(1))));
    }

    /** Tables, views, materialized views, foreign tables and sequences, with their columns, in one query. */
    private void readRelations(Connection connection, Array excluded, List<SchemaObject> objects) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, "
                + "CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END, "
                + "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, "
                + "CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END, "
                + "CASE WHEN c.relkind = 'S' THEN pg_catalog.format_type(s.seqtypid, NULL) || ' START ' || s.seqstart "
                + "|| ' INCREMENT ' || s.seqincrement || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' "
                + "|| s.seqcache || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END END, "
                + "a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                + "pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated, "
                + "CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END "
                + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid "
                + "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND c.relkind <> 'S' "
                + "LEFT JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid "
                + "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
                + "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum "
                + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND " + userSchema + " AND "
                + notExtensionMember("pg_class", "c.oid") + " AND " + notExcluded("c") + " "
                + "ORDER BY n.nspname, c.relname, a.attnum";
        String[] last = {null};
        query(connection, sql, excluded, row -> {
            String relation = row.getString(1) + "." + row.getString(2);
            if (!relation.equals(last[0])) {
                last[0] = relation;
                objects.add(relation(row, relation));
            }
            if (row.getString(10) != null) {
                objects.add(new SchemaObject("column", relation + "." + row.getString(10), column(row), relation));
            }
        });
    }

    private static SchemaObject relation(ResultSet row, String relation) throws SQLException {
        String kind = switch (row.getString(3)) {
            case "v" -> "view";
            case "m" -> "materialized view";
            case "f" -> "foreign table";
            case "S" -> "sequence";
            default -> "table";
        };
        StringBuilder definition = new StringBuilder();
        switch (kind) {
            case "view", "materialized view" -> definition.append(row.getString(6).strip());
            case "sequence" -> definition.append(row.getString(9));
            default -> {
                definition.append("u".equals(row.getString(4)) ? "unlogged table" : "table");
                if (row.getString(7) != null) {
                    definition.append(" PARTITION BY ").append(row.getString(7));
                }
                if (row.getString(8) != null) {
                    definition.append(" PARTITION ").append(row.getString(8));
                }
                if (row.getBoolean(5)) {
                    definition.append(", row level security enabled");
                }
            }
        }
        return new SchemaObject(kind, relation, definition.toString());
    }

    private static String column(ResultSet row) throws SQLException {
        StringBuilder definition = new StringBuilder(row.getString(11));
        if (row.getString(16) != null) {
            definition.append(" COLLATE ").append(row.getString(16));
        }
        String generated = row.getString(15);
        String defaultValue = row.getString(13);
        if (generated != null && !generated.isEmpty() && defaultValue != null) {
            definition.append(" GENERATED ALWAYS AS (").append(defaultValue).append(") STORED");
        } else if (defaultValue != null) {
            definition.append(" DEFAULT ").append(defaultValue);
        }
        String identity = row.getString(14);
        if ("a".equals(identity)) {
            definition.append(" GENERATED ALWAYS AS IDENTITY");
        } else if ("d".equals(identity)) {
            definition.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        if (row.getBoolean(12)) {
            definition.append(" NOT NULL");
        }
        return definition.toString();
    }

    private void readIndexes(Connection connection, Array excluded, List<SchemaObject> objects) throws SQLException {
        query(connection, "SELECT n.nspname, ic.relname, pg_catalog.pg_get_indexdef(i.indexrelid), i.indisvalid, t.relname "
                + "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
                + "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE " + userSchema + " AND " + notExtensionMember("pg_class", "t.oid") + " AND " + notExcluded("t"),
                excluded, row -> objects.add(new SchemaObject("index", row.getString(1) + "." + row.getString(2),
                        row.getString(3) + (row.getBoolean(4) ? "" : " (INVALID)"), row.getString(1) + "." + row.getString(5))));
    }

    /** Table and domain constraints; a table's are named after it, as two tables may each have a constraint of one name. */
    private void readConstraints(Connection connection, Array excluded, List<SchemaObject> objects) throws SQLException {
        query(connection, "SELECT n.nspname, COALESCE(t.relname, ty.typname), con.conname, "
                + "pg_catalog.pg_get_constraintdef(con.oid, true) "
                + "FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_namespace n ON n.oid = con.connamespace "
                + "LEFT JOIN pg_catalog.pg_class t ON t.oid = con.conrelid "
                + "LEFT JOIN pg_catalog.pg_type ty ON ty.oid = con.contypid "
                + "WHERE " + userSchema + " AND (t.oid IS NULL OR (" + notExtensionMember("pg_class", "t.oid")
                + " AND " + notExcluded("t") + ")) AND (ty.oid IS NULL OR " + notExtensionMember("pg_type", "ty.oid") + ")",
                excluded, row -> objects.add(new SchemaObject("constraint",
                        row.getString(1) + "." + row.getString(2) + "." + row.getString(3), row.getString(4),
                        row.getString(1) + "." + row.getString(2))));
    }

    private void readTriggers(Connection connection, Array excluded, List<SchemaObject> objects) throws SQLException {
        query(connection, "SELECT n.nspname, c.relname, tg.tgname, pg_catalog.pg_get_triggerdef(tg.oid, true) "
                + "FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE NOT tg.tgisinternal AND " + userSchema + " AND " + notExtensionMember("pg_class", "c.oid")
                + " AND " + notExcluded("c"),
                excluded, row -> objects.add(new SchemaObject("trigger",
                        row.getString(1) + "." + row.getString(2) + "." + row.getString(3), row.getString(4),
                        row.getString(1) + "." + row.getString(2))));
    }

    /** Functions and procedures by their whole definition; aggregates by their signature and result. */
    private void readFunctions(Connection connection, List<SchemaObject> objects) throws SQLException {
        query(connection, "SELECT n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid), p.prokind, "
                + "CASE WHEN p.prokind = 'a' THEN 'aggregate returning ' || pg_catalog.pg_get_function_result(p.oid) "
                + "ELSE pg_catalog.pg_get_functiondef(p.oid) END "
                + "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE " + userSchema + " AND " + notExtensionMember("pg_proc", "p.oid"),
                null, row -> objects.add(new SchemaObject("p".equals(row.getString(4)) ? "procedure" : "function",
                        row.getString(1) + "." + row.getString(2) + "(" + row.getString(3) + ")", row.getString(5).strip())));
    }

    /** Enums (labels in order), domains, composite types and ranges; a table's own row type is the table. */
    private void readTypes(Connection connection, List<SchemaObject> objects) throws SQLException {
        query(connection, "SELECT n.nspname, t.typname, CASE t.typtype "
                + "WHEN 'e' THEN 'enum (' || COALESCE((SELECT pg_catalog.string_agg(pg_catalog.quote_literal(e.enumlabel), ', ' "
                + "ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '') || ')' "
                + "WHEN 'd' THEN 'domain ' || pg_catalog.format_type(t.typbasetype, t.typtypmod) "
                + "|| CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END || COALESCE(' DEFAULT ' || t.typdefault, '') "
                + "WHEN 'c' THEN 'composite (' || COALESCE((SELECT pg_catalog.string_agg(a.attname || ' ' "
                + "|| pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a "
                + "WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')' "
                + "ELSE 'range of ' || (SELECT pg_catalog.format_type(r.rngsubtype, NULL) FROM pg_catalog.pg_range r "
                + "WHERE r.rngtypid = t.oid) END "
                + "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE t.typtype IN ('e', 'd', 'c', 'r') AND " + userSchema + " AND " + notExtensionMember("pg_type", "t.oid")
                + " AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')",
                null, row -> objects.add(new SchemaObject("type", row.getString(1) + "." + row.getString(2), row.getString(3))));
    }

    /** An extension by name and schema; its version follows the server's build, which is not the schema's doing. */
    private static void readExtensions(Connection connection, List<SchemaObject> objects) throws SQLException {
        query(connection, "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace", null,
                row -> objects.add(new SchemaObject("extension", row.getString(1), "in schema " + row.getString(2))));
    }

    private interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, Array excluded, RowHandler handler) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (excluded != null) {
                statement.setArray(1, excluded);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.accept(rows);
                }
            }
        }
    }
}
