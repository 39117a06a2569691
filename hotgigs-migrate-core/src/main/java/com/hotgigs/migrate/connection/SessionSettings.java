package com.hotgigs.migrate.connection;

import java.time.Duration;

/**
 * The settings every engine connection keeps for its whole life. A database or role may set
 * {@code idle_session_timeout} or {@code idle_in_transaction_session_timeout} (managed services
 * often do); the server would then end an engine connection while it waits for the lock or between
 * two statements, and with it the migration lock. {@code RESET ALL} brings the role's values back,
 * so the runner applies these again after every reset, and names the session again, since the
 * driver sets {@code application_name} with a SET that a reset undoes. A schema target's connections
 * also keep its schema as their {@code search_path}, so its migrations' unqualified names land there.
 */
public final class SessionSettings {

    private SessionSettings() {
    }

    /** The settings as SQL statements, each ending with a semicolon, for a server of this major version. */
    public static String sql(int serverMajorVersion, String applicationName) {
        return sql(serverMajorVersion, applicationName, null);
    }

    /** @param searchPath a schema name (checked as a plain identifier by the configuration), or null to keep the role's */
    public static String sql(int serverMajorVersion, String applicationName, String searchPath) {
        StringBuilder sql = new StringBuilder("SET idle_in_transaction_session_timeout = 0; ");
        if (serverMajorVersion >= 14) {
            // The server checks during long statements that the client is still there, so a killed
            // build's statement is cancelled and its lock released.
            sql.append("SET idle_session_timeout = 0; SET client_connection_check_interval = 2000; ");
        }
        sql.append("SET application_name = ").append(dollarQuoted(applicationName)).append(';');
        if (searchPath != null) {
            sql.append(" SET search_path = \"").append(searchPath).append("\";");
        }
        return sql.toString();
    }

    /**
     * {@code SET name = '500ms'} for a timeout the engine sets, without a final semicolon; empty for zero,
     * which leaves the server's, database's or role's own value.
     */
    public static String timeout(String name, Duration value) {
        return value == null || value.isZero() ? "" : "SET " + name + " = '" + value.toMillis() + "ms'";
    }

    /** Dollar quoting reads the same whatever standard_conforming_strings says. */
    private static String dollarQuoted(String text) {
        String tag = "$hg$";
        while (text.contains(tag)) {
            tag = "$hg" + tag.length() + "$";
        }
        return tag + text + tag;
    }
}
