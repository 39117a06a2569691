package com.hotgigs.schema;

import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.testing.TestDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh test database migrated by the engine from the schema's own classpath location, with the
 * small JDBC helpers the schema tests share. Dropped on close.
 */
final class AtsDatabase implements AutoCloseable {

    static final String LOCATION = "classpath:db/hotgigs";

    private final TestDatabase database;

    private AtsDatabase(TestDatabase database) {
        this.database = database;
    }

    /** An empty database, nothing applied yet. */
    static AtsDatabase empty() {
        return new AtsDatabase(TestDatabase.create());
    }

    /** A database migrated to the latest version. */
    static AtsDatabase migrated() {
        AtsDatabase db = empty();
        try {
            db.migrate(null);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Applies pending migrations up to target (inclusive), or all of them when target is null. */
    MigrateResult migrate(String target) {
        MigratorConfig config = MigratorConfig.builder()
                .url(database.url())
                .user(database.user())
                .password(database.password())
                .locations(List.of(LOCATION))
                .baseDirectory(Path.of("."))
                .classLoader(getClass().getClassLoader())
                .target(target)
                .build();
        return new Migrator(config).migrate();
    }

    TestDatabase database() {
        return database;
    }

    Connection connect() throws SQLException {
        return database.connect();
    }

    /** Runs each statement in autocommit, so each gets its own transaction and its own now(). */
    void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    /** Runs an INSERT ... RETURNING id and returns the id. */
    long insert(String sql, Object... parameters) throws SQLException {
        return ((Number) value(sql, parameters)).longValue();
    }

    /** The first column of the first row, or null when there is no row. */
    Object value(String sql, Object... parameters) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    /** The first row, or an empty map. */
    Map<String, Object> row(String sql, Object... parameters) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    /** The first column of every row. */
    List<Object> column(String sql, Object... parameters) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> row : rows(sql, parameters)) {
            values.add(row.values().iterator().next());
        }
        return values;
    }

    List<Map<String, Object>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect()) {
            return rows(c, sql, parameters);
        }
    }

    static List<Map<String, Object>> rows(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        row.put(meta.getColumnLabel(column), rs.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
