package com.hotgigs.migrate;

import com.hotgigs.migrate.connection.JdbcUrl;
import com.hotgigs.migrate.migration.Version;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a {@link Migrator} needs, validated once when built. Invalid values are refused with
 * a message naming the setting, the value and what is accepted; nothing is silently corrected.
 *
 * @param user       null to let the driver take it from the URL
 * @param password   null when the server needs none or the URL carries it; never shown by toString
 * @param target     the highest version to apply (inclusive), or null for all
 * @param flushEachMigration whether every migration's commit waits for its WAL flush, as it did before
 *                   runs waited for one flush at their end; off by default: see {@link Migrator#migrate()}
 */
public record MigratorConfig(
        String url,
        String user,
        String password,
        String schema,
        String table,
        List<String> locations,
        Path baseDirectory,
        ClassLoader classLoader,
        String target,
        boolean outOfOrder,
        Duration lockWait,
        boolean flushEachMigration) {

    public static final String DEFAULT_SCHEMA = "public";
    public static final String DEFAULT_TABLE = "schema_migrations";
    public static final String DEFAULT_LOCATION = "classpath:db/hotgigs";
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(600);

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    public MigratorConfig {
        require("url", url);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw invalid("url", JdbcUrl.redact(url),
                    "a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/hotgigs_db");
        }
        requireIdentifier("schema", schema);
        requireIdentifier("table", table);
        require("locations", locations);
        if (locations.isEmpty()) {
            throw invalid("locations", "(none)", "at least one location, e.g. " + DEFAULT_LOCATION);
        }
        locations = List.copyOf(locations);
        for (String location : locations) {
            if (!location.startsWith("classpath:") && !location.startsWith("filesystem:")) {
                throw invalid("locations", location,
                        "locations starting with classpath: or filesystem:, e.g. filesystem:src/main/resources/db/migration");
            }
        }
        require("baseDirectory", baseDirectory);
        require("classLoader", classLoader);
        if (target != null && !Version.isValid(target)) {
            throw invalid("target", target, "a version such as 002 or 2.1 (digits, optionally dot-separated)");
        }
        require("lockWait", lockWait);
        if (lockWait.isNegative()) {
            throw invalid("lockWaitSeconds", String.valueOf(lockWait.toSeconds()), "zero or more seconds");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The target as a version, or null for no limit. */
    public Version targetVersion() {
        return target == null ? null : Version.parse(target);
    }

    private static void require(String setting, Object value) {
        if (value == null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                    "Setting '" + setting + "' is missing; it has no default, set it.");
        }
    }

    private static void requireIdentifier(String setting, String value) {
        require(setting, value);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw invalid(setting, value, "a plain PostgreSQL identifier (letters, digits, _ and $, starting with a letter or _)");
        }
    }

    private static ConfigurationException invalid(String setting, String value, String accepted) {
        return new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                "Setting '" + setting + "' has the invalid value '" + value + "': expected " + accepted + ".");
    }

    @Override
    public String toString() {
        return "MigratorConfig[url=" + JdbcUrl.redact(url) + ", user=" + user
                + ", password=" + (password == null ? "(none)" : "****")
                + ", schema=" + schema + ", table=" + table + ", locations=" + locations
                + ", baseDirectory=" + baseDirectory + ", target=" + target
                + ", outOfOrder=" + outOfOrder + ", lockWait=" + lockWait
                + ", flushEachMigration=" + flushEachMigration + "]";
    }

    /** Builds a configuration; every setting but the URL has a default. */
    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private String schema = DEFAULT_SCHEMA;
        private String table = DEFAULT_TABLE;
        private List<String> locations = List.of(DEFAULT_LOCATION);
        private Path baseDirectory = Path.of("").toAbsolutePath();
        private ClassLoader classLoader = MigratorConfig.class.getClassLoader();
        private String target;
        private boolean outOfOrder;
        private Duration lockWait = DEFAULT_LOCK_WAIT;
        private boolean flushEachMigration;

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder locations(List<String> locations) {
            this.locations = locations;
            return this;
        }

        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
            return this;
        }

        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        public Builder target(String target) {
            this.target = target;
            return this;
        }

        public Builder outOfOrder(boolean outOfOrder) {
            this.outOfOrder = outOfOrder;
            return this;
        }

        public Builder lockWait(Duration lockWait) {
            this.lockWait = lockWait;
            return this;
        }

        public Builder flushEachMigration(boolean flushEachMigration) {
            this.flushEachMigration = flushEachMigration;
            return this;
        }

        public MigratorConfig build() {
            return new MigratorConfig(url, user, password, schema, table, locations,
                    baseDirectory, classLoader, target, outOfOrder, lockWait, flushEachMigration);
        }
    }
}
