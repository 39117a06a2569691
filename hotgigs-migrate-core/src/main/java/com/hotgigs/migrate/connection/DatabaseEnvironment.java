package com.hotgigs.migrate.connection;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.nio.file.Path;
import java.util.Map;

/**
 * The connection settings a HotGigs deployment already has: the seed's {@code DB_HOST},
 * {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER} and {@code DB_PASSWORD}, taken from the
 * environment, else from the {@code .env} file of the project's base directory, else the seed's
 * defaults. Explicit settings (plugin parameters, settings.xml servers) take precedence over all
 * of these; that choice is the caller's.
 *
 * @param user     null when neither the environment nor .env names one
 * @param password null when neither the environment nor .env holds one
 */
public record DatabaseEnvironment(String host, String port, String database, String user, String password) {

    public static final String HOST = "DB_HOST";
    public static final String PORT = "DB_PORT";
    public static final String NAME = "DB_NAME";
    public static final String USER = "DB_USER";
    public static final String PASSWORD = "DB_PASSWORD";

    public static final String DEFAULT_HOST = "localhost";
    public static final String DEFAULT_PORT = "5432";
    public static final String DEFAULT_DATABASE = "hotgigs_db";

    /**
     * @param environment    the process environment ({@code System.getenv()}); passed in so tests need not change it
     * @param baseDirectory  where to look for {@code .env}
     */
    public static DatabaseEnvironment read(Map<String, String> environment, Path baseDirectory) {
        Map<String, String> dotEnv = DotEnvFile.read(baseDirectory);
        String port = lookup(PORT, environment, dotEnv, DEFAULT_PORT);
        if (!port.chars().allMatch(Character::isDigit)) {
            String source = environment.containsKey(PORT) && !environment.get(PORT).isEmpty()
                    ? "the environment" : baseDirectory.resolve(DotEnvFile.FILE_NAME).toString();
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                    PORT + " has the invalid value '" + port + "' (from " + source + "): expected a port number such as "
                            + DEFAULT_PORT + ". Correct it, or set hotgigs.url instead.");
        }
        return new DatabaseEnvironment(
                lookup(HOST, environment, dotEnv, DEFAULT_HOST),
                port,
                lookup(NAME, environment, dotEnv, DEFAULT_DATABASE),
                lookup(USER, environment, dotEnv, null),
                lookup(PASSWORD, environment, dotEnv, null));
    }

    /** The JDBC URL these settings name. */
    public String url() {
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database;
    }

    private String hostForUrl() {
        // An IPv6 literal needs brackets in a URL.
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String lookup(String name, Map<String, String> environment, Map<String, String> dotEnv, String fallback) {
        String fromEnvironment = environment.get(name);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        String fromFile = dotEnv.get(name);
        return fromFile != null && !fromFile.isEmpty() ? fromFile : fallback;
    }

    @Override
    public String toString() {
        return "DatabaseEnvironment[url=" + url() + ", user=" + user + ", password=" + (password == null ? "(none)" : "****") + "]";
    }
}
