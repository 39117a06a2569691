package com.hotgigs.migrate.connection;

import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.sql.SecretText;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What a database error means, as a kind with its own sentence and fix. The one place that reads
 * SQLSTATEs: every caller that reports a database failure (connecting, reading the history,
 * creating it, running a migration) asks here, so one kind reads the same wherever it happens.
 *
 * @param code  the kind
 * @param cause what the server or the driver said, without any password
 * @param fix   what the kind means and how to fix it; empty for an error only the server's own text explains
 */
public record DatabaseFailure(ErrorCode code, String cause, String fix) {

    /**
     * Where the failure happened, for the sentences that name it.
     *
     * @param connecting true while a connection is being opened: a network error then means the server
     *                   cannot be reached, not that a connection was lost
     * @param url        the configured JDBC URL (never printed whole: only its target and sslmode are used)
     * @param user       the configured user, or null when the URL or the driver decides it
     * @param probe      a connection to ask the server with (read-only? whom am I?), or null; only used when
     *                   it is open and in autocommit, so no failed transaction is touched
     * @param onlyReading the engine's own reads failed: the grant it names is one to read
     * @param urlSetting  where the URL was given when not in hotgigs.url (a database target's list), or null
     */
    public record Situation(boolean connecting, String url, String user, Connection probe, boolean onlyReading, String urlSetting) {

        public static Situation connecting(String url, String user, String urlSetting) {
            return new Situation(true, url, user, null, false, urlSetting);
        }

        public static Situation working(String url, String user, Connection probe) {
            return new Situation(false, url, user, probe, false, null);
        }

        /** The engine's own reads (the history, the catalog): a privilege they lack is one to read, never to write. */
        public static Situation reading(String url, String user, Connection probe) {
            return new Situation(false, url, user, probe, true, null);
        }

        /** What to correct for a wrong host, database or sslmode: hotgigs.url, or where the target's URL came from. */
        String urlSettingName() {
            return urlSetting == null ? "hotgigs.url" : urlSetting;
        }

        /** The same, with the environment variables that stand in for hotgigs.url when it is not set. */
        String urlSettingName(String variables) {
            return urlSetting == null ? "hotgigs.url (or " + variables + ")" : urlSetting;
        }
    }

    /** The kind alone, for callers that react to one (a lost connection, a lock timeout) without a message. */
    public static ErrorCode kind(SQLException e) {
        return classify(e, new Situation(false, null, null, null, false, null)).code();
    }

    /** True when the session is gone: the connection was lost, or the server ended it. */
    public static boolean connectionLost(SQLException e) {
        ErrorCode code = kind(e);
        return code == ErrorCode.CONNECTION_LOST || code == ErrorCode.SERVER_SHUTTING_DOWN;
    }

    public static DatabaseFailure classify(SQLException e, Situation situation) {
        String state = state(e);
        String cause = causeText(e);
        if (isSsl(e, state, situation)) {
            return ssl(e, state, cause, situation);
        }
        if (state.startsWith("08") || state.isEmpty() && hasIoCause(e)) {
            Throwable unknownHost = causeOf(e, UnknownHostException.class);
            if (situation.connecting() && unknownHost != null) {
                return new DatabaseFailure(ErrorCode.SERVER_UNREACHABLE, "the host name " + unknownHost.getMessage()
                        + " was not found (the DNS lookup failed)", "Check the host in " + situation.urlSettingName("DB_HOST") + ": a typo, or a "
                        + "name only another network (a VPN, a Docker network) knows.");
            }
            return situation.connecting()
                    ? new DatabaseFailure(ErrorCode.SERVER_UNREACHABLE, cause, "Check that the server is running and that "
                            + situation.urlSettingName("DB_HOST and DB_PORT") + " names the right host and port.")
                    : new DatabaseFailure(ErrorCode.CONNECTION_LOST, cause, "The connection to the server was lost: the server "
                            + "restarted, or the network, a proxy or a firewall closed it. Check the server's log, then run again.");
        }
        if ("55000".equals(state) && String.valueOf(serverMessage(e)).contains("recovery is in progress")) {
            // A standby refuses some work (an advisory lock, say) before any write could be tried.
            return new DatabaseFailure(ErrorCode.READ_ONLY_SERVER, cause, ReadOnlyServer.fix(situation));
        }
        return switch (state) {
            case "28P01" -> new DatabaseFailure(ErrorCode.AUTHENTICATION_FAILED, cause, "Check hotgigs.password (or the password of the settings.xml server named by hotgigs.serverId, or DB_PASSWORD).");
            case "28000" -> new DatabaseFailure(ErrorCode.AUTHENTICATION_FAILED, cause, "Check hotgigs.user, and that "
                    + "pg_hba.conf allows this user from this host.");
            case "3D000" -> new DatabaseFailure(ErrorCode.DATABASE_MISSING, cause, databaseMissingFix(situation));
            case "42501" -> new DatabaseFailure(ErrorCode.PERMISSION_DENIED, cause, Privileges.fix(e, situation));
            case "25006" -> new DatabaseFailure(ErrorCode.READ_ONLY_SERVER, cause, ReadOnlyServer.fix(situation));
            case "57P01" -> new DatabaseFailure(ErrorCode.SERVER_SHUTTING_DOWN, cause, "The server ended the session: it is "
                    + "shutting down or restarting, or an administrator ended the session (pg_terminate_backend). "
                    + "Run again once the server accepts connections.");
            case "57P02" -> new DatabaseFailure(ErrorCode.SERVER_SHUTTING_DOWN, cause, "The server is restarting after one of "
                    + "its processes crashed; its log says which. Run again once it accepts connections.");
            case "57P03" -> new DatabaseFailure(ErrorCode.SERVER_SHUTTING_DOWN, cause, "The server does not accept connections "
                    + "now: it is starting up, shutting down or recovering. Run again once it is up.");
            case "57014" -> cancelled(e, cause);
            case "55P03" -> new DatabaseFailure(ErrorCode.LOCK_NOT_AVAILABLE, cause, "Another session holds a lock this "
                    + "statement needs, for longer than lock_timeout allows (or NOWAIT was asked for). Find it with "
                    + "SELECT pid, usename, state, query FROM pg_stat_activity WHERE pid = ANY (pg_blocking_pids(<pid>)), "
                    + "let it finish, and run again.");
            case "53300" -> new DatabaseFailure(ErrorCode.TOO_MANY_CONNECTIONS, cause, "The server has no free connection "
                    + "slot (max_connections). Close idle sessions or raise max_connections, then run again.");
            default -> situation.connecting()
                    ? new DatabaseFailure(ErrorCode.CONNECTION_FAILED, cause, "")
                    : new DatabaseFailure(ErrorCode.DATABASE_ERROR, cause, "");
        };
    }

    /** "cause. fix", the part of a message after the sentence that says what was being done. */
    public String explanation() {
        return fix.isEmpty() ? cause : withoutFinalPeriod(cause) + ". " + fix;
    }

    private static DatabaseFailure cancelled(SQLException e, String cause) {
        String message = serverMessage(e);
        if (message != null && message.toLowerCase(Locale.ROOT).contains("statement timeout")) {
            return new DatabaseFailure(ErrorCode.STATEMENT_TIMEOUT, cause, "The statement ran longer than statement_timeout "
                    + "allows. Raise it for this work (SET statement_timeout = '30min' at the top of the script, or "
                    + "ALTER ROLE ... SET statement_timeout), or make the statement faster, and run again.");
        }
        return new DatabaseFailure(ErrorCode.STATEMENT_CANCELED, cause, "The statement was cancelled, by a user or by "
                + "pg_cancel_backend(). Run again when it may finish.");
    }

    private static String databaseMissingFix(Situation situation) {
        String database = situation.url() == null ? null : JdbcUrl.database(situation.url());
        String setting = situation.urlSettingName();
        return database == null ? "Create the database first, or correct " + setting + "."
                : "Create it first, e.g. psql -c 'CREATE DATABASE " + asIdentifier(database) + "', or correct " + setting + ".";
    }

    /** A name PostgreSQL would fold or refuse unquoted ({@code QA_DB1}, {@code my-db}) is quoted, as CREATE DATABASE needs it. */
    private static String asIdentifier(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static boolean isSsl(SQLException e, String state, Situation situation) {
        if (hasCause(e, SSLException.class)) {
            return true;
        }
        return situation.connecting() && "08004".equals(state) && requiresSsl(situation.url());
    }

    private static DatabaseFailure ssl(SQLException e, String state, String cause, Situation situation) {
        if ("08004".equals(state) && !hasCause(e, SSLException.class)) {
            return new DatabaseFailure(ErrorCode.SSL_NOT_SUPPORTED, cause, "The URL asks for SSL (sslmode="
                    + sslMode(situation.url()) + ") but the server does not accept SSL connections. Enable SSL on the "
                    + "server (ssl = on, with a certificate), or, for a server that needs no encryption (a local test "
                    + "server), set sslmode=prefer or sslmode=disable in " + situation.urlSettingName() + ".");
        }
        return new DatabaseFailure(ErrorCode.SSL_FAILED, cause, "The SSL connection could not be set up. Check sslmode, "
                + "sslrootcert (the CA that signed the server's certificate) and that the host name in " + situation.urlSettingName() + " is the "
                + "one in the certificate.");
    }

    static boolean requiresSsl(String url) {
        String mode = sslMode(url);
        return mode != null && (mode.equals("require") || mode.startsWith("verify"));
    }

    private static String sslMode(String url) {
        if (url == null) {
            return null;
        }
        String mode = JdbcUrl.parameters(url).get("sslmode");
        return mode == null ? null : mode.toLowerCase(Locale.ROOT);
    }

    private static String state(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current.getSQLState() != null) {
                return current.getSQLState();
            }
        }
        return "";
    }

    /** The server's words (severity, message, SQLSTATE) or the driver's, with no URL password and no raw NUL. */
    private static String causeText(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String text = server != null
                ? server.getSeverity() + ": " + server.getMessage() + " (SQLSTATE " + server.getSQLState() + ")"
                : withoutFinalPeriod(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
        return SecretText.mask(JdbcUrl.redactText(text)).replace('\0', ' ');
    }

    static String serverMessage(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server != null ? server.getMessage() : e.getMessage();
    }

    private static boolean hasIoCause(SQLException e) {
        return hasCause(e, IOException.class);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return causeOf(e, type) != null;
    }

    private static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
        for (Throwable current = e; current != null && current.getCause() != current; current = current.getCause()) {
            if (type.isInstance(current)) {
                return current;
            }
        }
        return null;
    }

    private static String withoutFinalPeriod(String message) {
        String trimmed = message.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
