package com.hotgigs.migrate.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed {@code CREATE INDEX CONCURRENTLY} left behind, as the catalog shows it: the INVALID
 * index PostgreSQL made (named by the server when the statement names none), to be dropped before a
 * retry, or an index that is there and valid (an earlier run built it), which must be kept. How it reads
 * the statement and the catalog is shared with {@link InvalidIndexSkipped}, which asks after one that succeeded.
 */
final class ConcurrentIndexHint {

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[\\w$]+)";
    private static final Pattern STATEMENT = Pattern.compile("(?is)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:(?!ON\\s)(" + NAME + ")\\s+)?ON\\s+(?:ONLY\\s+)?(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?)");

    private ConcurrentIndexHint() {
    }

    /** The sentence for a failed statement, or "" when it is no CREATE INDEX CONCURRENTLY. */
    static String describe(Connection connection, String sql) {
        Optional<Target> target = Target.of(sql);
        if (target.isEmpty()) {
            return "";
        }
        String index = target.get().index();
        String table = target.get().table();
        List<Found> found;
        try {
            found = lookUp(connection, target.get());
        } catch (SQLException e) {
            return " A failed CREATE INDEX CONCURRENTLY can leave an INVALID index on " + table + " behind; find it with "
                    + "SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid, and drop it with DROP INDEX CONCURRENTLY "
                    + "before retrying.";
        }
        List<String> invalid = found.stream().filter(f -> !f.valid()).map(Found::name).toList();
        if (!invalid.isEmpty()) {
            return " The failed CREATE INDEX CONCURRENTLY left the INVALID index " + String.join(", ", invalid) + " behind: drop it with "
                    + String.join(" ", invalid.stream().map(name -> "DROP INDEX CONCURRENTLY IF EXISTS " + name + ";").toList())
                    + " before retrying.";
        }
        if (index != null && !found.isEmpty()) {
            return existingIndex(found.get(0), IndexProbe.definition(connection, target.get()));
        }
        return "";
    }

    /**
     * A valid index of the statement's name is there: kept only when it is the index the statement builds
     * (an earlier run built it before it could be recorded). Another one, made by hand or by another script,
     * would be recorded as this migration's if IF NOT EXISTS skipped it.
     *
     * @param built what the server prints for the statement's index; empty when that could not be learnt
     */
    private static String existingIndex(Found existing, Optional<String> built) {
        if (built.isEmpty()) {
            return " Index " + existing.name() + " exists and is valid: " + existing.definition() + ". If that is the index "
                    + "this statement builds (an earlier run built it before it could be recorded), keep it and write "
                    + "CREATE INDEX CONCURRENTLY IF NOT EXISTS so the script can run again; if not, drop it (DROP INDEX "
                    + "CONCURRENTLY " + existing.name() + ";) or rename it, and run migrate again.";
        }
        if (IndexProbe.sameIndex(existing.definition(), built.get())) {
            return " Index " + existing.name() + " exists and is valid, and is the index this statement builds (an earlier "
                    + "run built it before it could be recorded): keep it, and write CREATE INDEX CONCURRENTLY IF NOT EXISTS "
                    + "so the script can run again.";
        }
        return " Index " + existing.name() + " exists, but it is not the index this statement builds: it is "
                + existing.definition() + ", and the statement's would be " + IndexProbe.asNamed(existing.definition(), built.get())
                + ". Keeping it with IF NOT EXISTS would record this migration as applied without its index. Drop it (DROP "
                + "INDEX CONCURRENTLY " + existing.name() + ";) or rename it (ALTER INDEX " + existing.name() + " RENAME TO "
                + "...), or give this statement's index another name, and run migrate again.";
    }

    /**
     * What a CREATE [UNIQUE] INDEX CONCURRENTLY statement names.
     *
     * @param index the index's name as the catalog stores it; null when the statement names none
     * @param table the table as written, resolved by the server through the session's search_path
     * @param unique whether it is a CREATE UNIQUE INDEX
     * @param rest  the statement after the table: method, columns, INCLUDE, WITH, TABLESPACE, WHERE
     */
    record Target(String index, String table, boolean unique, String rest) {

        /** Empty when the statement is no CREATE INDEX CONCURRENTLY. */
        static Optional<Target> of(String sql) {
            Matcher statement = STATEMENT.matcher(sql);
            if (!statement.lookingAt()) {
                return Optional.empty();
            }
            return Optional.of(new Target(statement.group(2) == null ? null : unquote(statement.group(2)), statement.group(3),
                    statement.group(1) != null, sql.substring(statement.end())));
        }
    }

    /**
     * An index as the catalog shows it, its name schema-qualified and quoted where it needs to be.
     *
     * @param definition what {@code pg_get_indexdef} prints for it
     */
    record Found(String name, boolean valid, String definition) {
    }

    /** The named index on the table, or (for an unnamed statement) the table's INVALID indexes. */
    static List<Found> lookUp(Connection connection, Target target) throws SQLException {
        String table = target.table();
        String index = target.index();
        if (!connection.getAutoCommit()) {
            throw new SQLException("the connection is in a transaction");
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), i.indisvalid, "
                        + "pg_catalog.pg_get_indexdef(i.indexrelid) "
                        + "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
                        + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE i.indrelid = pg_catalog.to_regclass(?) AND (CASE WHEN ?::text IS NULL THEN NOT i.indisvalid "
                        + "ELSE c.relname = ? END) ORDER BY c.relname")) {
            query.setString(1, table);
            query.setString(2, index);
            query.setString(3, index);
            List<Found> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Found(rows.getString(1), rows.getBoolean(2), rows.getString(3)));
                }
            }
            return found;
        }
    }

    /** An identifier as the catalog stores it: a quoted one as written, an unquoted one folded to lower case. */
    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(Locale.ROOT);
    }
}
