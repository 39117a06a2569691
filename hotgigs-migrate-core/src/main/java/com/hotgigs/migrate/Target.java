package com.hotgigs.migrate;

import com.hotgigs.migrate.connection.JdbcUrl;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One place a fleet migrates: the configured database and schema themselves, a schema in the
 * configured database (with its own history table there, its migrations run with that schema as
 * {@code search_path} and as {@code ${hotgigs:schema}}), or another database, named on the
 * configured server or by a JDBC URL of its own. Credentials are the configuration's for all.
 *
 * @param kind  what {@code value} names
 * @param value the schema name, the database name or JDBC URL; null for {@link Kind#CONFIGURED}
 */
public record Target(Kind kind, String value) {

    /** What a target names. */
    public enum Kind { CONFIGURED, SCHEMA, DATABASE }

    /** Names a database may have to be given bare; any other needs a URL, where it is percent-encoded. */
    private static final int DEFAULT_PORT = 5432;

    /** What a failure to connect to a database target tells the user to correct. */
    static final String URL_SETTING = "this target (in hotgigs.databases, or a row of hotgigs.targetsQuery)";

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_$.-]*");

    public Target {
        if (kind == null || (kind == Kind.CONFIGURED) != (value == null)) {
            throw new IllegalArgumentException("a target of kind " + kind + " with value " + value);
        }
    }

    /** The configured database and schema: what a build without targets migrates, a fleet of one. */
    public static Target configured() {
        return new Target(Kind.CONFIGURED, null);
    }

    public static Target schema(String name) {
        return new Target(Kind.SCHEMA, name);
    }

    /** @param nameOrUrl a database on the configured server, or a {@code jdbc:postgresql:} URL */
    public static Target database(String nameOrUrl) {
        return new Target(Kind.DATABASE, nameOrUrl);
    }

    /**
     * How messages, the report and the shard hash name this target: the schema or database name, or
     * for a URL its host, port and database (never its parameters, which may hold a password).
     */
    public String name() {
        return switch (kind) {
            case CONFIGURED -> "(configured)";
            case SCHEMA -> value;
            case DATABASE -> isUrl() ? JdbcUrl.describeTarget(value) : value;
        };
    }

    /**
     * The configuration of a run on this target: {@code base} with this schema (its history table
     * there, and as search_path) or with this database's URL.
     *
     * @throws ConfigurationException the schema is not a valid identifier, or the database name cannot be put in a URL
     */
    public MigratorConfig configure(MigratorConfig base) {
        return switch (kind) {
            case CONFIGURED -> base;
            case SCHEMA -> {
                MigratorConfig.requireTargetIdentifier("schemas", value);
                yield base.toBuilder().schema(value).searchPath(value).build();
            }
            case DATABASE -> base.toBuilder().url(url(base.url())).urlSetting(URL_SETTING).build();
        };
    }

    /** What two targets share when they are the same place, so a list naming one twice is refused. */
    String identity(MigratorConfig base) {
        return switch (kind) {
            case CONFIGURED -> "database " + server(base.url()) + " schema " + base.schema();
            case SCHEMA -> "database " + server(base.url()) + " schema " + value;
            case DATABASE -> "database " + server(url(base.url())) + " schema " + base.schema();
        };
    }

    /**
     * The hosts, ports and database a URL names, written one way: a host without a port is on PostgreSQL's
     * default, and host names are not case-sensitive.
     */
    private static String server(String url) {
        String target = JdbcUrl.describeTarget(url);
        int slash = target.indexOf('/');
        String hosts = slash < 0 ? target : target.substring(0, slash);
        StringBuilder normal = new StringBuilder();
        for (String host : hosts.split(",")) {
            // An IPv6 address is bracketed, [::1]:5432: only a colon after its bracket starts a port.
            int bracket = host.lastIndexOf(']');
            boolean hasPort = host.indexOf(':', bracket + 1) >= 0;
            normal.append(normal.length() == 0 ? "" : ",").append(host.toLowerCase(Locale.ROOT)).append(hasPort ? "" : ":" + DEFAULT_PORT);
        }
        return normal + (slash < 0 ? "" : target.substring(slash));
    }

    /*
     * Written out rather than generated: a record's own equals and hashCode go through an invokedynamic
     * bootstrap whose first use in a JVM costs a build milliseconds, and every run keys its fleet's maps
     * by target, a fleet of one included.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Target target && kind == target.kind && Objects.equals(value, target.value);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return "Target[kind=" + kind + ", value=" + value + "]";
    }

    private boolean isUrl() {
        return value.startsWith("jdbc:");
    }

    private String url(String baseUrl) {
        if (isUrl()) {
            return value;
        }
        if (!DATABASE_NAME.matcher(value).matches()) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting("databases") + " has the invalid value '"
                    + value + "': expected a database name of letters, digits, '_', '$', '.' and '-', or a JDBC URL "
                    + "(jdbc:postgresql://host:port/database) for any other name.");
        }
        return JdbcUrl.withDatabase(baseUrl, value);
    }
}
