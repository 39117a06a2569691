package com.hotgigs.migrate.history;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code schema_migrations} table: one row per attempt. All SQL here is schema-qualified, so a
 * migration's {@code search_path} cannot redirect the bookkeeping.
 */
public final class HistoryTable {

    /**
     * The format this build writes. Format 1 is the first released shape (ten columns, one row per
     * attempt); format 2 adds {@code kind} and {@code previous_checksum} and lets a repeatable run
     * have no version. The table's comment carries the format, so a build older than the table can
     * refuse it instead of misreading it.
     */
    public static final int FORMAT = 2;

    private static final Pattern FORMAT_MARKER = Pattern.compile("hotgigs-migrate history format (\\d+)");

    /** The columns of format 1 and their types as {@code format_type} prints them. */
    private static final Map<String, String> COLUMNS_V1 = new LinkedHashMap<>();
    /** The columns of the current format: format 1's, then the ones format 2 added, in that order. */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS_V1.put("installed_rank", "integer");
        COLUMNS_V1.put("version", "text");
        COLUMNS_V1.put("name", "text");
        COLUMNS_V1.put("script", "text");
        COLUMNS_V1.put("checksum", "text");
        COLUMNS_V1.put("installed_by", "text");
        COLUMNS_V1.put("installed_on", "timestamp with time zone");
        COLUMNS_V1.put("execution_time_ms", "integer");
        COLUMNS_V1.put("success", "boolean");
        COLUMNS_V1.put("error", "text");
        COLUMNS.putAll(COLUMNS_V1);
        COLUMNS.put("kind", "text");
        COLUMNS.put("previous_checksum", "text");
    }

    private static final int MAX_IDENTIFIER_BYTES = 63;

    /**
     * The unique index's predicate as PostgreSQL prints it: format 1's, and the current one, which
     * covers only the kinds of row that apply a version.
     */
    private static final String UNIQUE_PREDICATES = "'success', "
            + "'(success AND (kind = ANY (ARRAY[''MIGRATION''::text, ''BASELINE''::text, ''IMPORT''::text])))'";

    /**
     * Per row of the catalog query: whether a valid unique index on (version) for the rows that
     * apply a version exists, whatever its name.
     */
    private static final String UNIQUE_VERSION_INDEX_EXISTS = "EXISTS (SELECT 1 FROM pg_catalog.pg_index i "
            + "JOIN pg_catalog.pg_attribute v ON v.attrelid = c.oid AND v.attname = 'version' "
            + "WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid AND i.indnatts = 1 AND i.indkey[0] = v.attnum "
            + "AND i.indexprs IS NULL AND pg_catalog.pg_get_expr(i.indpred, i.indrelid) IN (" + UNIQUE_PREDICATES + "))";

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
                "SELECT 1 FROM pg_catalog.pg_class c WHERE " + NamedRelation.CONDITION)) {
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
     * @throws ConfigurationException the table exists with other columns, or a newer build wrote it
     */
    public boolean existsAsHistory(Connection connection) throws SQLException {
        return format(connection) > 0;
    }

    /**
     * The table's format: 0 when it does not exist, 1 for the first released shape, {@value #FORMAT}
     * for the current one. One query: it runs at the start of every goal.
     *
     * @throws ConfigurationException the table exists with other columns, or a newer build wrote it
     */
    public int format(Connection connection) throws SQLException {
        return inspect(connection).format();
    }

    /**
     * The table as the catalog shows it: its format, and whether the unique index that keeps a
     * version from being recorded as applied twice is there. One query, at the start of every goal.
     *
     * @throws ConfigurationException the table exists with other columns, or a newer build wrote it
     */
    public HistoryTableState inspect(Connection connection) throws SQLException {
        Map<String, String> actual = new LinkedHashMap<>();
        boolean exists = false;
        boolean versionUnique = false;
        String comment = null;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), pg_catalog.obj_description(c.oid, 'pg_class'), "
                        + UNIQUE_VERSION_INDEX_EXISTS + " "
                        + "FROM pg_catalog.pg_class c "
                        + "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                        + "WHERE " + NamedRelation.CONDITION + " "
                        + "ORDER BY a.attnum")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    exists = true;
                    comment = rows.getString(3);
                    versionUnique = rows.getBoolean(4);
                    if (rows.getString(1) != null) {
                        actual.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        if (!exists) {
            return new HistoryTableState(0, false);
        }
        int marked = markedFormat(comment);
        if (marked > FORMAT) {
            throw new ConfigurationException(ErrorCode.NEWER_HISTORY_FORMAT,
                    "History table " + displayName() + " was written by a newer hotgigs-migrate (history format " + marked
                            + "; this version reads formats 1 to " + FORMAT + "). It was left untouched. "
                            + "Use the hotgigs-migrate version that last migrated this database, or a newer one.");
        }
        if (actual.equals(COLUMNS)) {
            return new HistoryTableState(FORMAT, versionUnique);
        }
        if (actual.equals(COLUMNS_V1)) {
            return new HistoryTableState(1, versionUnique);
        }
        throw new ConfigurationException(ErrorCode.FOREIGN_HISTORY_TABLE,
                "Table " + displayName() + " exists but is not a hotgigs-migrate history table: it has columns "
                        + describe(actual) + ", expected " + describe(COLUMNS) + ". It was left untouched. "
                        + "If another tool made it (the database guide's migrate.py, Rails, ...), set hotgigs.table to another "
                        + "name (e.g. -Dhotgigs.table=hotgigs_schema_migrations) and run hotgigs:baseline to record the "
                        + "migrations your schema already has; or rename the old table.");
    }

    private static int markedFormat(String comment) {
        if (comment == null) {
            return 0;
        }
        Matcher marker = FORMAT_MARKER.matcher(comment);
        return marker.find() ? Integer.parseInt(marker.group(1)) : 0;
    }

    private static String describe(Map<String, String> columns) {
        List<String> parts = new ArrayList<>();
        columns.forEach((name, type) -> parts.add(name + " " + type));
        return "(" + String.join(", ", parts) + ")";
    }

    /**
     * Creates the table, and its schema only when that is missing: {@code CREATE SCHEMA IF NOT EXISTS}
     * needs CREATE on the database even when the schema exists, which a least-privilege role lacks.
     */
    public void create(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            for (String sql : createStatements(schemaExists(connection))) {
                ddl.execute(sql);
            }
        }
    }

    /** What {@link #create} runs, in order; the plan prints it. */
    public List<String> createStatements(boolean schemaExists) {
        List<String> statements = new ArrayList<>();
        if (!schemaExists) {
            statements.add("CREATE SCHEMA " + quote(schema));
        }
        statements.add("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " ("
                    + "installed_rank integer PRIMARY KEY, "
                    + "version text, "
                    + "name text NOT NULL, "
                    + "script text NOT NULL, "
                    + "checksum text NOT NULL, "
                    + "installed_by text NOT NULL, "
                    + "installed_on timestamptz NOT NULL DEFAULT pg_catalog.now(), "
                    + "execution_time_ms integer NOT NULL, "
                    + "success boolean NOT NULL, "
                    + "error text, "
                    + "kind text NOT NULL DEFAULT 'MIGRATION', "
                    + "previous_checksum text, "
                    + "CONSTRAINT " + quote(derivedName(table, "_version_required")) + " " + VERSION_REQUIRED + ")");
        statements.add(uniqueAppliedVersion());
        statements.add(comment());
        return statements;
    }

    /**
     * Brings a format 1 table to the current format in the caller's transaction: two columns added
     * (every existing row is a migration attempt), the version optional for repeatable runs only,
     * and the unique index narrowed to the rows that apply a version, so a repair row can share its
     * migration's version. Nothing is renamed or dropped, so the seed's recovery SQL keeps its meaning.
     */
    public void upgrade(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            for (String sql : upgradeStatements()) {
                ddl.execute(sql);
            }
        }
    }

    /** What {@link #upgrade} runs, in order; the plan prints it. */
    public List<String> upgradeStatements() {
        return List.of("ALTER TABLE " + qualifiedName()
                        + " ADD COLUMN kind text NOT NULL DEFAULT 'MIGRATION', "
                        + "ADD COLUMN previous_checksum text, "
                        + "ALTER COLUMN version DROP NOT NULL, "
                        + "ADD CONSTRAINT " + quote(derivedName(table, "_version_required")) + " " + VERSION_REQUIRED,
                "DROP INDEX IF EXISTS " + quote(schema) + "." + quote(versionIndexName()),
                uniqueAppliedVersion(),
                comment());
    }

    /** Only a repeatable run may lack a version. */
    private static final String VERSION_REQUIRED = "CHECK (version IS NOT NULL OR kind = 'REPEATABLE')";

    private String uniqueAppliedVersion() {
        return "CREATE UNIQUE INDEX IF NOT EXISTS " + quote(versionIndexName()) + " ON "
                + qualifiedName() + " (version) WHERE success AND kind IN ('MIGRATION', 'BASELINE', 'IMPORT')";
    }

    /**
     * Versions recorded as applied more than once, oldest first: what a table without its unique
     * index may hold. Each as {@code version (ranks 3, 5)}.
     */
    public List<String> duplicateSuccesses(Connection connection, int format) throws SQLException {
        List<String> duplicates = new ArrayList<>();
        String applies = format >= 2 ? " AND kind IN ('MIGRATION', 'BASELINE', 'IMPORT')" : "";
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT version, pg_catalog.string_agg(installed_rank::text, ', ' ORDER BY installed_rank) "
                     + "FROM " + qualifiedName() + " WHERE success" + applies + " GROUP BY version HAVING pg_catalog.count(*) > 1 "
                     + "ORDER BY pg_catalog.min(installed_rank)")) {
            while (rows.next()) {
                duplicates.add(rows.getString(1) + " (ranks " + rows.getString(2) + ")");
            }
        }
        return duplicates;
    }

    /** Creates the unique index on applied versions, for a table of the current format that lacks it. */
    public void createVersionIndex(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute(uniqueAppliedVersion());
        }
    }

    /**
     * The name of the unique index on applied versions: the table's name and a suffix, or, when that
     * would pass PostgreSQL's 63 bytes (which the server would silently truncate, so the {@code IF
     * NOT EXISTS} check would look for another name), a shortened name with a hash of the whole one,
     * so two long table names never share it.
     */
    public String versionIndexName() {
        return derivedName(table, "_applied_version");
    }

    static String versionIndexName(String table) {
        return derivedName(table, "_applied_version");
    }

    /** The table's name with a suffix, within PostgreSQL's 63 bytes; shortened and hashed when it would not fit. */
    static String derivedName(String table, String suffix) {
        String plain = table + suffix;
        if (plain.getBytes(StandardCharsets.UTF_8).length <= MAX_IDENTIFIER_BYTES) {
            return plain;
        }
        String hash = shortHash(table);
        int keep = MAX_IDENTIFIER_BYTES - suffix.length() - hash.length() - 1;
        return prefixOfBytes(table, keep) + "_" + hash + suffix;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String prefixOfBytes(String text, int maxBytes) {
        int end = 0;
        int bytes = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private String comment() {
        return "COMMENT ON TABLE " + qualifiedName() + " IS 'hotgigs-migrate history format " + FORMAT
                + ": one row per migration attempt, baseline, import, repeatable run, repair or deletion marker; see the kind column'";
    }

    /** Whether the history table's schema exists; read only. */
    public boolean schemaExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Every row of a table of the current format, in rank order. */
    public List<AppliedMigration> readAll(Connection connection) throws SQLException {
        return readAll(connection, FORMAT);
    }

    /** Every row, in rank order; a format 1 table's rows are all migration attempts. */
    public List<AppliedMigration> readAll(Connection connection, int format) throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        String added = format >= 2 ? "kind, previous_checksum" : "'MIGRATION', NULL";
        try (Statement query = connection.createStatement();
             // installed_on as microseconds since the epoch: parsing thousands of timestamp texts
             // dominated reading a long history.
             ResultSet result = query.executeQuery("SELECT installed_rank, version, name, script, checksum, installed_by, "
                     + "(pg_catalog.date_part('epoch', installed_on) * 1000000)::int8, execution_time_ms, success, error, "
                     + added + " FROM " + qualifiedName() + " ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(new AppliedMigration(result.getInt(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), result.getString(6),
                        utc(result.getLong(7)), result.getInt(8), result.getBoolean(9),
                        result.getString(10), kind(result.getString(11)), result.getString(12)));
            }
        }
        return rows;
    }

    private RowKind kind(String stored) {
        try {
            return RowKind.of(stored);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ErrorCode.NEWER_HISTORY_FORMAT, "History table " + displayName()
                    + " has a row of kind '" + stored + "', which this hotgigs-migrate does not know: a newer version wrote it, "
                    + "or it was written by hand. Nothing was changed. Use a newer hotgigs-migrate, or correct the row.");
        }
    }

    /**
     * Records an attempt in the caller's transaction. The rank is assigned here, under the migration
     * lock, so no sequence is needed.
     */
    public RecordedAttempt record(Connection connection, NewAttempt attempt) throws SQLException {
        return record(connection, attempt, "", "TRUE", "");
    }

    /**
     * Records an attempt between {@code precedingSql} and {@code followingSql} (statements without
     * parameters, each ending with a semicolon), sent together with the insert in one round trip to
     * the server. A statement that fails stops the ones after it. The row is written only while
     * {@code lockHeld} (an SQL condition) is true; otherwise the insert fails (its {@code installed_by}
     * would be null), and with it the transaction, so a run that lost the migration lock commits
     * nothing.
     *
     * @return who and when, as the database recorded them
     */
    public RecordedAttempt record(Connection connection, NewAttempt attempt, String precedingSql, String lockHeld,
                                  String followingSql) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(precedingSql + insertSql(lockHeld) + followingSql)) {
            insert.setString(1, attempt.version());
            insert.setString(2, attempt.name());
            insert.setString(3, attempt.script());
            insert.setString(4, attempt.checksum());
            insert.setInt(5, attempt.executionTimeMs());
            insert.setBoolean(6, attempt.success());
            insert.setString(7, attempt.error());
            insert.setString(8, attempt.kind().name());
            insert.setString(9, attempt.previousChecksum());
            return returnedRow(insert, insert.execute());
        }
    }

    /**
     * The insert of an attempt's row, with its parameters as {@code ?}: version, name, script, checksum,
     * execution time, success, error, kind, previous checksum. What {@link #record} sends, and the plan prints.
     */
    public String insertSql(String lockHeld) {
        return "INSERT INTO " + qualifiedName()
                + " (installed_rank, version, name, script, checksum, installed_by, execution_time_ms, success, error, kind, previous_checksum) "
                + "SELECT COALESCE(pg_catalog.max(installed_rank), 0) + 1, ?, ?, ?, ?, "
                + "CASE WHEN " + lockHeld + " THEN session_user END, ?, ?, ?, ?, ? FROM " + qualifiedName()
                + " RETURNING installed_by, (pg_catalog.date_part('epoch', installed_on) * 1000000)::int8;";
    }

    /**
     * Records a migration another tool applied, in the caller's transaction: who, when and how long
     * are copied from that tool's row ({@code installed_by}, {@code installed_on}, {@code execution_time}
     * of {@code sourceTable} at {@code sourceRank}), the rest is this engine's. Written only while
     * {@code lockHeld} is true, as {@link #record(Connection, NewAttempt, String, String, String)}.
     */
    public RecordedAttempt recordImport(Connection connection, NewAttempt attempt, String sourceTable, int sourceRank,
                                        String lockHeld) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (installed_rank, version, name, script, checksum, installed_by, installed_on, execution_time_ms, success, error, "
                + "kind, previous_checksum) "
                + "SELECT (SELECT COALESCE(pg_catalog.max(installed_rank), 0) + 1 FROM " + qualifiedName() + "), ?, ?, ?, ?, "
                + "CASE WHEN " + lockHeld + " THEN f.installed_by END, f.installed_on::timestamptz, f.execution_time, true, NULL, ?, NULL "
                + "FROM " + sourceTable + " f WHERE f.installed_rank = ? "
                + "RETURNING installed_by, (pg_catalog.date_part('epoch', installed_on) * 1000000)::int8")) {
            insert.setString(1, attempt.version());
            insert.setString(2, attempt.name());
            insert.setString(3, attempt.script());
            insert.setString(4, attempt.checksum());
            insert.setString(5, attempt.kind().name());
            insert.setInt(6, sourceRank);
            return returnedRow(insert, insert.execute());
        }
    }

    /** Walks the round trip's results to the one the insert returned. */
    private static RecordedAttempt returnedRow(PreparedStatement statement, boolean isResultSet) throws SQLException {
        RecordedAttempt recorded = null;
        while (isResultSet || statement.getUpdateCount() != -1) {
            if (isResultSet) {
                try (ResultSet row = statement.getResultSet()) {
                    if (row.next()) {
                        recorded = new RecordedAttempt(row.getString(1), utc(row.getLong(2)));
                    }
                }
            }
            isResultSet = statement.getMoreResults();
        }
        if (recorded == null) {
            throw new SQLException("the history insert returned no row");
        }
        return recorded;
    }

    private static OffsetDateTime utc(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000), Math.floorMod(epochMicros, 1_000_000) * 1_000L)
                .atOffset(ZoneOffset.UTC);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
