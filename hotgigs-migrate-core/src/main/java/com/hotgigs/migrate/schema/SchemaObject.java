package com.hotgigs.migrate.schema;

/**
 * One object of a database schema as PostgreSQL prints it.
 *
 * @param kind       what it is: table, column, index, constraint, view, function, ...
 * @param identity   a name stable across servers (schema-qualified, never an OID), e.g. {@code public.users.email}
 * @param definition what the catalog's own functions print for it ({@code pg_get_indexdef}, {@code format_type}, ...)
 * @param owner      the identity of the table (or domain) it belongs to, for columns, indexes, constraints and
 *                   triggers; null for objects of their own
 */
public record SchemaObject(String kind, String identity, String definition, String owner) {

    /** An object of its own, not part of a table. */
    public SchemaObject(String kind, String identity, String definition) {
        this(kind, identity, definition, null);
    }

    /** How messages name it: {@code index public.idx_users_role}. */
    public String displayName() {
        return kind + " " + identity;
    }
}
