package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.util.regex.Pattern;

/**
 * The checks of what an embedded server is asked for, apart from {@link EmbeddedServer} so that a
 * caller can make them before the embedded library is even loaded, and nothing is started, or
 * downloaded, for a setting that cannot work.
 */
public final class EmbeddedSettings {

    /** The highest TCP port. */
    public static final int MAX_PORT = 65535;

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private EmbeddedSettings() {
    }

    /** The name of the database to create, if it can be written unquoted in SQL. */
    public static String database(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting("database")
                    + " has the invalid value '" + name + "': expected a plain identifier of letters, digits and _, "
                    + "starting with a letter or _, at most 63 characters, such as hotgigs_db.");
        }
        return name;
    }

    /** The port to listen on: 0 for a free one, else a TCP port. */
    public static int port(int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting("postgresPort")
                    + " has the invalid value '" + port + "': expected 0 (a free port is picked) or a port from 1 to "
                    + MAX_PORT + ".");
        }
        return port;
    }
}
