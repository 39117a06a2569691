package com.hotgigs.it;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs in failsafe's forked JVM, against the server hotgigs:start exported. */
class MigratedSchemaIT {

    @Test
    void theHotgigsSchemaIsMigratedIntoTheEmbeddedPostgres18() throws SQLException {
        String url = System.getProperty("hotgigs.url");
        assertTrue(url != null && url.startsWith("jdbc:postgresql://localhost:"), "hotgigs.url = " + url);
        try (Connection connection = DriverManager.getConnection(url, System.getProperty("hotgigs.user"),
                System.getProperty("hotgigs.password"));
             Statement statement = connection.createStatement()) {
            assertEquals("001:true,002:true", single(statement,
                    "SELECT string_agg(version || ':' || success, ',' ORDER BY installed_rank) FROM schema_migrations"));
            assertEquals("0", single(statement, "SELECT count(*) FROM candidates"));
            assertEquals("0", single(statement, "SELECT count(*) FROM jobs"));
            assertEquals("hotgigs_db", single(statement, "SELECT current_database()"));
            assertEquals("18", single(statement, "SELECT split_part(current_setting('server_version'), '.', 1)"));
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next(), sql);
            return result.getString(1);
        }
    }
}
