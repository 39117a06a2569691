package com.hotgigs.migrate.connection;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.MigratorConfig;

import org.postgresql.Driver;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens connections for a run and turns the driver's failures into messages that say what to do.
 * Parameters in the URL (sslmode, sslrootcert, ...) reach the driver unchanged.
 */
public final class ConnectionFactory {

    static final String APPLICATION_NAME = "hotgigs-migrate";

    /**
     * A statement without parameters (every statement of a script) goes as one Query message, as psql
     * sends it, rather than as the driver's Parse, Bind, Describe and Execute; statements with
     * parameters (the history rows, the lock) keep them bound. In its default mode the driver copies
     * each statement's text twice more to scan it for parameters and semicolons before it sends it: a
     * fleet sends the same scripts to every target, and those copies were the largest part of what its
     * run allocated. A URL that names another mode wins.
     */
    static final String QUERY_MODE = "extendedForPrepared";

    /** What the driver may assume of every server; see {@link #open(Properties)}. */
    static final String MINIMUM_SERVER_VERSION = "9.0";

    /**
     * The PostgreSQL driver itself rather than DriverManager: the engine speaks only to PostgreSQL,
     * and a build then skips the driver registry's start-up, which scans the class path for every
     * JDBC driver it holds.
     */
    private static final Driver DRIVER = new Driver();

    private final MigratorConfig config;
    private final WorkerConnections worker;
    private volatile String applicationName = APPLICATION_NAME;

    public ConnectionFactory(MigratorConfig config) {
        this(config, WorkerConnections.NONE);
    }

    /** @param worker where a fleet worker keeps the connections of its last target, for the next */
    public ConnectionFactory(MigratorConfig config, WorkerConnections worker) {
        this.config = config;
        this.worker = worker;
    }

    public Connection open() {
        return open(new Properties());
    }

    /**
     * The run's own connection: the one its fleet worker's last target left on the same URL, reset to
     * what a new session would be, or a new one. A session that does not reset is closed.
     */
    public Connection openSession() {
        Connection reused = worker.takeSession(config.url());
        if (reused != null) {
            try {
                reset(reused);
                return reused;
            } catch (SQLException e) {
                closeQuietly(reused);
            }
        }
        return open();
    }

    /** Ends the run's use of its connection from {@link #openSession()}: kept for the worker's next target, or closed. */
    public void release(Connection connection) {
        if (!(isIdle(connection) && worker.offerSession(config.url(), connection))) {
            closeQuietly(connection);
        }
    }

    private static boolean isIdle(Connection connection) {
        try {
            return !connection.isClosed() && connection.getAutoCommit()
                    && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE;
        } catch (SQLException e) {
            // A connection that cannot say its state is not kept.
            return false;
        }
    }

    /**
     * Whether connections of this run's URL and user were found, by this fleet worker's probe of an
     * earlier target, to get a server session each ({@link com.hotgigs.migrate.lock.TransactionPooler}).
     */
    public boolean provenUnpooled() {
        return worker.provenUnpooled(endpoint());
    }

    /** A probe found that connections of this run's URL and user get a server session each. */
    public void rememberUnpooled() {
        worker.rememberUnpooled(endpoint());
    }

    private String endpoint() {
        return config.user() + "@" + config.url();
    }

    /**
     * DISCARD ALL ends everything the last target's session held: its settings, temporary tables
     * (which would otherwise shadow the next schema's tables of the same name), prepared statements
     * (the driver notices and forgets its own), advisory locks and LISTENs. Only an idle session was
     * kept ({@link #release}); one that died since fails here and is closed.
     */
    private void reset(Connection connection) throws SQLException {
        try (Statement discard = connection.createStatement()) {
            discard.execute("DISCARD ALL");
        }
        connection.clearWarnings();
        applySessionSettings(connection);
    }

    /**
     * A connection that watches others: every answer, the login's included, is awaited at most
     * {@code timeout}, so a dead network path shows as an error instead of a hang; keepalives let the
     * kernel notice a dead peer while it idles.
     */
    public Connection openMonitor(Duration timeout) {
        // The monitor only reads the catalog, qualified, so the last target's needs no reset.
        Connection kept = worker.takeMonitor(config.url());
        if (kept != null) {
            return kept;
        }
        Properties properties = new Properties();
        String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("tcpKeepAlive", "true");
        return open(properties);
    }

    /** Ends a run's use of a monitor connection from {@link #openMonitor}: kept for the fleet worker's next target, or closed. */
    public void releaseMonitor(Connection monitor) {
        if (!(isIdle(monitor) && worker.offerMonitor(config.url(), monitor))) {
            closeQuietly(monitor);
        }
    }

    /**
     * A connection whose start and every reply are awaited a bounded time, for a run that lost its
     * connection and comes back to read what happened: a network path that still swallows packets
     * must not hang it.
     */
    public Connection openBounded() {
        Properties bounded = new Properties();
        bounded.setProperty("loginTimeout", "20");
        bounded.setProperty("socketTimeout", "60");
        return open(bounded);
    }

    private Connection open(Properties properties) {
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        // A firewall or NAT that drops idle TCP sessions would otherwise end a run that waits for the
        // lock or for a long statement without either side knowing.
        properties.setProperty("tcpKeepAlive", "true");
        // Told the server is 9.0 or later (the session settings need 9.6 anyway), the driver sends the
        // application name in its startup message; otherwise it sends it in a SET of its own, one round
        // trip more on every connection. A URL that says otherwise wins.
        properties.setProperty("assumeMinServerVersion", MINIMUM_SERVER_VERSION);
        properties.setProperty("preferQueryMode", QUERY_MODE);
        try {
            if (JdbcUrl.hasUserInfo(config.url())) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "The URL " + JdbcUrl.redact(config.url())
                        + " names a user before its host (user:password@host), which the PostgreSQL driver does not read. "
                        + "Set hotgigs.user and hotgigs.password (or the user and password URL parameters) instead.");
            }
            String shapeProblem = JdbcUrl.shapeProblem(config.url());
            if (shapeProblem != null) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "The PostgreSQL driver cannot read the URL "
                        + JdbcUrl.redact(config.url()) + ": " + shapeProblem + ". Write it as "
                        + "jdbc:postgresql://host:port/database?name=value&... and check hotgigs.url.");
            }
            // The driver reports a URL it cannot parse as an unexpected error; asked first, it says so plainly.
            // Parameters in the URL win over the properties above, as the driver merges them.
            Properties merged = Driver.parseURL(config.url(), properties);
            Connection connection = merged == null ? null : DRIVER.connect(config.url(), properties);
            if (connection == null) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "The PostgreSQL driver cannot read the URL "
                        + JdbcUrl.redact(config.url()) + ": check its host, port and parameters "
                        + "(jdbc:postgresql://host:port/database?name=value&...).");
            }
            applicationName = merged.getProperty("ApplicationName", APPLICATION_NAME);
            connection.setAutoCommit(true);
            applySessionSettings(connection);
            return connection;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * hotgigs.lockTimeout for what a connection does before a migration's own settings replace it: the
     * history table's read among it, which a session holding that table locked would otherwise make wait
     * without end and without a word. Sent with the session settings, in the same round trip.
     */
    private String readsLockTimeout() {
        String set = SessionSettings.timeout("lock_timeout", config.lockTimeout());
        return set.isEmpty() ? "" : " " + set + ";";
    }

    /** The session settings of every engine connection (see {@link SessionSettings}), as SQL for a server of this version. */
    public String sessionSettings(int serverMajorVersion) {
        return SessionSettings.sql(serverMajorVersion, applicationName, config.searchPath());
    }

    private void applySessionSettings(Connection connection) throws SQLException {
        // The driver knows the server's version from the connection's start: no round trip to ask it.
        String settings = sessionSettings(connection.getMetaData().getDatabaseMajorVersion()) + readsLockTimeout();
        try (Statement statement = connection.createStatement()) {
            statement.execute(settings);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The settings' failure is what the caller needs to hear about.
            }
            throw e;
        }
    }

    private ConfigurationException translate(SQLException e) {
        String target = JdbcUrl.describeTarget(config.url());
        // A user parameter of the URL is the one the driver logged in as.
        String loginUser = JdbcUrl.loginUser(config.url(), config.user());
        String user = loginUser == null ? "the configured user" : "user '" + loginUser + "'";
        DatabaseFailure failure = DatabaseFailure.classify(e, DatabaseFailure.Situation.connecting(config.url(), loginUser,
                config.urlSetting()));
        String cause = withoutFinalPeriod(failure.cause());
        String message = switch (failure.code()) {
            case AUTHENTICATION_FAILED -> "28P01".equals(e.getSQLState())
                    ? "Password authentication failed for " + user + " at " + target + ". " + failure.fix()
                    : "The server at " + target + " refused " + user + ": " + cause + ". " + failure.fix();
            case DATABASE_MISSING -> "Database '" + JdbcUrl.database(config.url()) + "' does not exist at " + target + ". "
                    + failure.fix();
            case SERVER_UNREACHABLE -> "Cannot reach PostgreSQL at " + target + ": " + failure.explanation();
            default -> "Could not connect to PostgreSQL at " + target + " as " + user + ": " + failure.explanation();
        };
        return new ConfigurationException(failure.code(), message, e);
    }

    /** The driver's sentences end with a period; ours follow them, so drop it rather than print two. */
    private static String withoutFinalPeriod(String message) {
        String trimmed = message == null ? "" : message.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** For a connection that is not kept, or not there (null): closing it is all there is to do. */
    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Not kept and not usable: nothing of it is left to end.
        }
    }
}
