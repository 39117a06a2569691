package com.hotgigs.migrate.history;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code schema_migrations} table: one row per attempt. All SQL here is schema-qualified, so a
 * migration's {@code search_path} cannot redirect the bookkeeping.
 */
public final class HistoryTable {

    /** The expected columns and their types as {@code format_type} prints them. */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("installed_rank", "integer");
        COLUMNS.put("version", "text");
        COLUMNS.put("name", "text");
        COLUMNS.put("script", "text");
        COLUMNS.put("checksum", "text");
        COLUMNS.put("installed_by", "text");
        COLUMNS.put("installed_on", "timestamp with time zone");
        COLUMNS.put("execution_time_ms", "integer");
        COLUMNS.put("success", "boolean");
        COLUMNS.put("error", "text");
    }

    private final String schema;
    private final String table;

    public HistoryTable(String schema, String table) {
        this.schema = schema;
        this.table = table;
    }

    /** The quoted, schema-qualified name, for SQL. */
    public String qualifiedName() {
        return quote(schema) + "." + quote(table);
    }

    /** schema.table, for messages and the lock key. */
    public String displayName() {
        return schema + "." + table;
    }

    public boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relname = ?")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Whether the table exists, refusing one of this name that another tool made before anything
     * is written to it. One query: it runs at the start of every goal.
     *
     * @throws ConfigurationException the table exists with other columns
     */
    public boolean existsAsHistory(Connection connection) throws SQLException {
        Map<String, String> actual = new LinkedHashMap<>();
        boolean exists = false;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) "
                        + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                        + "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                        + "WHERE n.nspname = ? AND c.relname = ? "
                        + "ORDER BY a.attnum")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    exists = true;
                    if (rows.getString(1) != null) {
                        actual.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        if (exists && !actual.equals(COLUMNS)) {
            throw new ConfigurationException(ErrorCode.FOREIGN_HISTORY_TABLE,
                    "Table " + displayName() + " exists but is not a hotgigs-migrate history table: it has columns "
                            + describe(actual) + ", expected " + describe(COLUMNS) + ". It was left untouched. "
                            + "If another tool made it, set hotgigs.table to another name (e.g. hotgigs_schema_migrations), "
                            + "or rename the old table.");
        }
        return exists;
    }

    private static String describe(Map<String, String> columns) {
        List<String> parts = new ArrayList<>();
        columns.forEach((name, type) -> parts.add(name + " " + type));
        return "(" + String.join(", ", parts) + ")";
    }

    public void create(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            ddl.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " ("
                    + "installed_rank integer PRIMARY KEY, "
                    + "version text NOT NULL, "
                    + "name text NOT NULL, "
                    + "script text NOT NULL, "
                    + "checksum text NOT NULL, "
                    + "installed_by text NOT NULL, "
                    + "installed_on timestamptz NOT NULL DEFAULT pg_catalog.now(), "
                    + "execution_time_ms integer NOT NULL, "
                    + "success boolean NOT NULL, "
                    + "error text)");
            ddl.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + quote(table + "_applied_version") + " ON "
                    + qualifiedName() + " (version) WHERE success");
            ddl.execute("COMMENT ON TABLE " + qualifiedName()
                    + " IS 'hotgigs-migrate history: one row per attempt to apply a migration'");
        }
    }

    public List<AppliedMigration> readAll(Connection connection) throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement query = connection.createStatement();
             // installed_on as microseconds since the epoch: parsing thousands of timestamp texts
             // dominated reading a long history.
             ResultSet result = query.executeQuery("SELECT installed_rank, version, name, script, checksum, installed_by, "
                     + "(pg_catalog.date_part('epoch', installed_on) * 1000000)::int8, execution_time_ms, success, error FROM "
                     + qualifiedName() + " ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(new AppliedMigration(result.getInt(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), result.getString(6),
                        utc(result.getLong(7)), result.getInt(8), result.getBoolean(9),
                        result.getString(10)));
            }
        }
        return rows;
    }

    /**
     * Records an attempt in the caller's transaction. The rank is assigned here, under the migration
     * lock, so no sequence is needed.
     */
    public void record(Connection connection, NewAttempt attempt) throws SQLException {
        record(connection, attempt, "", "");
    }

    /**
     * Records an attempt between {@code precedingSql} and {@code followingSql} (statements without
     * parameters, each ending with a semicolon), sent together with the insert in one round trip to
     * the server. A statement that fails stops the ones after it.
     */
    public void record(Connection connection, NewAttempt attempt, String precedingSql, String followingSql) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(precedingSql + "INSERT INTO " + qualifiedName()
                + " (installed_rank, version, name, script, checksum, installed_by, execution_time_ms, success, error) "
                + "SELECT COALESCE(pg_catalog.max(installed_rank), 0) + 1, ?, ?, ?, ?, session_user, ?, ?, ? FROM "
                + qualifiedName() + ";" + followingSql)) {
            insert.setString(1, attempt.version());
            insert.setString(2, attempt.name());
            insert.setString(3, attempt.script());
            insert.setString(4, attempt.checksum());
            insert.setInt(5, attempt.executionTimeMs());
            insert.setBoolean(6, attempt.success());
            insert.setString(7, attempt.error());
            insert.execute();
        }
    }

    private static OffsetDateTime utc(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000), Math.floorMod(epochMicros, 1_000_000) * 1_000L)
                .atOffset(ZoneOffset.UTC);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
