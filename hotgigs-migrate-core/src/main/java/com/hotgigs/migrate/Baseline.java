package com.hotgigs.migrate;

import com.hotgigs.migrate.flyway.FlywayHistory;
import com.hotgigs.migrate.flyway.FlywayRow;
import com.hotgigs.migrate.history.AppliedMigration;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.history.HistoryTableState;
import com.hotgigs.migrate.history.NewAttempt;
import com.hotgigs.migrate.history.RecordedAttempt;
import com.hotgigs.migrate.history.RowKind;
import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Version;
import com.hotgigs.migrate.schema.CatalogReader;
import com.hotgigs.migrate.schema.SchemaCatalog;
import com.hotgigs.migrate.schema.SchemaDifference;
import com.hotgigs.migrate.schema.SchemaObject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records the local migrations up to a version as applied without running them, for a database
 * that has their schema but no history: refused when the history has rows, when the version
 * matches no file, and when the database has no schema; before anything is recorded, the schema
 * is compared with the migrations replayed into a throwaway server (unless turned off). Runs under
 * the caller's migration lock; the rows are written in one transaction.
 */
final class Baseline {

    /** Creates or upgrades the history table before the first write. */
    interface HistoryPreparation {
        void run(Connection connection) throws SQLException;
    }

    private final MigratorConfig config;
    private final HistoryTable history;
    private final MigrationListener listener;

    Baseline(MigratorConfig config, HistoryTable history, MigrationListener listener) {
        this.config = config;
        this.history = history;
        this.listener = listener;
    }

    /** History tables are bookkeeping, not schema: ours and Flyway's are left out of every comparison. */
    Set<String> excludedTables() {
        return Set.of(history.displayName(), new FlywayHistory(config.schema()).displayName());
    }

    /** The database's objects, history tables left out; a schema target's (see {@link #reader}) alone. */
    SchemaCatalog catalog(Connection connection) throws SQLException {
        return reader(config, excludedTables()).read(connection);
    }

    /**
     * What a comparison reads: a run whose connections are set to one schema (a schema target of a fleet)
     * compares that schema alone, on both sides; other runs every user schema of the database.
     */
    static CatalogReader reader(MigratorConfig config, Set<String> excluded) {
        return new CatalogReader(excluded, config.searchPath());
    }

    /** The local repeatables with their placeholders replaced; asked only when Flyway's history is imported. */
    interface RepeatablesAsSent {
        List<Migration> get() throws SQLException;
    }

    BaselineResult run(Connection connection, List<Migration> local, RepeatablesAsSent repeatables, MigrationLock lock,
                       HistoryPreparation prepare) throws SQLException {
        refuseIfHistoryHasRows(connection);
        FlywayHistory flyway = new FlywayHistory(config.schema());
        if (flyway.exists(connection)) {
            return importFlyway(connection, local, repeatables.get(), lock, prepare, flyway);
        }
        List<Migration> recorded = upToVersion(local);
        String version = recorded.get(recorded.size() - 1).version().text();
        SchemaCatalog found = catalog(connection);
        if (found.builtObjects().isEmpty()) {
            throw new ConfigurationException(ErrorCode.SCHEMA_EMPTY, "Database " + connection.getCatalog()
                    + " has no tables, views, sequences, functions or types outside PostgreSQL's own schemas: there is nothing "
                    + "to baseline. Nothing was written. Run migrate, which applies every migration.");
        }
        List<String> warnings = new ArrayList<>();
        List<SchemaDifference> extras = List.of();
        int compared = 0;
        long comparisonMs = 0;
        if (config.baseline().verify()) {
            SchemaReplay replay = SchemaReplay.against(config, connection, version, excludedTables(),
                    "Set hotgigs.baselineVerify=false to baseline without the comparison.");
            extras = replay.differences().stream().filter(SchemaDifference::extra).toList();
            refuseDifferences(connection, version, replay);
            compared = replay.compared();
            comparisonMs = replay.comparisonMs();
            extras.forEach(extra -> warnings.add("Not created by the migrations: " + extra.object()
                    + " (left alone; hotgigs.failOnExtraObjects=true refuses the baseline for such objects)."));
        } else {
            warnings.add("hotgigs.baselineVerify=false: the schema was not compared with what the migrations build; "
                    + "migrations up to " + version + " are recorded as applied on trust.");
        }
        warnings.forEach(listener::warning);
        prepare.run(connection);
        List<MigrationInfo> baselined = record(connection, recorded, lock);
        baselined.forEach(listener::baselined);
        return new BaselineResult(connection.getCatalog(), config.schema(), version, baselined, config.baseline().verify(),
                compared, comparisonMs, extras, warnings, false);
    }

    /**
     * Takes over Flyway's history: its successful versioned rows become IMPORT rows (Flyway's who, when
     * and how long; our checksum), files below a Flyway baseline marker BASELINE rows, the latest
     * successful run of each repeatable a REPEATABLE row; a migration Flyway's repair marked deleted an IMPORT
     * row and a DELETED one, as our repair marks it. Each file was checked against the checksum
     * Flyway recorded, which proves more than a schema comparison: the database ran exactly these
     * files. Flyway's table is only read.
     */
    private BaselineResult importFlyway(Connection connection, List<Migration> local, List<Migration> repeatables,
                                        MigrationLock lock, HistoryPreparation prepare, FlywayHistory flyway) throws SQLException {
        FlywayImport plan = FlywayImport.plan(local, repeatables, flyway.read(connection), flyway.displayName());
        if (plan.imported().isEmpty() && plan.deleted().isEmpty() && plan.baselined().isEmpty() && plan.repeatables().isEmpty()) {
            throw new ConfigurationException(ErrorCode.FLYWAY_IMPORT_REFUSED, "Flyway's history (" + flyway.displayName()
                    + ") records no applied migration: there is nothing to import. Nothing was written. Run migrate.");
        }
        plan.warnings().forEach(listener::warning);
        prepare.run(connection);
        List<MigrationInfo> recorded = OneTransaction.run(connection, () -> {
            List<MigrationInfo> rows = new ArrayList<>();
            for (Migration migration : plan.baselined()) {
                rows.add(recordBaseline(connection, migration, lock));
            }
            for (FlywayImport.Imported imported : plan.imported()) {
                rows.add(recordImport(connection, imported, flyway, lock));
            }
            for (FlywayImport.Deleted deleted : plan.deleted()) {
                recordDeleted(connection, deleted, flyway, lock);
            }
            for (FlywayImport.ImportedRepeatable repeatable : plan.repeatables()) {
                MigrationInfo info = recordRepeatable(connection, repeatable, flyway, lock);
                if (repeatable.current()) {
                    rows.add(info);
                }
            }
            return rows;
        });
        recorded.forEach(info -> {
            if (info.state() == MigrationState.BASELINE) {
                listener.baselined(info);
            } else {
                listener.imported(info);
            }
        });
        String version = recorded.stream().filter(info -> !info.repeatable()).map(info -> Version.parse(info.version()))
                .max(Version::compareTo).map(Version::text).orElse(null);
        return new BaselineResult(connection.getCatalog(), config.schema(), version, recorded, false, 0, 0, List.of(),
                plan.warnings(), true);
    }

    private void refuseIfHistoryHasRows(Connection connection) throws SQLException {
        HistoryTableState state = history.inspect(connection);
        List<AppliedMigration> rows = state.exists() ? history.readAll(connection, state.format()) : List.of();
        if (!rows.isEmpty()) {
            throw new ConfigurationException(ErrorCode.HISTORY_NOT_EMPTY, "History table " + history.displayName()
                    + " already has " + rows.size() + (rows.size() == 1 ? " row" : " rows") + ": hotgigs-migrate manages this "
                    + "database already, and a baseline would record migrations it may not have. Nothing was written. Run "
                    + "status to see where it stands and migrate to apply what is pending; to adopt it again on purpose, empty "
                    + "the history first (TRUNCATE " + history.displayName() + ";).");
        }
    }

    /** The local migrations up to the baseline version; the version must be one of theirs. */
    private List<Migration> upToVersion(List<Migration> local) {
        if (local.isEmpty()) {
            throw new ConfigurationException(ErrorCode.BASELINE_VERSION_UNKNOWN, "No local migrations were found in "
                    + String.join(", ", config.locations()) + ": there is nothing to baseline. Check hotgigs.locations.");
        }
        String wanted = config.baseline().version();
        if (wanted == null) {
            return local;
        }
        Version version = Version.parse(wanted);
        if (local.stream().noneMatch(m -> m.version().equals(version))) {
            throw new ConfigurationException(ErrorCode.BASELINE_VERSION_UNKNOWN, "Baseline version " + wanted
                    + " matches no local migration (local versions: " + local.stream().map(m -> m.version().text())
                    .collect(Collectors.joining(", ")) + "). Nothing was written. Set hotgigs.baselineVersion to the version "
                    + "of the last migration the database already has.");
        }
        return local.stream().filter(m -> m.version().compareTo(version) <= 0).toList();
    }

    private void refuseDifferences(Connection connection, String version, SchemaReplay replay) throws SQLException {
        List<SchemaDifference> refused = replay.differences().stream()
                .filter(d -> !d.extra() || config.baseline().failOnExtraObjects()).toList();
        if (!refused.isEmpty()) {
            throw new SchemaDifferenceException("Baseline refused: the schema of database " + connection.getCatalog()
                    + " is not the one the migrations up to " + version + " build (replayed into a throwaway PostgreSQL "
                    + connection.getMetaData().getDatabaseMajorVersion() + "); " + refused.size()
                    + (refused.size() == 1 ? " difference" : " differences") + ". Nothing was recorded. Bring the database in "
                    + "line (or baseline at an earlier hotgigs.baselineVersion and let a migration do the rest); "
                    + "hotgigs.baselineVerify=false records the baseline without this check:", refused);
        }
    }

    private List<MigrationInfo> record(Connection connection, List<Migration> migrations, MigrationLock lock) throws SQLException {
        return OneTransaction.run(connection, () -> {
            List<MigrationInfo> baselined = new ArrayList<>();
            for (Migration migration : migrations) {
                baselined.add(recordBaseline(connection, migration, lock));
            }
            return baselined;
        });
    }

    private MigrationInfo recordImport(Connection connection, FlywayImport.Imported imported, FlywayHistory flyway,
                                       MigrationLock lock) throws SQLException {
        Migration file = imported.file();
        RecordedAttempt row = history.recordImport(connection, new NewAttempt(RowKind.IMPORT, file.version().text(), file.name(),
                file.script(), file.checksum().hex(), 0, true, null, null), flyway.qualifiedName(), imported.row().rank(),
                lock.heldCondition());
        return new MigrationInfo(file.version().text(), file.name(), file.script(), MigrationState.APPLIED, file.checksum().hex(),
                row.installedOn(), row.installedBy(), 0);
    }

    /**
     * A migration Flyway's repair marked deleted, as hotgigs:repair marks one: its run (an IMPORT row, Flyway's who
     * and when), then a DELETED row with the who and when of Flyway's DELETE row. Status shows it as DELETED.
     */
    private void recordDeleted(Connection connection, FlywayImport.Deleted deleted, FlywayHistory flyway, MigrationLock lock)
            throws SQLException {
        FlywayRow row = deleted.row();
        history.recordImport(connection, new NewAttempt(RowKind.IMPORT, row.version(), deleted.name(), row.script(),
                deleted.checksum(), 0, true, null, null), flyway.qualifiedName(), row.rank(), lock.heldCondition());
        history.recordImport(connection, new NewAttempt(RowKind.DELETED, row.version(), deleted.name(), row.script(),
                deleted.checksum(), 0, true, null, null), flyway.qualifiedName(), deleted.marker().rank(), lock.heldCondition());
    }

    /** A repeatable's run as Flyway recorded it (who, when, how long), under our name for it and the checksum planned. */
    private MigrationInfo recordRepeatable(Connection connection, FlywayImport.ImportedRepeatable repeatable, FlywayHistory flyway,
                                           MigrationLock lock) throws SQLException {
        String script = repeatable.file() == null ? repeatable.row().script() : repeatable.file().script();
        RecordedAttempt row = history.recordImport(connection, new NewAttempt(RowKind.REPEATABLE, null, repeatable.name(), script,
                repeatable.checksum(), 0, true, null, null), flyway.qualifiedName(), repeatable.row().rank(), lock.heldCondition());
        return new MigrationInfo(null, repeatable.name(), script, MigrationState.APPLIED, repeatable.checksum(), row.installedOn(),
                row.installedBy(), 0);
    }

    private MigrationInfo recordBaseline(Connection connection, Migration migration, MigrationLock lock) throws SQLException {
        RecordedAttempt row = history.record(connection, new NewAttempt(RowKind.BASELINE, migration.version().text(),
                migration.name(), migration.script(), migration.checksum().hex(), 0, true, null, null),
                "", lock.heldCondition(), "");
        return new MigrationInfo(migration.version().text(), migration.name(), migration.script(), MigrationState.BASELINE,
                migration.checksum().hex(), row.installedOn(), row.installedBy(), 0);
    }

    /** For messages: a few of the objects found, so the user sees what kind of schema it is. */
    static String sample(List<SchemaObject> objects) {
        List<String> names = objects.stream().filter(o -> !o.kind().equals("column")).limit(3)
                .map(SchemaObject::displayName).toList();
        return objects.size() + " objects, e.g. " + String.join(", ", names);
    }
}
