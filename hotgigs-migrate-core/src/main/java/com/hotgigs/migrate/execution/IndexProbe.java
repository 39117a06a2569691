package com.hotgigs.migrate.execution;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The index a CREATE INDEX CONCURRENTLY statement builds, as the server prints it ({@code pg_get_indexdef}),
 * to compare with an index of the same name that is already there. The server, not a reading of the text,
 * says what the statement means (defaults, opclasses, expressions), and it says it on an empty temporary
 * copy of the table's columns, in a transaction rolled back at once: nothing is built on the table itself,
 * which takes no lock stronger than the one reading its columns takes.
 */
final class IndexProbe {

    private static final String TABLE = "hotgigs_index_probe";
    private static final String USING = " USING ";

    private IndexProbe() {
    }

    /**
     * @return the definition of the statement's index on the probe table; empty when the server could not
     * make it (no temporary tables allowed, a tablespace the role cannot use, an open transaction)
     */
    static Optional<String> definition(Connection connection, ConcurrentIndexHint.Target target) {
        try {
            if (!connection.getAutoCommit()
                    || connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                return Optional.empty();
            }
            connection.setAutoCommit(false);
            try (Statement probe = connection.createStatement()) {
                probe.execute("CREATE TEMPORARY TABLE " + TABLE + " (LIKE " + target.table() + ")");
                probe.execute("CREATE " + (target.unique() ? "UNIQUE " : "") + "INDEX " + TABLE + "_index ON pg_temp." + TABLE
                        + " " + target.rest());
                try (ResultSet row = probe.executeQuery("SELECT pg_catalog.pg_get_indexdef('pg_temp." + TABLE
                        + "_index'::pg_catalog.regclass)")) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Whether two definitions are of the same index but for its name and table: unique or not, and all after USING. */
    static boolean sameIndex(String existing, String built) {
        return unique(existing) == unique(built) && afterTable(existing).equals(afterTable(built));
    }

    /**
     * The statement's index as the server would print it under the existing one's name and table:
     * "CREATE INDEX base_t2 ON public.base USING btree (t)".
     */
    static String asNamed(String existing, String built) {
        String nameAndTable = beforeTable(existing).replaceFirst("^CREATE (UNIQUE )?INDEX ", "");
        return (unique(built) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + nameAndTable + afterTable(built);
    }

    private static boolean unique(String definition) {
        return definition.startsWith("CREATE UNIQUE INDEX ");
    }

    private static String afterTable(String definition) {
        int using = definition.indexOf(USING);
        return using < 0 ? definition : definition.substring(using);
    }

    private static String beforeTable(String definition) {
        int using = definition.indexOf(USING);
        return using < 0 ? "" : definition.substring(0, using);
    }
}
