package com.example.ci;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's integration test: it needs the migrated HotGigs schema, on the server hotgigs:start started. */
class PipelineIT {

    /** hotgigs:start exports the server's address to the test JVM. */
    private static String url() {
        return System.getProperty("hotgigs.url") + "?user=" + System.getProperty("hotgigs.user");
    }

    @Test
    void anApplicationShowsInTheApplicationDetailsView() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO companies (name) VALUES ('Acme')");
            statement.execute("INSERT INTO jobs (company_id, title, status) SELECT id, 'Data Engineer', 'open' FROM companies");
            statement.execute("INSERT INTO candidates (first_name, last_name, email) VALUES ('Ada', 'Lovelace', 'ada@example.com')");
            statement.execute("INSERT INTO applications (candidate_id, job_id) SELECT c.id, j.id FROM candidates c, jobs j");
            try (ResultSet row = statement.executeQuery(
                    "SELECT candidate_name, job_title, company_name FROM application_details")) {
                assertTrue(row.next(), "application_details shows the application");
                assertEquals("Ada Lovelace", row.getString(1));
                assertEquals("Data Engineer", row.getString(2));
                assertEquals("Acme", row.getString(3));
            }
        }
    }

    @Test
    void theMigrationHistoryIsComplete() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM schema_migrations WHERE success");
             ResultSet row = query.executeQuery()) {
            row.next();
            assertEquals("001,002", row.getString(1));
        }
    }
}
