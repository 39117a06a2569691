package com.hotgigs.migrate;

import com.hotgigs.migrate.schema.TableReader;
import com.hotgigs.migrate.check.OfflineCheck;
import com.hotgigs.migrate.connection.ConnectionFactory;
import com.hotgigs.migrate.connection.DatabaseFailure;
import com.hotgigs.migrate.connection.WorkerConnections;
import com.hotgigs.migrate.connection.JdbcUrl;
import com.hotgigs.migrate.connection.Reconnection;
import com.hotgigs.migrate.execution.MigrationRunner;
import com.hotgigs.migrate.flyway.FlywayHistory;
import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.execution.RunCallbacks;
import com.hotgigs.migrate.execution.SessionSql;
import com.hotgigs.migrate.execution.StatementLimits;
import com.hotgigs.migrate.execution.StatementWatcher;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.history.HistoryTableState;
import com.hotgigs.migrate.lint.LintFinding;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.lock.TransactionPooler;
import com.hotgigs.migrate.migration.CallbackEvent;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Placeholders;
import com.hotgigs.migrate.migration.Version;
import com.hotgigs.migrate.plan.Plan;
import com.hotgigs.migrate.plan.PlanScript;
import com.hotgigs.migrate.status.HistoryComparison;
import com.hotgigs.migrate.status.RepeatableComparison;

import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final ScriptCache scripts;

    public Migrator(MigratorConfig config) {
        this(config, MigrationListener.NONE);
    }

    public Migrator(MigratorConfig config, MigrationListener listener) {
        this(config, listener, ScriptCache.none(), WorkerConnections.NONE);
    }

    /**
     * @param scripts what this run shares with the other targets of its fleet
     * @param worker  what its fleet worker keeps of its last target's connections, for this run and the next
     */
    Migrator(MigratorConfig config, MigrationListener listener, ScriptCache scripts, WorkerConnections worker) {
        this.config = config;
        this.listener = listener;
        this.scripts = scripts;
        this.history = new HistoryTable(config.schema(), config.table());
        this.connections = new ConnectionFactory(config, worker);
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
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            try {
                HistoryComparison found = snapshot.compare();
                // Replaced once, here: a placeholder with no value stops the run before anything is written.
                List<Migration> repeatables = snapshot.repeatablesAsSent(placeholders(snapshot.connection()));
                RepeatableComparison foundRepeatables = snapshot.compareRepeatables(repeatables);
                if (problems(found).isEmpty() && withinTarget(found.pending()).isEmpty() && foundRepeatables.pending().isEmpty()
                        && !RunCallbacks.any(snapshot.scripts(), RunCallbacks.MIGRATE)) {
                    // Applied migrations never become unapplied, so when none is pending no other run can give
                    // this one work: it is done without taking the lock or opening a second connection. A
                    // migrate callback runs on every migrate, so with one the run goes on.
                    warnings(snapshot, found, foundRepeatables).forEach(listener::warning);
                    warnIfVersionIndexMissing(snapshot);
                    return result(snapshot.connection().getCatalog(), List.of(), snapshot, found, foundRepeatables,
                            System.nanoTime());
                }
                Connection connection = snapshot.connection();
                snapshot.closeSessionWhenDone();
                // The lock is taken on the connection that then applies and records every migration:
                // losing it means losing the connection the next commit needs.
                TransactionPooler.refuseIfPooled(connection, connections, JdbcUrl.describeTarget(config.url()));
                try (MigrationLock lock = acquireLock(snapshot)) {
                    return migrateHoldingLock(snapshot, lock, repeatables);
                }
            } catch (SQLException e) {
                throw databaseFailure("Migrating", config, e, snapshot.connection());
            }
        }
    }

    /**
     * Waits for the lock; a waiting run whose connection is lost (a server restart, say) has done
     * nothing yet, so it reconnects and waits on for the rest of its time.
     */
    private MigrationLock acquireLock(Snapshot snapshot) throws SQLException {
        long deadline = System.nanoTime() + config.lockWait().toNanos();
        while (true) {
            try {
                return MigrationLock.acquire(snapshot.connection(), history.displayName(), config.lockWait(), deadline, listener);
            } catch (SQLException e) {
                if (!Reconnection.isLost(snapshot.connection(), e)) {
                    throw e;
                }
                Connection replacement = Reconnection.reconnect(connections::open).orElseThrow(() -> e);
                snapshot.replaceConnection(replacement);
                listener.warning("The connection was lost while waiting for the migration lock (" + JdbcUrl.redact(e.getMessage())
                        + "); reconnected, still waiting.");
            }
        }
    }

    /** @param repeatables the local repeatables as sent, placeholders replaced */
    private MigrateResult migrateHoldingLock(Snapshot snapshot, MigrationLock lock, List<Migration> repeatables)
            throws SQLException {
        Connection connection = snapshot.connection();
        // Asked now: the driver asks the server, and the result must not depend on the connection outliving the run.
        String database = connection.getCatalog();
        refuseDuplicateVersions(connection);
        HistoryComparison comparison = snapshot.compareAgain();
        List<String> problems = problems(comparison);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (!history.inspect(connection).exists()
                && asksWhetherBuiltElsewhere(snapshot, comparison, snapshot.compareRepeatables(repeatables))
                && adoptExisting(snapshot, lock)) {
            comparison = snapshot.compareAgain();
        }
        RepeatableComparison repeatableComparison = snapshot.compareRepeatables(repeatables);
        warnings(snapshot, comparison, repeatableComparison).forEach(listener::warning);
        RunPreparation preparation = RunPreparation.on(connection, placeholders(connection), config, scripts);
        Placeholders placeholders = preparation.placeholders();
        int serverMajor = preparation.serverMajor();
        // Every script is split and checked before the first one runs, so a bad one later in the
        // list stops the run before anything is written.
        List<PreparedMigration> prepared = preparation.run(withinTarget(comparison.pending()), repeatableComparison.pending());
        MigrationListener runListener = SecretHidingListener.around(listener, placeholders);
        prepared.forEach(migration -> migration.emptyWarning().ifPresent(runListener::warning));
        lintBeforeRunning(snapshot.local(), prepared, preparation).forEach(finding -> runListener.warning(finding.message()));
        RunCallbacks callbacks = RunCallbacks.prepare(snapshot.scripts(), RunCallbacks.MIGRATE, placeholders, serverMajor,
                preparation.standardStrings());
        long started = System.nanoTime();
        List<MigrationInfo> applied = new ArrayList<>();
        try {
            // Before the history table is made: a precondition that fails leaves a fresh database as it was.
            callbacks.run(CallbackEvent.BEFORE_MIGRATE, connection, runListener, "No migration ran.");
            if (!prepared.isEmpty()) {
                prepareHistory(connection);
                repairVersionIndex(connection);
                applyAll(connection, lock, serverMajor, prepared, callbacks, placeholders, runListener, applied);
            }
            callbacks.run(CallbackEvent.AFTER_MIGRATE, connection, runListener, applied.isEmpty() ? "Nothing was pending."
                    : "The migrations this run applied are committed and recorded.");
        } catch (ConnectionLostException e) {
            // No connection to run a callback on.
            throw e;
        } catch (MigrationFailedException e) {
            throw callbacks.runAfterFailure(CallbackEvent.AFTER_MIGRATE_ERROR, connection, runListener, hidingSecrets(e, placeholders));
        }
        return result(database, applied, snapshot, comparison, repeatableComparison, started);
    }

    /** Applies the prepared migrations in order; the last one's commit waits for its flush, covering the run's. */
    private void applyAll(Connection connection, MigrationLock lock, int serverMajor, List<PreparedMigration> prepared,
                          RunCallbacks callbacks, Placeholders placeholders, MigrationListener runListener,
                          List<MigrationInfo> applied) throws SQLException {
        try (StatementWatcher watcher = StatementWatcher.start(connections,
                connection, config.watchInterval(), config.progressInterval(), config.networkTimeout(),
                config.lockTimeout(), runListener)) {
            MigrationRunner runner = new MigrationRunner(connection, history, lock, connections, runListener, serverMajor,
                    config.flushEachMigration(), StatementLimits.of(config), watcher, callbacks.each(), placeholders::redact);
            for (int i = 0; i < prepared.size(); i++) {
                try {
                    applied.add(applyHidingSecrets(runner, prepared.get(i), i == prepared.size() - 1, placeholders));
                } catch (MigrationRunner.CommittedThenLost lost) {
                    throw stoppedAfterLoss(lost, prepared.subList(i + 1, prepared.size()));
                }
            }
        }
    }

    /** What the history comparison found worth telling, and what the locations hold that is not run (a callback typo). */
    private void tellWarnings(Snapshot snapshot, HistoryComparison comparison) {
        snapshot.scripts().warnings().forEach(listener::warning);
        comparison.warnings().forEach(listener::warning);
    }

    /** What the comparisons found worth telling, with the files the locations hold that are not run. */
    private static List<String> warnings(Snapshot snapshot, HistoryComparison versioned, RepeatableComparison repeatables) {
        List<String> warnings = new ArrayList<>(snapshot.scripts().warnings());
        warnings.addAll(versioned.warnings());
        warnings.addAll(repeatables.warnings());
        return warnings;
    }

    /**
     * Lints the migrations about to run, over the text that is sent, before anything is written: a
     * directive naming an unknown rule stops the run, and so does any finding with failOnLint.
     *
     * @return the findings, to warn about
     */
    private List<LintFinding> lintBeforeRunning(List<Migration> local, List<PreparedMigration> prepared, RunPreparation preparation) {
        LintReport report = preparation.lint(local, prepared);
        refuseLintProblems(report);
        if (config.lint().failOnLint() && !report.findings().isEmpty()) {
            throw new LintFailedException(report.findings());
        }
        return report.findings();
    }

    /** Lint directives that name no rule or an unknown one: a typo must not silently lint (or exempt) what was meant. */
    static void refuseLintProblems(LintReport report) {
        if (!report.problems().isEmpty()) {
            throw new ConfigurationException(ErrorCode.UNKNOWN_LINT_RULE, report.problems().size() == 1
                    ? report.problems().get(0) + " Nothing was run."
                    : "Lint directives are not valid; nothing was run:" + System.lineSeparator() + "  - "
                            + String.join(System.lineSeparator() + "  - ", report.problems()));
        }
    }

    /**
     * The run stops once its connection is lost, even after a commit that went through: the lock went
     * with the connection, so going on would need it again, and the build says what happened.
     */
    private ConnectionLostException stoppedAfterLoss(MigrationRunner.CommittedThenLost lost, List<PreparedMigration> rest) {
        MigrationInfo applied = lost.applied();
        String after = rest.isEmpty()
                ? " It was the last migration to apply: the database is migrated, and migrate run again has nothing to do."
                : " The run stopped there: " + rest.size() + (rest.size() == 1 ? " migration (" : " migrations (")
                        + rest.stream().map(p -> p.migration().displayName()).collect(Collectors.joining(", "))
                        + ") still to apply; run migrate again to apply " + (rest.size() == 1 ? "it." : "them.");
        return new ConnectionLostException(applied.script(), 0, null, lost.getMessage() + after, lost.getCause());
    }

    /**
     * Whether migrate, finding no history table, asks whether the database was built another way: it has a
     * versioned migration to apply, or a project of repeatables only is about to run them on a database
     * Flyway migrated, whose history is to be imported (or the run refused) as for versioned files.
     */
    private boolean asksWhetherBuiltElsewhere(Snapshot snapshot, HistoryComparison comparison, RepeatableComparison repeatables)
            throws SQLException {
        return !withinTarget(comparison.pending()).isEmpty()
                || (!repeatables.pending().isEmpty() && new FlywayHistory(config.schema()).exists(snapshot.connection()));
    }

    /**
     * A database that has a schema or Flyway's history but no history of ours is refused before anything
     * is written (see {@link ExistingDatabase}), unless baselineOnMigrate or importFlywayHistory lets this
     * run adopt it first.
     *
     * @return whether a baseline was recorded
     */
    private boolean adoptExisting(Snapshot snapshot, MigrationLock lock) throws SQLException {
        Connection connection = snapshot.connection();
        Optional<ExistingDatabase> existing = ExistingDatabase.find(config, history, connection);
        if (existing.isEmpty()) {
            return false;
        }
        if (!existing.get().adoptedBy(config.baseline())) {
            throw existing.get().refusal();
        }
        new Baseline(config, history, listener).run(connection, snapshot.local(),
                () -> snapshot.repeatablesAsSent(placeholders(connection)), lock, this::prepareHistory);
        return true;
    }

    /**
     * For the goals that only read (status, plan, validate): the refusal migrate's own check gives this
     * database, or empty when migrate would apply the migrations (or adopt it first, as configured).
     */
    private Optional<String> refusalByMigrate(Snapshot snapshot, HistoryComparison comparison, RepeatableComparison repeatables)
            throws SQLException {
        if (snapshot.tableState().exists() || !asksWhetherBuiltElsewhere(snapshot, comparison, repeatables)) {
            return Optional.empty();
        }
        return ExistingDatabase.find(config, history, snapshot.connection())
                .filter(existing -> !existing.adoptedBy(config.baseline())).map(ExistingDatabase::refusalAhead);
    }

    /**
     * Records the local migrations up to the configured baseline version (the highest local one by
     * default) as applied without running them, for a database that already has their schema and
     * no history. Unless verification is off, the migrations are first replayed into a throwaway
     * server of the database's major version and the two schemas compared object by object; any
     * difference refuses the baseline. Holds the migration lock; the rows are written in one transaction.
     *
     * @throws ConfigurationException     the history has rows, the version matches no file, or the database has no schema
     * @throws SchemaDifferenceException  the database's schema is not the one the migrations build
     * @throws MigrationException         the throwaway server could not start, or the migrations failed there
     */
    public BaselineResult baseline() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            try {
                TransactionPooler.refuseIfPooled(snapshot.connection(), connections, JdbcUrl.describeTarget(config.url()));
                try (MigrationLock lock = acquireLock(snapshot)) {
                    return new Baseline(config, history, listener).run(snapshot.connection(), snapshot.local(),
                            () -> snapshot.repeatablesAsSent(placeholders(snapshot.connection())), lock, this::prepareHistory);
                }
            } catch (SQLException e) {
                throw databaseFailure("Baselining", config, e, snapshot.connection());
            }
        }
    }

    /**
     * Realigns the history with what a person decided: each applied migration whose file was edited
     * on purpose gets its checksum realigned (a REPAIR row keeps the old one, who and when), each one
     * whose file was removed on purpose is marked deleted. Rows are only added. Holds the lock; one
     * transaction.
     *
     * @throws ConfigurationException the database has no history, or nothing to repair ({@link ErrorCode#NOTHING_TO_REPAIR}):
     *                                nothing was written
     */
    public RepairResult repair() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            try {
                if (!snapshot.tableState().exists()) {
                    throw new ConfigurationException(ErrorCode.NO_HISTORY, "Database " + snapshot.connection().getCatalog()
                            + " has no history table " + history.displayName() + ": there is nothing to repair. Run migrate, or "
                            + "baseline a database built another way.");
                }
                TransactionPooler.refuseIfPooled(snapshot.connection(), connections, JdbcUrl.describeTarget(config.url()));
                try (MigrationLock lock = acquireLock(snapshot)) {
                    HistoryComparison comparison = snapshot.compareAgain();
                    if (comparison.edited().isEmpty() && comparison.missing().isEmpty()) {
                        // A repair run by habit, or against the wrong database, should not pass for one that realigned something.
                        throw new ConfigurationException(ErrorCode.NOTHING_TO_REPAIR, "Nothing to repair in "
                                + history.displayName() + " of database " + snapshot.connection().getCatalog() + ": every applied "
                                + "migration matches its file, and every file of one is there. Nothing was written. hotgigs:repair is for "
                                + "after a deliberate change: an applied migration edited on purpose (its checksum is realigned) or "
                                + "one whose file was removed on purpose (it is marked deleted). Check hotgigs.url and "
                                + "hotgigs.locations if you expected one; hotgigs:validate shows what the history and the files say.");
                    }
                    tellWarnings(snapshot, comparison);
                    // A first-format table gets the kind column its repair rows need.
                    prepareHistory(snapshot.connection());
                    List<RepairResult.Change> changes = new Repair(history).run(snapshot.connection(), comparison, lock);
                    return new RepairResult(snapshot.connection().getCatalog(), config.schema(), changes);
                }
            } catch (SQLException e) {
                throw databaseFailure("Repairing the history", config, e, snapshot.connection());
            }
        }
    }

    /**
     * Compares the database's schema with the one its applied migrations build, replayed into a
     * throwaway server of its major version. Reads only: never writes to the database, takes no lock.
     *
     * @throws ConfigurationException the database has no history (nothing says which migrations it should have)
     * @throws ValidationException    applied migrations were edited or removed: the replay would not be what was applied
     */
    public DriftReport drift() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            try {
                HistoryComparison comparison = snapshot.compare();
                if (comparison.currentVersion() == null) {
                    throw new ConfigurationException(ErrorCode.NO_HISTORY, "Database " + snapshot.connection().getCatalog()
                            + " has no migration recorded as applied in " + history.displayName() + ": hotgigs-migrate never "
                            + "migrated it, so nothing says which schema it should have. To adopt a database built another way, "
                            + "run hotgigs:baseline (it runs the same comparison first); if the history is kept elsewhere, set "
                            + "hotgigs.schema or hotgigs.table.");
                }
                if (!comparison.integrityProblems().isEmpty()) {
                    throw new ValidationException(comparison.integrityProblems(), "the schema was not compared (drift never writes)");
                }
                tellWarnings(snapshot, comparison);
                Baseline baseline = new Baseline(config, history, listener);
                SchemaReplay replay = SchemaReplay.against(config, snapshot.connection(), comparison.currentVersion(),
                        baseline.excludedTables(), "");
                return new DriftReport(snapshot.connection().getCatalog(), config.schema(), comparison.currentVersion(),
                        replay.differences(), replay.compared(), replay.comparisonMs(), config.baseline().failOnExtraObjects());
            } catch (SQLException e) {
                throw databaseFailure("Comparing the schema", config, e, snapshot.connection());
            }
        }
    }

    /**
     * A history table without its unique index on applied versions (made by hand, or by a version
     * that derived an index name too long for PostgreSQL) that already records a version as applied
     * twice is refused before anything is written, since only a person can tell which row is true.
     */
    private void refuseDuplicateVersions(Connection connection) throws SQLException {
        HistoryTableState state = history.inspect(connection);
        if (state.exists() && !state.versionUnique()) {
            List<String> duplicates = history.duplicateSuccesses(connection, state.format());
            if (!duplicates.isEmpty()) {
                throw new ConfigurationException(ErrorCode.HISTORY_TABLE_DUPLICATES, duplicatesMessage(duplicates));
            }
        }
    }

    /** A history table that lacks its unique index on applied versions gets it, under the lock, before the first write. */
    private void repairVersionIndex(Connection connection) throws SQLException {
        if (!history.inspect(connection).versionUnique()) {
            history.createVersionIndex(connection);
            listener.warning("History table " + history.displayName() + " had no unique index on its applied versions, which "
                    + "keeps a migration from being recorded as applied twice; created it as " + history.versionIndexName() + ".");
        }
    }

    /** Read-only goals cannot repair the table; they say what the next migrate does. */
    private void warnIfVersionIndexMissing(Snapshot snapshot) {
        HistoryTableState state = snapshot.tableState();
        if (state.exists() && !state.versionUnique()) {
            listener.warning("History table " + history.displayName() + " has no unique index on its applied versions, which "
                    + "keeps a migration from being recorded as applied twice; the next migrate that has something to apply "
                    + "creates it (" + history.versionIndexName() + ").");
        }
    }

    private String duplicatesMessage(List<String> duplicates) {
        return "History table " + history.displayName() + " records " + (duplicates.size() == 1 ? "a version" : "versions")
                + " as applied more than once: " + String.join(", ", duplicates) + ". It lacks the unique index on successful "
                + "versions that prevents this, and the engine cannot tell which row is true. Nothing was written. Check "
                + "what those migrations did to the schema, delete the surplus rows (DELETE FROM " + history.displayName()
                + " WHERE installed_rank IN (...);) and run migrate again: it then creates the index.";
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
            throw hidingSecrets(e, placeholders);
        }
    }

    private static MigrationFailedException hidingSecrets(MigrationFailedException e, Placeholders placeholders) {
        if (!placeholders.hasSecrets() || placeholders.redact(e.getMessage()).equals(e.getMessage())) {
            return e;
        }
        return e.withMessage(placeholders.redact(e.getMessage()));
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
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // Out of the failed transaction first, so the failure can be explained from the server; a
            // rollback that fails on a lost connection must not replace the failure.
            rollbackQuietly(connection);
            throw databaseFailure((format == 0 ? "Creating" : "Upgrading") + " the history table " + history.displayName(),
                    config, e, connection);
        } catch (RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        }
        if (format > 0) {
            listener.historyUpgraded(history.displayName(), format, HistoryTable.FORMAT);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection is gone; the failure being reported says what happened.
        }
    }

    private static List<String> problems(HistoryComparison comparison) {
        List<String> problems = new ArrayList<>(comparison.integrityProblems());
        problems.addAll(comparison.orderProblems());
        return problems;
    }

    private MigrateResult result(String database, List<MigrationInfo> applied, Snapshot snapshot, HistoryComparison comparison,
                                 RepeatableComparison repeatables, long startedNanos) {
        List<MigrationInfo> appliedVersions = applied.stream().filter(info -> !info.repeatable()).toList();
        String current = appliedVersions.isEmpty() ? comparison.currentVersion() : highest(comparison.currentVersion(), appliedVersions);
        long alreadyApplied = comparison.migrations().stream()
                .filter(m -> m.state() == MigrationState.APPLIED || m.state() == MigrationState.BASELINE).count();
        Set<Version> failed = comparison.migrations().stream().filter(m -> m.state() == MigrationState.FAILED)
                .map(m -> Version.parse(m.version())).collect(Collectors.toSet());
        List<Migration> remaining = comparison.pending().subList(appliedVersions.size(), comparison.pending().size());
        int stillFailed = (int) remaining.stream().filter(m -> failed.contains(m.version())).count();
        List<MigrationInfo> after = new ArrayList<>(afterRun(comparison.migrations(), appliedVersions));
        after.addAll(repeatablesAfterRun(repeatables.repeatables(), applied));
        return new MigrateResult(database, config.schema(), applied, (int) alreadyApplied,
                remaining.size() - stillFailed, stillFailed, current,
                (System.nanoTime() - startedNanos) / 1_000_000, warnings(snapshot, comparison, repeatables), after);
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

    private static List<MigrationInfo> repeatablesAfterRun(List<MigrationInfo> before, List<MigrationInfo> applied) {
        Map<String, MigrationInfo> appliedByName = new HashMap<>();
        applied.stream().filter(MigrationInfo::repeatable).forEach(info -> appliedByName.put(info.name(), info));
        return before.stream().map(info -> appliedByName.getOrDefault(info.name(), info)).toList();
    }

    /**
     * Lints every local migration as migrate would run it, each judged against tables in use. Needs no
     * database: the scripts are read with the built-in placeholders the configuration tells.
     *
     * @throws ConfigurationException a file cannot be read as a migration, or a script cannot be split
     */
    public LintReport lint() {
        return new OfflineCheck(config, listener).lint();
    }

    /**
     * Checks the local migrations without a database: names and duplicate versions, the splitter, mixed
     * scripts, placeholders without values, lint, and the manifest, which must list every migration as it is.
     *
     * @param manifest the {@code hotgigs.sum} file
     */
    public CheckReport check(Path manifest) {
        return new OfflineCheck(config, listener).check(manifest);
    }

    /**
     * Writes the manifest of the local migrations ({@code hotgigs.sum}) to the file; needs no database.
     *
     * @return how many migrations it lists
     */
    public int writeManifest(Path manifest) {
        try {
            return new OfflineCheck(config, listener).writeManifest(manifest).entries().size();
        } catch (IOException e) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "Could not write the manifest " + manifest + ": "
                    + e.getMessage() + ". Check that its directory is writable.", e);
        }
    }

    /**
     * What {@link #migrate()} would send for the pending migrations, in order, without sending it: reads
     * the history and the catalog, writes nothing, takes no lock. Lint findings are shown next to their
     * statement; failOnLint does not apply.
     *
     * @throws ValidationException    applied migrations were edited or removed, or a pending one is out of order
     * @throws ConfigurationException bad settings or files, or the database cannot be reached (the offline goal is check)
     */
    public Plan plan() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            return plan(snapshot);
        } catch (ConfigurationException e) {
            throw PLAN_NEEDS_THE_DATABASE.contains(e.code()) ? new ConfigurationException(e.code(), e.getMessage()
                    + " The plan reads the history from the database to know what is pending; hotgigs:check checks the"
                    + " migrations without one.", e) : e;
        }
    }

    private static final Set<ErrorCode> PLAN_NEEDS_THE_DATABASE = Set.of(ErrorCode.SERVER_UNREACHABLE, ErrorCode.CONNECTION_FAILED,
            ErrorCode.DATABASE_MISSING, ErrorCode.AUTHENTICATION_FAILED, ErrorCode.CONNECTION_LOST);

    private Plan plan(Snapshot snapshot) {
        try {
            Pending pending = pending(snapshot);
            refuseLintProblems(pending.lint());
            Connection connection = snapshot.connection();
            RunPreparation preparation = pending.preparation();
            int serverMajor = preparation.serverMajor();
            RunCallbacks callbacks = RunCallbacks.prepare(snapshot.scripts(), RunCallbacks.MIGRATE, preparation.placeholders(),
                    serverMajor, preparation.standardStrings());
            PlanScript.Target target = new PlanScript.Target(connection.getCatalog(), history, snapshot.tableState().format(),
                    history.schemaExists(connection), pending.refusal());
            SessionSql session = SessionSql.of(connections, serverMajor, StatementLimits.of(config), config.flushEachMigration());
            return PlanScript.render(target, session, pending.prepared(), callbacks, pending.lint().findings(), preparation.placeholders());
        } catch (SQLException e) {
            throw databaseFailure("Planning", config, e, snapshot.connection());
        }
    }

    /**
     * Lints the migrations pending on this database as migrate would run them here (this server's
     * version and string syntax, the placeholders' values), for a fleet's lint: each target has its own
     * pending migrations. Reads the history; writes nothing, takes no lock. Without a database,
     * {@link #lint()} lints every local migration.
     *
     * @throws ValidationException applied migrations were edited or removed, or a pending one is out of order
     */
    public LintReport lintPending() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            try {
                return pending(snapshot).lint();
            } catch (SQLException e) {
                throw databaseFailure("Linting the pending migrations", config, e, snapshot.connection());
            }
        }
    }

    /**
     * What migrate would run on this database, prepared as it would send it (the versioned ones, then each
     * repeatable whose text as sent changed), and their lint.
     *
     * @param refusal why migrate would refuse the database as it is (objects but no history), or null
     */
    private record Pending(List<PreparedMigration> prepared, LintReport lint, RunPreparation preparation, String refusal) {
    }

    private Pending pending(Snapshot snapshot) throws SQLException {
        HistoryComparison comparison = snapshot.compare();
        List<String> problems = problems(comparison);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        tellWarnings(snapshot, comparison);
        Connection connection = snapshot.connection();
        RunPreparation preparation = RunPreparation.on(connection, placeholders(connection), config, scripts);
        RepeatableComparison repeatables = snapshot.compareRepeatables(snapshot.repeatablesAsSent(preparation.placeholders()));
        // What would be sent is still worth seeing, but not as if migrate would send it.
        Optional<String> refusal = refusalByMigrate(snapshot, comparison, repeatables);
        refusal.ifPresent(listener::warning);
        List<PreparedMigration> prepared = preparation.run(withinTarget(comparison.pending()), repeatables.pending());
        return new Pending(prepared, preparation.lint(snapshot.local(), prepared), preparation, refusal.orElse(null));
    }

    /** Every known migration with its state. Reads only: creates nothing, takes no lock. */
    public StatusReport status() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            return status(snapshot);
        }
    }

    /**
     * The status and the tables, columns and foreign keys (the history table left out), for
     * reports: of the configured schema when it is a schema target's or any but {@code public};
     * of every user schema with the default {@code public}, whose migrations may make schemas of
     * their own. Reads only: creates nothing, takes no lock.
     */
    public DatabaseReport report() {
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            StatusReport status = status(snapshot);
            TableReader tables = config.searchPath() != null || !config.schema().equals(MigratorConfig.DEFAULT_SCHEMA)
                    ? TableReader.ofSchema(config.schema(), config.table()) : new TableReader(config.schema(), config.table());
            try {
                return new DatabaseReport(status, tables.read(snapshot.connection()));
            } catch (SQLException e) {
                throw databaseFailure("Reading the tables for the report", config, e, snapshot.connection());
            }
        }
    }

    private StatusReport status(Snapshot snapshot) {
        try {
            Placeholders placeholders = placeholders(snapshot.connection());
            RunCallbacks callbacks = readOnlyCallbacks(snapshot, RunCallbacks.STATUS, placeholders);
            callbacks.run(CallbackEvent.BEFORE_STATUS, snapshot.connection(), listener, "The status was not read.");
            HistoryComparison comparison = snapshot.compare();
            List<Migration> sent = snapshot.repeatablesAsSent(placeholders);
            RepeatableComparison repeatables = snapshot.compareRepeatables(sent);
            warnings(snapshot, comparison, repeatables).forEach(listener::warning);
            warnIfVersionIndexMissing(snapshot);
            refusalByMigrate(snapshot, comparison, repeatables).ifPresent(listener::warning);
            warnOfPendingThatCannotRun(snapshot, comparison.pending(), repeatables.pending());
            StatusReport report = statusReport(snapshot, comparison, repeatables, sent);
            callbacks.run(CallbackEvent.AFTER_STATUS, snapshot.connection(), listener, "The status was read.");
            return report;
        } catch (SQLException e) {
            throw databaseFailure("Reading the status", config, e, snapshot.connection());
        }
    }

    /**
     * Checks the applied migrations against the local files, for release gates: edited, missing or
     * failed migrations are problems, and pending ones too when {@code failOnPending}. Reads only.
     */
    public ValidationReport validate(boolean failOnPending) {
        try (Snapshot snapshot = Snapshot.take(config, connections, history, scripts)) {
            return validate(snapshot, failOnPending);
        }
    }

    private ValidationReport validate(Snapshot snapshot, boolean failOnPending) {
        try {
            Placeholders placeholders = placeholders(snapshot.connection());
            RunCallbacks callbacks = readOnlyCallbacks(snapshot, RunCallbacks.VALIDATE, placeholders);
            callbacks.run(CallbackEvent.BEFORE_VALIDATE, snapshot.connection(), listener, "Nothing was validated.");
            HistoryComparison comparison = snapshot.compare();
            List<Migration> sent = snapshot.repeatablesAsSent(placeholders);
            RepeatableComparison repeatables = snapshot.compareRepeatables(sent);
            StatusReport status = statusReport(snapshot, comparison, repeatables, sent);
            List<String> problems = new ArrayList<>(comparison.integrityProblems());
            problems.addAll(comparison.failedProblems());
            problems.addAll(repeatables.failedProblems());
            problems.addAll(comparison.orderProblems());
            // A release gate that passed a database migrate refuses would pass a failing deploy.
            refusalByMigrate(snapshot, comparison, repeatables).ifPresent(problems::add);
            if (snapshot.tableState().exists() && !snapshot.tableState().versionUnique()) {
                List<String> duplicates = history.duplicateSuccesses(snapshot.connection(), snapshot.tableState().format());
                if (duplicates.isEmpty()) {
                    warnIfVersionIndexMissing(snapshot);
                } else {
                    problems.add(duplicatesMessage(duplicates));
                }
            }
            if (failOnPending) {
                status.migrations().stream().filter(m -> m.state() == MigrationState.PENDING)
                        .forEach(m -> problems.add("Migration " + m.displayName() + " is pending: run migrate before releasing."));
                // A repeatable edited since its last run is behind the build as surely as a new migration.
                status.migrations().stream().filter(m -> m.state() == MigrationState.OUTDATED)
                        .forEach(m -> problems.add("Migration " + m.displayName() + " is pending: it changed since it last ran"
                                + " (its checksum, placeholders replaced, is " + m.checksum() + "); run migrate before releasing."));
            }
            List<String> warnings = warnings(snapshot, comparison, repeatables);
            lintPending(snapshot, comparison.pending(), repeatables.pending(), problems, warnings);
            // A failed attempt's recorded text may quote a secret value: one recorded before secrets were hidden there.
            problems.replaceAll(placeholders::redact);
            warnings.replaceAll(placeholders::redact);
            ValidationReport report = new ValidationReport(status, problems, warnings);
            callbacks.run(CallbackEvent.AFTER_VALIDATE, snapshot.connection(), listener, report.valid()
                    ? "Validation had passed." : "Validation had found " + problems.size() + " problem(s).");
            return report;
        } catch (SQLException e) {
            throw databaseFailure("Validating", config, e, snapshot.connection());
        }
    }

    /** Status shows a pending script migrate would refuse as pending, and says so: validate fails on it. */
    private void warnOfPendingThatCannotRun(Snapshot snapshot, List<Migration> pending, List<Migration> repeatables)
            throws SQLException {
        if (pending.isEmpty() && repeatables.isEmpty()) {
            return;
        }
        RunPreparation preparation = RunPreparation.on(snapshot.connection(), placeholders(snapshot.connection()), config, scripts);
        List<String> problems = new ArrayList<>();
        preparePending(preparation, pending, repeatables, problems, new ArrayList<>());
        problems.forEach(listener::warning);
    }

    /**
     * Validate lints the pending migrations as migrate would run them: findings are warnings, or problems
     * with failOnLint. A pending script that cannot be prepared (an unknown directive, say) is a problem:
     * migrate refuses it before anything runs, so a release gate that passed it would pass a failing deploy.
     *
     * @param repeatables the pending repeatables, placeholders already replaced
     */
    private void lintPending(Snapshot snapshot, List<Migration> pending, List<Migration> repeatables, List<String> problems,
                             List<String> warnings) throws SQLException {
        if (pending.isEmpty() && repeatables.isEmpty()) {
            return;
        }
        RunPreparation preparation = RunPreparation.on(snapshot.connection(), placeholders(snapshot.connection()), config, scripts);
        List<PreparedMigration> prepared = preparePending(preparation, pending, repeatables, problems, warnings);
        LintReport report = preparation.lint(snapshot.local(), prepared);
        problems.addAll(report.problems());
        // The lint hid secret placeholder values in what its findings quote.
        List<String> messages = report.findings().stream().map(LintFinding::message).toList();
        (config.lint().failOnLint() ? problems : warnings).addAll(messages);
    }

    /**
     * The pending migrations prepared as migrate would send them; each that cannot be (a bad directive, a
     * placeholder without value, a syntax error) is a problem, as migrate would refuse it before anything runs.
     */
    private static List<PreparedMigration> preparePending(RunPreparation preparation, List<Migration> pending,
                                                          List<Migration> repeatables, List<String> problems, List<String> warnings) {
        Placeholders placeholders = preparation.placeholders();
        List<PreparedMigration> prepared = new ArrayList<>();
        List<Migration> sent = new ArrayList<>();
        for (Migration migration : pending) {
            try {
                sent.add(placeholders.applyTo(migration));
            } catch (MigrationException e) {
                problems.add(cannotRun(migration, e, placeholders));
            }
        }
        sent.addAll(repeatables);
        for (Migration migration : sent) {
            try {
                PreparedMigration script = preparation.sent(migration);
                script.emptyWarning().ifPresent(warnings::add);
                prepared.add(script);
            } catch (MigrationException e) {
                problems.add(cannotRun(migration, e, placeholders));
            }
        }
        return prepared;
    }

    private static String cannotRun(Migration migration, MigrationException e, Placeholders placeholders) {
        return "Pending migration " + migration.displayName() + " cannot be run as it is, and migrate would refuse it "
                + "before anything runs: " + placeholders.redact(e.getMessage());
    }

    /** A read-only goal's callbacks, which run in read-only transactions that are rolled back. */
    private static RunCallbacks readOnlyCallbacks(Snapshot snapshot, Set<CallbackEvent> events, Placeholders placeholders)
            throws SQLException {
        Connection connection = snapshot.connection();
        if (!RunCallbacks.any(snapshot.scripts(), events)) {
            return RunCallbacks.prepare(snapshot.scripts(), Set.of(), placeholders, 0, true);
        }
        return RunCallbacks.prepare(snapshot.scripts(), events, placeholders, connection.getMetaData().getDatabaseMajorVersion(),
                connection.unwrap(BaseConnection.class).getStandardConformingStrings());
    }

    /**
     * Versioned migrations in version order, then repeatables in the order they are applied.
     *
     * @param repeatablesSent the local repeatables, placeholders replaced
     */
    private StatusReport statusReport(Snapshot snapshot, HistoryComparison comparison, RepeatableComparison repeatables,
                                      List<Migration> repeatablesSent)
            throws SQLException {
        List<MigrationInfo> migrations = new ArrayList<>(comparison.migrations());
        migrations.addAll(repeatables.repeatables());
        List<Migration> local = new ArrayList<>(snapshot.local());
        local.addAll(repeatablesSent);
        return new StatusReport(snapshot.connection().getCatalog(), config.schema(), comparison.currentVersion(),
                ScriptModes.of(migrations, local, snapshot.connection(), config.transactionMode()));
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

    /**
     * A database error of the engine's own work, as its kind says it (permission, read-only server, lost
     * connection, ...), without the URL's password.
     *
     * @param probe the connection the work ran on, asked (when still usable) what explains the failure
     */
    static MigrationException databaseFailure(String what, MigratorConfig config, SQLException e, Connection probe) {
        return databaseFailure(what, config, e, DatabaseFailure.Situation.working(config.url(), config.user(), probe));
    }

    static MigrationException databaseFailure(String what, MigratorConfig config, SQLException e, DatabaseFailure.Situation situation) {
        DatabaseFailure failure = DatabaseFailure.classify(e, situation);
        return new MigrationException(failure.code(), what + " on " + JdbcUrl.describeTarget(config.url()) + " failed: "
                + failure.explanation(), e);
    }
}
