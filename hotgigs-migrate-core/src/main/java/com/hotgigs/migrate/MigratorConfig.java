package com.hotgigs.migrate;

import com.hotgigs.migrate.connection.JdbcUrl;
import com.hotgigs.migrate.lint.LintSettings;
import com.hotgigs.migrate.migration.Placeholders;
import com.hotgigs.migrate.migration.Version;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * @param lockTimeout      PostgreSQL's {@code lock_timeout} for every statement of a migration; zero leaves the
 *                         server's and role's setting alone
 * @param lockRetries      how often a transactional migration that hit the lock timeout is rolled back and run again
 * @param lockRetryPause   the pause before the first retry; it doubles with each retry after
 * @param statementTimeout PostgreSQL's {@code statement_timeout} for every statement of a migration; zero leaves
 *                         the server's and role's setting alone; never retried
 * @param watchInterval    how often a second connection checks a running statement (lock waits, a dead network path)
 * @param progressInterval how often a running migration's progress is told
 * @param networkTimeout   how long the engine waits for the server to answer, once it looks gone, before it ends the run
 * @param placeholders     values of the {@code ${name}} placeholders in scripts; values of names that look secret are never shown
 * @param placeholderReplacement false leaves every script's {@code ${...}} as written
 * @param baseline         how a database with a schema but no history is adopted (baseline, Flyway import)
 * @param transactionMode  how a script that declares no transaction mode runs: {@link TransactionMode#PER_MIGRATION}
 *                         (the default) or {@link TransactionMode#NONE}
 * @param lint             how pending migrations are linted before they run
 * @param searchPath       the schema every engine connection sets as its {@code search_path} (again after each
 *                         migration's {@code RESET ALL}), or null for the role's and server's; a schema target's own schema
 * @param urlSetting       where the URL was given, for a failure to connect to tell what to correct: null for
 *                         {@code hotgigs.url} (or the {@code DB_*} variables), else a database target's source
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
        boolean flushEachMigration,
        Duration lockTimeout,
        int lockRetries,
        Duration lockRetryPause,
        Duration statementTimeout,
        Duration watchInterval,
        Duration progressInterval,
        Duration networkTimeout,
        Map<String, String> placeholders,
        boolean placeholderReplacement,
        BaselineSettings baseline,
        TransactionMode transactionMode,
        LintSettings lint,
        String searchPath,
        String urlSetting) {

    public static final String DEFAULT_SCHEMA = "public";
    public static final String DEFAULT_TABLE = "schema_migrations";
    public static final String DEFAULT_LOCATION = "classpath:db/hotgigs";
    /** How scripts that declare no transaction mode run. */
    public static final String DEFAULT_TRANSACTION_MODE = "per-migration";
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(600);
    /** See the README, "Lock waits and timeouts", for why. */
    public static final String DEFAULT_LOCK_TIMEOUT = "5s";
    public static final int DEFAULT_LOCK_RETRIES = 3;
    public static final Duration DEFAULT_LOCK_RETRY_PAUSE = Duration.ofSeconds(1);
    public static final String DEFAULT_STATEMENT_TIMEOUT = "off";
    public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(30);
    /** PostgreSQL keeps timeouts as milliseconds in an int. */
    private static final Duration LONGEST_SERVER_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    /** PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and drops the rest. */
    private static final int MAX_IDENTIFIER_BYTES = 63;

    public MigratorConfig {
        require("url", url);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw invalid("url", JdbcUrl.redact(url),
                    "a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/hotgigs_db");
        }
        requireIdentifier("schema", schema);
        requireUserSchema("schema", schema);
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
        requireServerTimeout("lockTimeout", lockTimeout);
        requireServerTimeout("statementTimeout", statementTimeout);
        if (lockRetries < 0) {
            throw invalid("lockRetries", String.valueOf(lockRetries), "zero (no retry) or more retries");
        }
        requirePositive("lockRetryPause", lockRetryPause, true);
        requirePositive("watchInterval", watchInterval, false);
        requirePositive("progressInterval", progressInterval, false);
        requirePositive("networkTimeout", networkTimeout, false);
        placeholders = checkPlaceholders(placeholders);
        require("baseline", baseline);
        require("transactionMode", transactionMode);
        if (transactionMode == TransactionMode.AS_WRITTEN) {
            throw invalid("transactionMode", transactionMode.word(), "per-migration or none (as-written is what a script's "
                    + "own BEGIN/COMMIT makes it, not a setting)");
        }
        require("lint", lint);
        if (searchPath != null) {
            requireIdentifier("searchPath", searchPath);
        }
    }

    private static Map<String, String> checkPlaceholders(Map<String, String> placeholders) {
        require("placeholders", placeholders);
        Map<String, String> checked = new TreeMap<>();
        for (Map.Entry<String, String> entry : placeholders.entrySet()) {
            String name = entry.getKey();
            if (name == null || !Placeholders.NAME.matcher(name).matches()) {
                throw invalid("placeholders", String.valueOf(name), "placeholder names of letters, digits, '_', '.' and '-',"
                        + " starting with a letter or '_' (the hotgigs: names are built in)");
            }
            String value = entry.getValue();
            String shown = Placeholders.isSecret(name) ? "****" : value;
            if (value == null) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "Placeholder '" + name
                        + "' has no value; give it one (an empty value is written <" + name + "></" + name + ">).");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw invalid("placeholders." + name, shown.replace("\r", "\\r").replace("\n", "\\n"),
                        "a value on one line, so that the line numbers of messages stay the file's");
            }
            checked.put(name, value);
        }
        return Collections.unmodifiableMap(checked);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every setting of this configuration, to derive another from it. */
    public Builder toBuilder() {
        return new Builder().url(url).user(user).password(password).schema(schema).table(table).locations(locations)
                .baseDirectory(baseDirectory).classLoader(classLoader).target(target).outOfOrder(outOfOrder).lockWait(lockWait)
                .flushEachMigration(flushEachMigration).lockTimeout(lockTimeout).lockRetries(lockRetries)
                .lockRetryPause(lockRetryPause).statementTimeout(statementTimeout).watchInterval(watchInterval)
                .progressInterval(progressInterval).networkTimeout(networkTimeout).placeholders(placeholders)
                .placeholderReplacement(placeholderReplacement).baseline(baseline).transactionMode(transactionMode).lint(lint)
                .searchPath(searchPath).urlSetting(urlSetting);
    }

    /** The target as a version, or null for no limit. */
    public Version targetVersion() {
        return target == null ? null : Version.parse(target);
    }

    private static void require(String setting, Object value) {
        if (value == null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                    ConfigurationException.setting(setting) + " is missing; it has no default, set it.");
        }
    }

    private static void requireServerTimeout(String setting, Duration value) {
        require(setting, value);
        if (value.isNegative() || value.compareTo(LONGEST_SERVER_TIMEOUT) > 0) {
            throw invalid(setting, DurationSetting.format(value), "a duration from 0 (off) to " + LONGEST_SERVER_TIMEOUT.toHours()
                    + " hours, such as 500ms, 2s or 1m");
        }
    }

    private static void requirePositive(String setting, Duration value, boolean zeroAllowed) {
        require(setting, value);
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw invalid(setting, DurationSetting.format(value), zeroAllowed ? "zero or more" : "a duration above zero, such as 500ms or 5s");
        }
    }

    /** Checks a schema a fleet names as a target as the schema setting is checked, naming the fleet's setting. */
    static void requireTargetIdentifier(String setting, String value) {
        requireIdentifier(setting, value);
        requireUserSchema(setting, value);
    }

    private static void requireIdentifier(String setting, String value) {
        require(setting, value);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw invalid(setting, value, "a plain PostgreSQL identifier (letters, digits, _ and $, starting with a letter or _)");
        }
        if (value.length() > MAX_IDENTIFIER_BYTES) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting(setting) + " has the value '" + value
                    + "', which is too long: " + value.length() + " bytes, and PostgreSQL keeps at most " + MAX_IDENTIFIER_BYTES
                    + " (it would silently use '" + value.substring(0, MAX_IDENTIFIER_BYTES) + "'). Choose a shorter name.");
        }
    }

    /**
     * The history table belongs in a schema of the application's: PostgreSQL's own schemas either
     * refuse new tables or lose them (pg_temp goes with the session).
     */
    private static void requireUserSchema(String setting, String schema) {
        String lower = schema.toLowerCase(Locale.ROOT);
        if (lower.equals("information_schema") || lower.startsWith("pg_")) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting(setting) + " has the value '" + schema
                    + "', a PostgreSQL system schema (pg_catalog, pg_toast, pg_temp..., information_schema and every pg_ "
                    + "name are the server's own), which cannot hold the history table. Use a schema of the application's, "
                    + "e.g. " + DEFAULT_SCHEMA + ".");
        }
    }

    private static ConfigurationException invalid(String setting, String value, String accepted) {
        return new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                ConfigurationException.setting(setting) + " has the invalid value '" + value + "': expected " + accepted + ".");
    }

    @Override
    public String toString() {
        return "MigratorConfig[url=" + JdbcUrl.redact(url) + ", user=" + user
                + ", password=" + (password == null ? "(none)" : "****")
                + ", schema=" + schema + ", table=" + table + ", locations=" + locations
                + ", baseDirectory=" + baseDirectory + ", target=" + target
                + ", outOfOrder=" + outOfOrder + ", lockWait=" + lockWait
                + ", flushEachMigration=" + flushEachMigration + ", lockTimeout=" + DurationSetting.format(lockTimeout)
                + ", lockRetries=" + lockRetries + ", statementTimeout=" + DurationSetting.format(statementTimeout)
                + ", placeholders=" + shownPlaceholders() + ", placeholderReplacement=" + placeholderReplacement
                + ", transactionMode=" + transactionMode.word() + ", lint=" + lint + ", searchPath=" + searchPath + "]";
    }

    private String shownPlaceholders() {
        Map<String, String> shown = new TreeMap<>();
        placeholders.forEach((name, value) -> shown.put(name, Placeholders.isSecret(name) ? "****" : value));
        return shown.toString();
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
        private Duration lockTimeout = DurationSetting.parse("lockTimeout", DEFAULT_LOCK_TIMEOUT);
        private int lockRetries = DEFAULT_LOCK_RETRIES;
        private Map<String, String> placeholders = Map.of();
        private boolean placeholderReplacement = true;
        private TransactionMode transactionMode = TransactionMode.PER_MIGRATION;
        private String transactionModeText;
        private Duration lockRetryPause = DEFAULT_LOCK_RETRY_PAUSE;
        private Duration statementTimeout = DurationSetting.parse("statementTimeout", DEFAULT_STATEMENT_TIMEOUT);
        private Duration watchInterval = DEFAULT_WATCH_INTERVAL;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private Duration networkTimeout = DEFAULT_NETWORK_TIMEOUT;
        private BaselineSettings baseline = BaselineSettings.DEFAULTS;
        private LintSettings lint = LintSettings.DEFAULT;
        private String searchPath;
        private String urlSetting;

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

        /** Zero for none: the server's and the role's {@code lock_timeout} then apply. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        public Builder lockRetries(int lockRetries) {
            this.lockRetries = lockRetries;
            return this;
        }

        public Builder lockRetryPause(Duration lockRetryPause) {
            this.lockRetryPause = lockRetryPause;
            return this;
        }

        /** Zero for none: the server's and the role's {@code statement_timeout} then apply. */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        public Builder watchInterval(Duration watchInterval) {
            this.watchInterval = watchInterval;
            return this;
        }

        public Builder progressInterval(Duration progressInterval) {
            this.progressInterval = progressInterval;
            return this;
        }

        public Builder networkTimeout(Duration networkTimeout) {
            this.networkTimeout = networkTimeout;
            return this;
        }

        /** Values of the scripts' {@code ${name}} placeholders. */
        public Builder placeholders(Map<String, String> placeholders) {
            this.placeholders = placeholders == null ? null : new LinkedHashMap<>(placeholders);
            return this;
        }

        /** False leaves {@code ${...}} in every script as written. */
        public Builder placeholderReplacement(boolean placeholderReplacement) {
            this.placeholderReplacement = placeholderReplacement;
            return this;
        }

        /** Baseline and import settings; {@link BaselineSettings#DEFAULTS} unless set. */
        public Builder baseline(BaselineSettings baseline) {
            this.baseline = baseline;
            return this;
        }

        /** How scripts that declare no transaction mode run; {@link TransactionMode#PER_MIGRATION} by default. */
        public Builder transactionMode(TransactionMode transactionMode) {
            this.transactionMode = transactionMode;
            return this;
        }

        /** The same, from a setting's text: {@code per-migration} or {@code none}; another word fails {@link #build()}. */
        public Builder transactionMode(String transactionMode) {
            this.transactionMode = TransactionMode.ofSetting(transactionMode);
            this.transactionModeText = transactionMode;
            return this;
        }

        /** Whether lint findings fail migrate and validate, and which rules are not checked. */
        public Builder lint(LintSettings lint) {
            this.lint = lint;
            return this;
        }

        /** The schema every engine connection sets as its search_path; null (the default) leaves the role's. */
        public Builder searchPath(String searchPath) {
            this.searchPath = searchPath;
            return this;
        }

        /** Where the URL was given, when not in hotgigs.url: a database target's list or query. */
        public Builder urlSetting(String urlSetting) {
            this.urlSetting = urlSetting;
            return this;
        }

        public MigratorConfig build() {
            if (transactionMode == null && transactionModeText != null) {
                throw invalid("transactionMode", transactionModeText, "per-migration (one transaction with the history row, "
                        + "the default) or none (each statement on its own, outside a transaction)");
            }
            return new MigratorConfig(url, user, password, schema, table, locations,
                    baseDirectory, classLoader, target, outOfOrder, lockWait, flushEachMigration,
                    lockTimeout, lockRetries, lockRetryPause, statementTimeout, watchInterval, progressInterval, networkTimeout,
                    placeholders, placeholderReplacement, baseline, transactionMode, lint, searchPath, urlSetting);
        }
    }
}
