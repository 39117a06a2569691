package com.hotgigs.migrate.schema;

import com.hotgigs.migrate.schema.SchemaTables.Column;
import com.hotgigs.migrate.schema.SchemaTables.ForeignKey;
import com.hotgigs.migrate.schema.SchemaTables.Table;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the tables, columns and foreign keys of a database's user schemas (all but {@code pg_*}
 * and {@code information_schema}), or of one schema, from the catalog, leaving out one table: the migration history,
 * which is the tool's, not the schema's. Tables that belong to an extension and partitions (whose
 * parent stands for them) are left out too. Two queries in one read-only transaction, so both see
 * the same moment.
 *
 * <p>Beside {@link CatalogReader}, which prints every object as text for comparing two databases,
 * this reads the structure a diagram draws: which columns form the primary key, and which columns
 * of which table each foreign key pairs, so nothing is parsed back out of printed definitions.
 */
public final class TableReader {

    private static final String USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    private static final String COLUMNS = "SELECT n.nspname, c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
            + "a.attnotnull, EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary "
            + "AND a.attnum = ANY (i.indkey)) "
            + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + USER_SCHEMA
            + " AND (?::text IS NULL OR n.nspname = ?) AND NOT (n.nspname = ? AND c.relname = ?) "
            + "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
            + "AND d.objid = c.oid AND d.deptype = 'e') "
            + "ORDER BY n.nspname, c.relname, a.attnum";

    /** Constraints a partitioned table's partitions inherit (conparentid set) are their parent's, read once there. */
    private static final String FOREIGN_KEYS = "SELECT con.conname, n.nspname || '.' || c.relname, "
            + "tn.nspname || '.' || t.relname, "
            + "ARRAY(SELECT a.attname FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, position) "
            + "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.position), "
            + "ARRAY(SELECT a.attname FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(attnum, position) "
            + "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.position) "
            + "FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "JOIN pg_catalog.pg_class t ON t.oid = con.confrelid JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace "
            + "WHERE con.contype = 'f' AND con.conparentid = 0 AND NOT c.relispartition AND " + USER_SCHEMA
            + " AND (?::text IS NULL OR n.nspname = ?) AND NOT (n.nspname = ? AND c.relname = ?) "
            + "ORDER BY n.nspname, c.relname, con.conname";

    /** The one schema read, or null for every user schema. */
    private final String onlySchema;
    private final String historySchema;
    private final String historyTable;

    /**
     * Every user schema.
     *
     * @param historySchema and {@code historyTable}: the history table, left out of what is read
     */
    public TableReader(String historySchema, String historyTable) {
        this(null, historySchema, historyTable);
    }

    private TableReader(String onlySchema, String historySchema, String historyTable) {
        this.onlySchema = onlySchema;
        this.historySchema = historySchema;
        this.historyTable = historyTable;
    }

    /**
     * One schema, whose history table {@code historyTable} is left out: a schema target's tables
     * without its neighbours'. Its foreign keys that refer into another schema are read too (they
     * are its tables' constraints); a diagram has no box to draw them to.
     */
    public static TableReader ofSchema(String schema, String historyTable) {
        return new TableReader(schema, schema, historyTable);
    }

    public SchemaTables read(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement setup = connection.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
                setup.execute();
            }
            return new SchemaTables(tables(connection), foreignKeys(connection));
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private List<Table> tables(Connection connection) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, COLUMNS); ResultSet rows = query.executeQuery()) {
            String schema = null;
            String name = null;
            List<Column> columns = new ArrayList<>();
            while (rows.next()) {
                if (!rows.getString(1).equals(schema) || !rows.getString(2).equals(name)) {
                    if (name != null) {
                        tables.add(new Table(schema, name, columns));
                    }
                    schema = rows.getString(1);
                    name = rows.getString(2);
                    columns = new ArrayList<>();
                }
                // A table without columns has one row whose column fields are null.
                if (rows.getString(3) != null) {
                    columns.add(new Column(rows.getString(3), rows.getString(4), rows.getBoolean(5), rows.getBoolean(6)));
                }
            }
            if (name != null) {
                tables.add(new Table(schema, name, columns));
            }
        }
        return tables;
    }

    private List<ForeignKey> foreignKeys(Connection connection) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, FOREIGN_KEYS); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.add(new ForeignKey(rows.getString(1), rows.getString(2), names(rows.getArray(4)), rows.getString(3),
                        names(rows.getArray(5))));
            }
        }
        return keys;
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, onlySchema);
        statement.setString(2, onlySchema);
        statement.setString(3, historySchema);
        statement.setString(4, historyTable);
        return statement;
    }

    private static List<String> names(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
