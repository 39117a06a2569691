package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A login role with a password, owning the database a test migrates, dropped on close.
 *
 * <p>The test servers trust every local connection. When the server's pg_hba.conf is a file on
 * this machine (the embedded server the tests start; never a server named by HOTGIGS_TEST_URL), the role gets a
 * line of its own demanding scram-sha-256, so its password is really checked; the other roles
 * keep trusting. {@link #passwordChecked()} says whether that was possible.
 */
public final class LoginRole implements AutoCloseable {

    /** pg_hba.conf is one file per server: edits from parallel tests take turns. */
    private static final Object HBA_EDITS = new Object();

    private final String adminUrl;
    private final String database;
    private final String name;
    private final Path hbaFile;
    private final String hbaLine;

    private LoginRole(String adminUrl, String database, String name, Path hbaFile, String hbaLine) {
        this.adminUrl = adminUrl;
        this.database = database;
        this.name = name;
        this.hbaFile = hbaFile;
        this.hbaLine = hbaLine;
    }

    public static LoginRole create(String adminUrl, String database, String password) {
        String name = "hg_it_role_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        execute(adminUrl, "SET password_encryption = 'scram-sha-256'; CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
        execute(adminUrl, "ALTER DATABASE " + database + " OWNER TO " + name);
        execute(urlOf(adminUrl, database), "GRANT CREATE ON SCHEMA public TO " + name);
        Path hbaFile = localHbaFile(adminUrl);
        String line = "host all " + name + " all scram-sha-256";
        if (hbaFile != null) {
            synchronized (HBA_EDITS) {
                edit(hbaFile, text -> line + "\n" + text);
                execute(adminUrl, "SELECT pg_reload_conf()");
            }
        }
        LoginRole role = new LoginRole(adminUrl, database, name, hbaFile, line);
        role.awaitPasswordCheck(urlOf(adminUrl, database), password);
        return role;
    }

    public String name() {
        return name;
    }

    /** True when the server refuses this role a wrong password. */
    public boolean passwordChecked() {
        return hbaFile != null;
    }

    private void awaitPasswordCheck(String url, String password) {
        if (hbaFile == null) {
            return;
        }
        String plainUrl = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Instant deadline = Instant.now().plusSeconds(10);
        // The reload is asynchronous: wait until the wrong password is refused and the right one accepted.
        while (accepts(plainUrl, name, password + "-wrong") || !accepts(plainUrl, name, password)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the server did not start checking the password of " + name);
            }
            pause(Duration.ofMillis(100));
        }
    }

    @Override
    public void close() {
        if (hbaFile != null) {
            synchronized (HBA_EDITS) {
                edit(hbaFile, text -> text.replace(hbaLine + "\n", ""));
                execute(adminUrl, "SELECT pg_reload_conf()");
            }
        }
        // The role owns the database and what the builds created in it; hand them back before dropping it.
        execute(urlOf(adminUrl, database), "REASSIGN OWNED BY " + name + " TO CURRENT_USER; DROP OWNED BY " + name);
        execute(adminUrl, "DROP ROLE IF EXISTS " + name);
    }

    public static boolean accepts(String url, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The server's pg_hba.conf when it is a writable file here and the server listens on this machine. */
    private static Path localHbaFile(String adminUrl) {
        if (System.getenv(TestPostgres.URL_VARIABLE) != null) {
            return null; // a server the tests borrow: its configuration is not theirs to edit
        }
        String host = ServerAddress.of(adminUrl).host();
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            return null;
        }
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT setting FROM pg_settings WHERE name = 'hba_file'")) {
            result.next();
            Path file = Path.of(result.getString(1));
            return Files.isRegularFile(file) && Files.isWritable(file) ? file : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static void edit(Path file, UnaryOperator<String> change) {
        try {
            Files.writeString(file, change.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not edit " + file, e);
        }
    }

    private static String urlOf(String adminUrl, String database) {
        int queryStart = adminUrl.indexOf('?');
        String base = queryStart < 0 ? adminUrl : adminUrl.substring(0, queryStart);
        String query = queryStart < 0 ? "" : adminUrl.substring(queryStart);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + query;
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
