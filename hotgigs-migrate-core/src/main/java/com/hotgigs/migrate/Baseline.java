package com.hotgigs.migrate;

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
        return Set.of(history.displayName(), config.schema() + ".flyway_schema_history");
    }

    /** The database's objects, history tables left out. */
    SchemaCatalog catalog(Connection connection) throws SQLException {
        return new CatalogReader(excludedTables()).read(connection);
    }

    BaselineResult run(Connection connection, List<Migration> local, MigrationLock lock, HistoryPreparation prepare)
            throws SQLException {
        refuseIfHistoryHasRows(connection);
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
        if (config.baseline().verify()) {
            SchemaReplay replay = SchemaReplay.against(config, connection, version, excludedTables(),
                    "Set hotgigs.baselineVerify=false to baseline without the comparison.");
            extras = replay.differences().stream().filter(SchemaDifference::extra).toList();
            refuseDifferences(connection, version, replay);
            compared = replay.compared();
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
                compared, extras, warnings);
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
        List<MigrationInfo> baselined = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            for (Migration migration : migrations) {
                RecordedAttempt row = history.record(connection, new NewAttempt(RowKind.BASELINE, migration.version().text(),
                        migration.name(), migration.script(), migration.checksum().hex(), 0, true, null, null),
                        "", lock.heldCondition(), "");
                baselined.add(new MigrationInfo(migration.version().text(), migration.name(), migration.script(),
                        MigrationState.BASELINE, migration.checksum().hex(), row.installedOn(), row.installedBy(), 0));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        return baselined;
    }

    /** For messages: a few of the objects found, so the user sees what kind of schema it is. */
    static String sample(List<SchemaObject> objects) {
        List<String> names = objects.stream().filter(o -> !o.kind().equals("column")).limit(3)
                .map(SchemaObject::displayName).toList();
        return objects.size() + " objects, e.g. " + String.join(", ", names);
    }
}
