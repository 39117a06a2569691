package com.hotgigs.benchmark.comparison;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The floor under the engine's part of a goal: in a fresh JVM, the JDBC driver's first connection
 * and one read of the history table, as the engine makes them, and nothing else. Prints the
 * milliseconds taken inside the JVM, as the engine's part is measured: JVM start not included.
 * Usage: {@code FirstQuery <jdbc url> <user> <table>}.
 */
public final class FirstQuery {

    private FirstQuery() {
    }

    public static void main(String[] args) throws SQLException {
        long started = System.nanoTime();
        Properties properties = new Properties();
        properties.setProperty("user", args[1]);
        int rows = 0;
        try (Connection connection = new Driver().connect(args[0], properties);
             Statement query = connection.createStatement();
             ResultSet result = query.executeQuery("SELECT installed_rank, version, name, script, checksum, installed_by, "
                     + "installed_on, execution_time_ms, success, error FROM " + args[2] + " ORDER BY installed_rank")) {
            while (result.next()) {
                for (int column = 1; column <= 10; column++) {
                    result.getString(column);
                }
                rows++;
            }
        }
        System.out.println(rows + " rows in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
