package com.example.reactor;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The module's test JVM gets the address of the server this module started, and it holds this module's migration only. */
class OwnServerIT {

    @Test
    void theServerThisModuleStartedHoldsItsMigrationOnly() throws Exception {
        String module = System.getProperty("module");
        String url = System.getProperty("hotgigs.url");
        assertNotNull(url, "hotgigs:start exported its address to this module's test JVM");
        // For the build's test to compare with the address start announced for this module.
        Files.writeString(Path.of("target", "test-jvm-url.txt"), url);
        try (Connection connection = DriverManager.getConnection(url, System.getProperty("hotgigs.user"),
                System.getProperty("hotgigs.password"));
             Statement statement = connection.createStatement()) {
            assertEquals("001_" + module + "_marker.sql", single(statement,
                    "SELECT string_agg(script, ',' ORDER BY installed_rank) FROM schema_migrations WHERE kind = 'MIGRATION'"));
            // The module's repair ran before this test, on this module's server.
            assertEquals("MIGRATION,REPAIR", single(statement,
                    "SELECT string_agg(kind, ',' ORDER BY installed_rank) FROM schema_migrations"));
            assertEquals(module + "_marker", single(statement,
                    "SELECT string_agg(tablename, ',') FROM pg_tables WHERE tablename LIKE '%marker'"));
        }
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
