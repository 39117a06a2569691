package com.hotgigs.migrate;

import com.hotgigs.migrate.connection.ConnectionFactory;
import com.hotgigs.migrate.connection.DatabaseFailure;
import com.hotgigs.migrate.history.AppliedMigration;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.history.HistoryTableState;
import com.hotgigs.migrate.migration.LocalScripts;
import com.hotgigs.migrate.migration.LocationScanner;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.MigrationResolver;
import com.hotgigs.migrate.migration.Placeholders;
import com.hotgigs.migrate.status.HistoryComparison;
import com.hotgigs.migrate.status.RepeatableComparison;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The local migrations and the history table as a run finds them, with the connection it read the
 * history on. Taken side by side: connecting (the JDBC driver's first load included) and reading
 * the history run on a thread of their own while this one reads and checksums the files, so a
 * build waits for the slower of the two rather than for both.
 */
final class Snapshot implements AutoCloseable {

    /** One short-lived daemon thread per snapshot: nothing to shut down, nothing to keep a JVM alive. */
    private static final Executor OWN_THREAD = task -> {
        Thread thread = new Thread(task, "hotgigs-migrate-connect");
        thread.setDaemon(true);
        thread.start();
    };

    private final MigratorConfig config;
    private final ConnectionFactory connections;
    private final HistoryTable table;
    private final LocalScripts local;
    private Connection connection;
    private boolean keepSession = true;
    /** As first read, then as read again under the lock. */
    private List<AppliedMigration> history;
    private final HistoryTableState state;

    private Snapshot(MigratorConfig config, ConnectionFactory connections, HistoryTable table, LocalScripts local,
                     Database database) {
        this.config = config;
        this.connections = connections;
        this.table = table;
        this.local = local;
        this.connection = database.connection();
        this.history = database.history();
        this.state = database.state();
    }

    private record Database(Connection connection, HistoryTableState state, List<AppliedMigration> history) {
    }

    /**
     * @param scripts where the local scripts come from: read here, or shared with the fleet's other targets
     * @throws ConfigurationException bad files or settings (reported before a connection failure), or the database cannot be reached
     */
    static Snapshot take(MigratorConfig config, ConnectionFactory connections, HistoryTable table, ScriptCache scripts) {
        CompletableFuture<Database> reading = CompletableFuture.supplyAsync(() -> read(config, connections, table), OWN_THREAD);
        LocalScripts local;
        try {
            local = scripts.scripts(() -> new MigrationResolver(new LocationScanner(config.classLoader(), config.baseDirectory()))
                    .resolveAll(config.locations()));
        } catch (RuntimeException e) {
            reading.thenAccept(database -> closeQuietly(database.connection()));
            throw e;
        }
        Database database = await(reading);
        return new Snapshot(config, connections, table, local, database);
    }

    HistoryComparison compare() {
        boolean otherScripts = !local.repeatables().isEmpty() || !local.callbacks().isEmpty();
        return new HistoryComparison(local.versioned(), otherScripts, config.locations(), history, config.outOfOrder(),
                table.displayName());
    }

    /**
     * Reads the history again, for a run that now holds the lock and must see what others committed meanwhile;
     * {@link #compareRepeatables} then compares with it too.
     */
    HistoryComparison compareAgain() throws SQLException {
        history = readHistory(connection, table);
        return compare();
    }

    /**
     * The repeatables against their runs, each checksummed over its text as sent.
     *
     * @param sent the local repeatables with their placeholders replaced, from {@link #repeatablesAsSent}
     */
    RepeatableComparison compareRepeatables(List<Migration> sent) {
        return new RepeatableComparison(sent, history, table.displayName());
    }

    /** The repeatables with their placeholders replaced, which gives them the checksums they are compared by. */
    List<Migration> repeatablesAsSent(Placeholders placeholders) {
        return local.repeatables().stream().map(placeholders::applyTo).toList();
    }

    LocalScripts scripts() {
        return local;
    }


    /** Whether the history table existed, and had its unique index on successful versions, when the snapshot was taken. */
    HistoryTableState tableState() {
        return state;
    }

    Connection connection() {
        return connection;
    }

    /** The local versioned migrations, in version order. */
    List<Migration> local() {
        return local.versioned();
    }

    /** Goes on with a new connection, the old one being lost; {@link #compareAgain()} reads the history on it. */
    void replaceConnection(Connection replacement) {
        closeQuietly(connection);
        connection = replacement;
    }

    /**
     * The session is about to run the migrations' own scripts: it is closed when the run is done, not
     * handed to the fleet worker's next target. A server process keeps every relation it touched in
     * its caches and never evicts them: one that went from tenant to tenant running DDL grew by about
     * a megabyte per tenant, and the server's work per tenant grew with it: at 1,000 tenants it was
     * twice that of new sessions (benchmark/README.md, Fleet results).
     */
    void closeSessionWhenDone() {
        keepSession = false;
    }

    /** Hands the connection back: kept for a fleet worker's next target, or closed. */
    @Override
    public void close() {
        if (keepSession) {
            connections.release(connection);
        } else {
            closeQuietly(connection);
        }
    }

    private static Database read(MigratorConfig config, ConnectionFactory connections, HistoryTable table) {
        Connection connection = connections.openSession();
        try {
            HistoryTableState state = table.inspect(connection);
            return new Database(connection, state, state.exists() ? table.readAll(connection, state.format()) : List.of());
        } catch (SQLException e) {
            closeQuietly(connection);
            MigrationException failure = Migrator.databaseFailure("Reading the history table " + table.displayName(), config, e,
                    DatabaseFailure.Situation.reading(config.url(), config.user(), connection));
            closeQuietly(connection);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static List<AppliedMigration> readHistory(Connection connection, HistoryTable table) throws SQLException {
        int format = table.format(connection);
        return format > 0 ? table.readAll(connection, format) : List.of();
    }

    private static Database await(CompletableFuture<Database> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing after a failure or at the end of a run: the run's own outcome is what counts.
        }
    }
}
