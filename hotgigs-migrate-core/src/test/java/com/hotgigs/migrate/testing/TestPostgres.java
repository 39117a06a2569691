package com.hotgigs.migrate.testing;

import com.hotgigs.migrate.embedded.EmbeddedServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The PostgreSQL server the tests run against: the one {@code HOTGIGS_TEST_URL} names, else an
 * embedded server from real binaries, started once per JVM and stopped when the JVM exits.
 */
public final class TestPostgres {

    /** JDBC URL of a maintenance database on which a superuser may create and drop databases. */
    public static final String URL_VARIABLE = "HOTGIGS_TEST_URL";

    private static TestPostgres shared;
    private static final Map<Integer, TestPostgres> BY_MAJOR = new HashMap<>();

    private final String adminUrl;

    private TestPostgres(String adminUrl) {
        this.adminUrl = adminUrl;
    }

    /**
     * An embedded server of one PostgreSQL major version (12 to 18), started on first use and
     * shared by every later caller in this JVM, stopped when the JVM exits.
     */
    public static synchronized TestPostgres version(int major) {
        return BY_MAJOR.computeIfAbsent(major, m -> new TestPostgres(startVersion(m).adminUrl()));
    }

    private static EmbeddedServer startVersion(int major) {
        return EmbeddedServer.builder(BinariesJar.of(major))
                .serverConfig("max_connections", "200")
                .serverConfig("shared_buffers", "32MB")
                // Test data is thrown away: durability only costs time.
                .serverConfig("fsync", "off")
                .serverConfig("synchronous_commit", "off")
                .serverConfig("full_page_writes", "off")
                .start();
    }

    /** The server of {@value #URL_VARIABLE}, else an embedded PostgreSQL 15; one per JVM. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            String configured = System.getenv(URL_VARIABLE);
            shared = configured != null && !configured.isBlank() ? new TestPostgres(configured) : version(15);
        }
        return shared;
    }

    public String adminUrl() {
        return adminUrl;
    }

    public Connection connectAdmin() throws SQLException {
        return DriverManager.getConnection(adminUrl);
    }

    /** The URL of another database on the same server, with the same credentials. */
    public String urlOf(String database) {
        int queryStart = adminUrl.indexOf('?');
        String base = queryStart < 0 ? adminUrl : adminUrl.substring(0, queryStart);
        String query = queryStart < 0 ? "" : adminUrl.substring(queryStart);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + query;
    }
}
