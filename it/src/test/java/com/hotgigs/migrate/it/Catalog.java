package com.hotgigs.migrate.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a build left in a database, read from the catalog and the history table: the facts the
 * tests assert on besides the build log.
 */
public final class Catalog {

    private final String url;

    public Catalog(String url) {
        this.url = url;
    }

    public Connection connect() throws SQLException {
        return InvokerDatabase.connect(url);
    }

    public List<String> tables(String schema) {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_type = 'BASE TABLE' ORDER BY table_name", schema);
    }

    public List<String> views(String schema) {
        return strings("SELECT table_name FROM information_schema.views WHERE table_schema = ? ORDER BY table_name", schema);
    }

    public boolean hasTable(String schema, String table) {
        return tables(schema).contains(table);
    }

    /** Every attempt recorded in public.schema_migrations, in rank order; empty when there is no such table. */
    public List<HistoryRow> history() {
        if (!hasTable("public", "schema_migrations")) {
            return List.of();
        }
        List<HistoryRow> rows = new ArrayList<>();
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT installed_rank, version, name, script, checksum, installed_by, execution_time_ms, "
                             + "success, error FROM public.schema_migrations ORDER BY installed_rank");
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new HistoryRow(result.getInt(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), result.getString(6), result.getInt(7),
                        result.getBoolean(8), result.getString(9)));
            }
        } catch (SQLException e) {
            throw new AssertionError("could not read the history of " + url + ": " + e.getMessage(), e);
        }
        return rows;
    }

    public List<String> successfulVersions() {
        return history().stream().filter(HistoryRow::success).map(HistoryRow::version).toList();
    }

    /** Advisory locks held or awaited in this database, by any session. */
    public int advisoryLocks() {
        return count("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                + "WHERE l.locktype = 'advisory' AND d.datname = current_database()");
    }

    /** Sessions on this database other than the one asking. */
    public int otherSessions() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid()");
    }

    public int count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("query failed on " + url + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("statement failed on " + url + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private List<String> strings(String sql, String parameter) {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("query failed on " + url + ": " + sql + ": " + e.getMessage(), e);
        }
        return values;
    }
}
