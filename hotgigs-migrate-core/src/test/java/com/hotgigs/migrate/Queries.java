package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the test database the way an assertion needs it: single values and result rows as text. */
final class Queries {

    private Queries() {
    }

    static List<String> rows(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        }
    }

    static String value(TestDatabase database, String sql) throws SQLException {
        List<String> rows = rows(database, sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static boolean tableExists(TestDatabase database, String name) throws SQLException {
        return "t".equals(value(database, "SELECT to_regclass('" + name + "') IS NOT NULL"));
    }

    static List<String> history(TestDatabase database) throws SQLException {
        return rows(database, "SELECT version, name, success FROM public.schema_migrations ORDER BY installed_rank");
    }
}
