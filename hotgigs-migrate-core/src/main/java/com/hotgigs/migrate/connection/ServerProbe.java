package com.hotgigs.migrate.connection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the server a question while a failure is being explained (is it a standby? who am I?). Only on
 * an open connection in autocommit, so a failed transaction is never touched, and never failing: a
 * question that cannot be answered leaves the explanation more general.
 */
final class ServerProbe {

    private ServerProbe() {
    }

    /** The first row of {@code sql} as text, or an empty list when it cannot be asked. */
    static List<String> firstRow(Connection connection, String sql) {
        if (connection == null) {
            return List.of();
        }
        try {
            if (connection.isClosed() || !connection.getAutoCommit()) {
                return List.of();
            }
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                List<String> values = new ArrayList<>();
                if (rows.next()) {
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        values.add(rows.getString(i));
                    }
                }
                return values;
            }
        } catch (SQLException e) {
            return List.of();
        }
    }
}
