package com.hotgigs.migrate;

import com.hotgigs.migrate.connection.ConnectionFactory;
import com.hotgigs.migrate.connection.JdbcUrl;
import com.hotgigs.migrate.execution.MigrationRunner;
import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.execution.StatementLimits;
import com.hotgigs.migrate.execution.StatementWatcher;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Placeholders;
import com.hotgigs.migrate.migration.Version;
import com.hotgigs.migrate.status.HistoryComparison;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine's entry point: applies, reports and validates the migrations of one configuration
 * against one database. Needs no Maven; the Maven goals are one caller among others.
 *
 * <pre>{@code
 * MigrateResult result = new Migrator(MigratorConfig.builder().url(url).user(user).password(password).build()).migrate();
 * }</pre>
 */
public final class Migrator {

    private final MigratorConfig config;
    private final MigrationListener listener;
    private final HistoryTable history;
    private final ConnectionFactory connections;

    public Migrator(MigratorConfig config) {
        this(config, MigrationListener.NONE);
    }

    public Migrator(MigratorConfig config, MigrationListener listener) {
        this.config = config;
        this.listener = listener;
        this.history = new HistoryTable(config.schema(), config.table());
        this.connections = new ConnectionFactory(config);
    }

    /**
     * Validates the applied migrations, then applies the pending ones up to the target, each in its
     * own transaction with its history row, holding the migration lock while it works. A run that
     * finds nothing to apply returns without the lock. Unless {@link MigratorConfig#flushEachMigration()},
     * migrations commit without waiting for their WAL flush but the last, whose flush covers them all:
     * a crash takes back whole migrations with their history rows, never one without the other,
     * and nothing a returned result reports as applied.
     *
     * @throws ValidationException       applied migrations were edited or removed, or a pending one is out of order
     * @throws MigrationFailedException  a migration's SQL failed; its failed attempt is recorded
     * @throws ConfigurationException    bad settings or files, or the database cannot be reached; nothing was written
     * @throws LockTimeoutException      another run held the lock for longer than the configured wait
     */
    public MigrateResult migrate() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history)) {
            HistoryComparison found = snapshot.compare();
            if (problems(found).isEmpty() && withinTarget(found.pending()).isEmpty()) {
                // Applied migrations never become unapplied, so when none is pending no other run can give
                // this one work: it is done without taking the lock or opening a second connection.
                found.warnings().forEach(listener::warning);
                return result(snapshot.connection(), List.of(), found, System.nanoTime());
            }
            Connection lockConnection = connections.open();
            // A network path that died during the run must not hang the unlock at its end.
            lockConnection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, config.networkTimeout().toMillis()));
            try (MigrationLock ignored = MigrationLock.acquire(lockConnection, history.displayName(), config.lockWait(), listener)) {
                return migrateHoldingLock(snapshot);
            }
        } catch (SQLException e) {
            throw unexpected("migrate", e);
        }
    }

    private MigrateResult migrateHoldingLock(Snapshot snapshot) throws SQLException {
        Connection connection = snapshot.connection();
        HistoryComparison comparison = snapshot.compareAgain();
        List<String> problems = problems(comparison);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        comparison.warnings().forEach(listener::warning);
        int serverMajor = connection.getMetaData().getDatabaseMajorVersion();
        Placeholders placeholders = placeholders(connection);
        // Every script is split and checked before the first one runs, so a bad one later in the
        // list stops the run before anything is written. Placeholders are replaced first: the splitter
        // sees what is sent.
        List<PreparedMigration> prepared = withinTarget(comparison.pending()).stream()
                .map(m -> PreparedMigration.prepare(placeholders.applyTo(m), serverMajor)).toList();
        long started = System.nanoTime();
        if (!prepared.isEmpty()) {
            prepareHistory(connection);
        }
        List<MigrationInfo> applied = new ArrayList<>();
        MigrationListener runListener = SecretHidingListener.around(listener, placeholders);
        if (!prepared.isEmpty()) {
            try (StatementWatcher watcher = StatementWatcher.start(() -> connections.openMonitor(config.networkTimeout()),
                    connection, config.watchInterval(), config.progressInterval(), config.networkTimeout(),
                    config.lockTimeout(), runListener)) {
                MigrationRunner runner = new MigrationRunner(connection, history, runListener, serverMajor,
                        config.flushEachMigration(), StatementLimits.of(config), watcher);
                for (int i = 0; i < prepared.size(); i++) {
                    applied.add(applyHidingSecrets(runner, prepared.get(i), i == prepared.size() - 1, placeholders));
                }
            }
        }
        return result(connection, applied, comparison, started);
    }

    private Placeholders placeholders(Connection connection) throws SQLException {
        return Placeholders.of(config.placeholders(), config.placeholderReplacement(), config.schema(), config.table(),
                connection.getMetaData().getUserName(), connection.getCatalog());
    }

    /** A failure quotes the statement and the server's answer, which may hold a secret placeholder's value. */
    private static MigrationInfo applyHidingSecrets(MigrationRunner runner, PreparedMigration migration, boolean last,
                                                    Placeholders placeholders) throws SQLException {
        try {
            return runner.apply(migration, last);
        } catch (MigrationFailedException e) {
            if (!placeholders.hasSecrets() || placeholders.redact(e.getMessage()).equals(e.getMessage())) {
                throw e;
            }
            // The cause carries the same text unredacted, so it is left off.
            throw new MigrationFailedException(e.script(), e.line(), e.sqlState(), placeholders.redact(e.getMessage()), null);
        }
    }

    /**
     * Creates the history table, or brings an older one to the current format, before the first
     * write; under the lock, in one transaction, so a second run sees either the old table or the
     * new one whole. Done once: the format is recorded in the table's comment.
     */
    private void prepareHistory(Connection connection) throws SQLException {
        int format = history.format(connection);
        if (format == HistoryTable.FORMAT) {
            return;
        }
        connection.setAutoCommit(false);
        try {
            if (format == 0) {
                history.create(connection);
            } else {
                history.upgrade(connection);
            }
            connection.commit();
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        if (format > 0) {
            listener.historyUpgraded(history.displayName(), format, HistoryTable.FORMAT);
        }
    }

    private static List<String> problems(HistoryComparison comparison) {
        List<String> problems = new ArrayList<>(comparison.integrityProblems());
        problems.addAll(comparison.orderProblems());
        return problems;
    }

    private MigrateResult result(Connection connection, List<MigrationInfo> applied, HistoryComparison comparison,
                                 long startedNanos) throws SQLException {
        String current = applied.isEmpty() ? comparison.currentVersion() : highest(comparison.currentVersion(), applied);
        long alreadyApplied = comparison.migrations().stream()
                .filter(m -> m.state() == MigrationState.APPLIED || m.state() == MigrationState.BASELINE).count();
        Set<Version> failed = comparison.migrations().stream().filter(m -> m.state() == MigrationState.FAILED)
                .map(m -> Version.parse(m.version())).collect(Collectors.toSet());
        List<Migration> remaining = comparison.pending().subList(applied.size(), comparison.pending().size());
        int stillFailed = (int) remaining.stream().filter(m -> failed.contains(m.version())).count();
        return new MigrateResult(connection.getCatalog(), config.schema(), applied, (int) alreadyApplied,
                remaining.size() - stillFailed, stillFailed, current,
                (System.nanoTime() - startedNanos) / 1_000_000, comparison.warnings(), afterRun(comparison.migrations(), applied));
    }

    /** The migrations as found before the run, those this run applied now in the state it left them. */
    private static List<MigrationInfo> afterRun(List<MigrationInfo> before, List<MigrationInfo> applied) {
        if (applied.isEmpty()) {
            return before;
        }
        Map<Version, MigrationInfo> appliedByVersion = new HashMap<>();
        applied.forEach(info -> appliedByVersion.put(Version.parse(info.version()), info));
        return before.stream().map(info -> appliedByVersion.getOrDefault(Version.parse(info.version()), info)).toList();
    }

    /** Every known migration with its state. Reads only: creates nothing, takes no lock. */
    public StatusReport status() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history)) {
            HistoryComparison comparison = snapshot.compare();
            comparison.warnings().forEach(listener::warning);
            return new StatusReport(snapshot.connection().getCatalog(), config.schema(), comparison.currentVersion(),
                    comparison.migrations());
        } catch (SQLException e) {
            throw unexpected("status", e);
        }
    }

    /**
     * Checks the applied migrations against the local files, for release gates: edited, missing or
     * failed migrations are problems, and pending ones too when {@code failOnPending}. Reads only.
     */
    public ValidationReport validate(boolean failOnPending) {
        try (Snapshot snapshot = Snapshot.take(config, connections, history)) {
            HistoryComparison comparison = snapshot.compare();
            StatusReport status = new StatusReport(snapshot.connection().getCatalog(), config.schema(),
                    comparison.currentVersion(), comparison.migrations());
            List<String> problems = new ArrayList<>(comparison.integrityProblems());
            problems.addAll(comparison.failedProblems());
            problems.addAll(comparison.orderProblems());
            if (failOnPending) {
                comparison.migrations().stream().filter(m -> m.state() == MigrationState.PENDING)
                        .forEach(m -> problems.add("Migration " + m.displayName() + " is pending: run migrate before releasing."));
            }
            return new ValidationReport(status, problems, comparison.warnings());
        } catch (SQLException e) {
            throw unexpected("validate", e);
        }
    }

    private List<Migration> withinTarget(List<Migration> pending) {
        Version target = config.targetVersion();
        return target == null ? pending : pending.stream().filter(m -> m.version().compareTo(target) <= 0).toList();
    }

    private static String highest(String current, List<MigrationInfo> applied) {
        Version best = current == null ? null : Version.parse(current);
        String text = current;
        for (MigrationInfo info : applied) {
            Version version = Version.parse(info.version());
            if (best == null || version.compareTo(best) > 0) {
                best = version;
                text = info.version();
            }
        }
        return text;
    }

    private MigrationException unexpected(String command, SQLException e) {
        return failedTalking("The " + command, config, e);
    }

    /** A database error the engine cannot name more precisely, without the URL's password. */
    static MigrationException failedTalking(String what, MigratorConfig config, SQLException e) {
        return new MigrationException(ErrorCode.CONNECTION_FAILED, what + " of " + JdbcUrl.describeTarget(config.url())
                + " failed talking to the database: " + JdbcUrl.redact(e.getMessage())
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
    }
}
