package com.hotgigs.schema;

import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The schema on the oldest PostgreSQL it supports: 12, from real binaries that the build copies to
 * target/postgresql-binaries (system property hotgigs.pg12.binaries). Skipped only where those
 * binaries cannot run (not Linux x86-64) or the build did not provide them (a run outside Maven).
 */
class PostgreSQL12CompatibilityTest {

    private static EmbeddedPostgres server;

    @BeforeAll
    static void startPostgres12() throws IOException {
        String binaries = System.getProperty("hotgigs.pg12.binaries");
        assumeTrue(binaries != null && Files.isRegularFile(Path.of(binaries)),
                "PostgreSQL 12 binaries not provided (run through mvn verify)");
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")), "PostgreSQL 12 binaries are for Linux x86-64");
        byte[] archive = archiveIn(Path.of(binaries));
        server = EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, hardware) -> new ByteArrayInputStream(archive))
                .setServerConfig("fsync", "off")
                .start();
    }

    @AfterAll
    static void stopPostgres12() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bothMigrationsApplyAndUpgradeDataOnPostgresql12() throws SQLException {
        String url = database("hotgigs_pg12_upgrade");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(12, ((Number) AtsDatabase.rows(c, "SELECT current_setting('server_version_num')::int / 10000 AS major")
                    .get(0).get("major")).intValue());
            migrator(url, "001").migrate();
            s.execute("INSERT INTO users (email, first_name, last_name, role) VALUES ('r@hotgigs.test', 'Rita', 'R', 'recruiter')");
            s.execute("INSERT INTO companies (name) VALUES ('Acme')");
            s.execute("INSERT INTO jobs (company_id, title, status, recruiter_id) VALUES (1, 'Engineer', 'open', 1)");
            s.execute("INSERT INTO candidates (first_name, last_name, email) VALUES ('Ada', 'L', 'ada@example.test')");
            s.execute("INSERT INTO applications (candidate_id, job_id, status) VALUES (1, 1, 'screening')");

            assertEquals("002", migrator(url, null).migrate().currentVersion());

            Map<String, Object> application = AtsDatabase.rows(c, "SELECT current_stage, "
                    + "(SELECT application_count FROM jobs WHERE id = 1) AS application_count FROM applications").get(0);
            assertEquals("screening", application.get("current_stage"));
            assertEquals(1, ((Number) application.get("application_count")).intValue());
            assertEquals(23L, ((Number) AtsDatabase.rows(c, "SELECT count(*) AS n FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'")
                    .get(0).get("n")).longValue());
        }
    }

    @Test
    void triggersViewsAndNotificationsWorkOnPostgresql12() throws SQLException {
        String url = database("hotgigs_pg12_behaviour");
        migrator(url, null).migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("LISTEN hotgigs_notifications");
            s.execute("SET hotgigs.user_id = '1'");
            s.execute("INSERT INTO users (email, first_name, last_name, role) VALUES "
                    + "('r@hotgigs.test', 'Rita', 'R', 'recruiter'), ('h@hotgigs.test', 'Hank', 'M', 'hiring_manager')");
            s.execute("INSERT INTO companies (name) VALUES ('Acme')");
            s.execute("INSERT INTO jobs (company_id, title, status, recruiter_id) VALUES (1, 'Engineer', 'open', 1), "
                    + "(1, 'Archived', 'closed', 1)");
            s.execute("INSERT INTO candidates (first_name, last_name, email) VALUES ('Ada', 'L', 'ada@example.test')");
            s.execute("INSERT INTO applications (candidate_id, job_id, match_score) VALUES (1, 1, 80)");
            s.execute("INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end, interviewer_id) "
                    + "VALUES (1, 'video', now() + interval '1 day', now() + interval '25 hours', 2)");
            s.execute("UPDATE applications SET recruiter_feedback = 'Good' WHERE id = 1");

            SQLException closed = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO applications (candidate_id, job_id) VALUES (1, 2)"));
            assertTrue(closed.getMessage().contains("job 2 is closed, not open"), closed.getMessage());

            Map<String, Object> audit = AtsDatabase.rows(c, "SELECT count(*) AS n, min(app_user_id) AS who FROM audit_log "
                    + "WHERE table_name = 'applications'").get(0);
            assertTrue(((Number) audit.get("n")).intValue() >= 2, "audit rows on PostgreSQL 12: " + audit);
            assertEquals(1L, ((Number) audit.get("who")).longValue());
            assertEquals(1, AtsDatabase.rows(c, "SELECT * FROM application_details WHERE interview_count = 1").size());
            assertEquals(1, AtsDatabase.rows(c, "SELECT * FROM candidate_full_profile WHERE total_interviews = 1").size());
            var notifications = c.unwrap(org.postgresql.PGConnection.class).getNotifications(5_000);
            assertTrue(notifications != null && notifications.length == 1, "the interviewer's notification on PostgreSQL 12");
        }
    }

    private static String database(String name) throws SQLException {
        try (Connection admin = server.getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return server.getJdbcUrl("postgres", name);
    }

    private static Migrator migrator(String url, String target) {
        return new Migrator(MigratorConfig.builder()
                .url(url)
                .locations(List.of(AtsDatabase.LOCATION))
                .baseDirectory(Path.of("."))
                .classLoader(PostgreSQL12CompatibilityTest.class.getClassLoader())
                .target(target)
                .build());
    }

    /** The PostgreSQL archive inside zonky's binaries jar. */
    private static byte[] archiveIn(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException("no PostgreSQL archive (.txz) in " + jar));
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
