package com.hotgigs.migrate.schema;

import java.util.List;

/**
 * The tables of a database's user schemas, with their columns and the foreign keys between them,
 * as the catalog has them: what a schema diagram draws. Tables are in schema and name order,
 * columns in their table's order, foreign keys by table and constraint name.
 */
public record SchemaTables(List<Table> tables, List<ForeignKey> foreignKeys) {

    public SchemaTables {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** Whether the tables live in more than one schema, so that names must be shown qualified. */
    public boolean severalSchemas() {
        return tables.stream().map(Table::schema).distinct().count() > 1;
    }

    /** A table (or a partitioned table; its partitions are left out) and its columns. */
    public record Table(String schema, String name, List<Column> columns) {

        public Table {
            columns = List.copyOf(columns);
        }

        /** {@code schema.name}, the key foreign keys refer to tables by. */
        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /**
     * @param type       as {@code format_type} prints it, e.g. {@code character varying(255)}
     * @param primaryKey whether the column is part of the table's primary key
     */
    public record Column(String name, String type, boolean notNull, boolean primaryKey) {
    }

    /**
     * A foreign key constraint: {@code fromColumns} of {@code fromTable} refer to
     * {@code toColumns} of {@code toTable}, pairwise in order. Tables are qualified names.
     */
    public record ForeignKey(String name, String fromTable, List<String> fromColumns, String toTable, List<String> toColumns) {

        public ForeignKey {
            fromColumns = List.copyOf(fromColumns);
            toColumns = List.copyOf(toColumns);
        }
    }
}
