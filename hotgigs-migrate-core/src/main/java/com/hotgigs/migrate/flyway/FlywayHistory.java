package com.hotgigs.migrate.flyway;

import com.hotgigs.migrate.history.NamedRelation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads Flyway's history table, {@code flyway_schema_history} in the history's schema; never writes to it. */
public final class FlywayHistory {

    public static final String TABLE = "flyway_schema_history";

    private final String schema;

    public FlywayHistory(String schema) {
        this.schema = schema;
    }

    /** schema.flyway_schema_history, for messages. */
    public String displayName() {
        return schema + "." + TABLE;
    }

    /** The quoted name, for SQL. */
    public String qualifiedName() {
        return "\"" + schema.replace("\"", "\"\"") + "\"." + TABLE;
    }

    public boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_class c WHERE "
                + NamedRelation.CONDITION + " AND c.relkind = 'r'")) {
            query.setString(1, schema);
            query.setString(2, TABLE);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Every row in Flyway's order. */
    public List<FlywayRow> read(Connection connection) throws SQLException {
        List<FlywayRow> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT installed_rank, version, description, type, script, "
                + "checksum, installed_by, success FROM " + qualifiedName() + " ORDER BY installed_rank");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                int checksum = result.getInt(6);
                rows.add(new FlywayRow(result.getInt(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5), result.wasNull() ? null : checksum, result.getString(7), result.getBoolean(8)));
            }
        }
        return rows;
    }
}
