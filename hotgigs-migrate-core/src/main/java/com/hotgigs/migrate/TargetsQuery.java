package com.hotgigs.migrate;

import com.hotgigs.migrate.connection.ConnectionFactory;
import com.hotgigs.migrate.connection.DatabaseFailure;
import com.hotgigs.migrate.connection.JdbcUrl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs {@code hotgigs.targetsQuery} on the configured database, read-only, and turns its first
 * column into targets: schema names, unless the column is called {@code datname}, {@code database}
 * or {@code database_name} (database names on the configured server); a value starting with
 * {@code jdbc:} is a database URL whatever the column.
 */
final class TargetsQuery {

    private static final Set<String> DATABASE_COLUMNS = Set.of("datname", "database", "database_name");
    /** read_only_sql_transaction: the query tried to write, which its read-only session refuses. */
    private static final String READ_ONLY_TRANSACTION = "25006";

    private TargetsQuery() {
    }

    /**
     * @throws ConfigurationException the query failed, returned no row, or a row with no name
     */
    static List<Target> run(MigratorConfig base, String query) {
        String where = JdbcUrl.describeTarget(base.url());
        try (Connection connection = new ConnectionFactory(base).open()) {
            try (Statement statement = connection.createStatement()) {
                // Read-only, so a query by mistake written to change something changes nothing.
                statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                try (ResultSet rows = statement.executeQuery(query)) {
                    return targets(rows, query, where);
                }
            } catch (SQLException e) {
                if (READ_ONLY_TRANSACTION.equals(e.getSQLState())) {
                    throw new ConfigurationException(ErrorCode.TARGETS_QUERY_FAILED, "The targets query (hotgigs.targetsQuery) "
                            + quoted(query) + " tried to change something on " + where + ": " + JdbcUrl.redact(e.getMessage())
                            + ". It runs in a read-only transaction so that it cannot, and nothing was changed or migrated. "
                            + "Write it as a query that only reads, e.g. SELECT schema_name FROM tenants WHERE active.", e);
                }
                DatabaseFailure failure = DatabaseFailure.classify(e, DatabaseFailure.Situation.working(base.url(), base.user(),
                        connection));
                throw new ConfigurationException(ErrorCode.TARGETS_QUERY_FAILED, "The targets query (hotgigs.targetsQuery) "
                        + quoted(query) + " failed on " + where + ": " + failure.explanation()
                        + " Nothing was migrated. Run the query in psql on that database to check it.", e);
            }
        } catch (SQLException e) {
            // Closing the connection failed after the query was read: what it returned stands.
            throw new ConfigurationException(ErrorCode.TARGETS_QUERY_FAILED, "Closing the targets query's connection to "
                    + where + " failed: " + JdbcUrl.redact(e.getMessage()), e);
        }
    }

    private static List<Target> targets(ResultSet rows, String query, String where) throws SQLException {
        boolean databases = DATABASE_COLUMNS.contains(rows.getMetaData().getColumnLabel(1).toLowerCase(Locale.ROOT));
        List<Target> targets = new ArrayList<>();
        while (rows.next()) {
            String value = rows.getString(1);
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(ErrorCode.TARGETS_QUERY_FAILED, "The targets query (hotgigs.targetsQuery) "
                        + quoted(query) + " returned a row with no name (row " + rows.getRow() + ") on " + where
                        + ". Nothing was migrated. Filter such rows out (WHERE ... IS NOT NULL).");
            }
            targets.add(databases || value.startsWith("jdbc:") ? Target.database(value) : Target.schema(value));
        }
        if (targets.isEmpty()) {
            throw new ConfigurationException(ErrorCode.NO_TARGETS, "The targets query (hotgigs.targetsQuery) " + quoted(query)
                    + " returned no rows on " + where + ", so there is nothing to migrate. Check the query (its WHERE clause, "
                    + "the database it runs on); to migrate the configured database itself, leave hotgigs.targetsQuery unset.");
        }
        return targets;
    }

    private static String quoted(String query) {
        String oneLine = query.strip().replaceAll("\\s+", " ");
        return "'" + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine) + "'";
    }
}
