package com.hotgigs.benchmark.engine;

import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.history.AppliedMigration;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.migration.LocationScanner;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.MigrationResolver;
import com.hotgigs.migrate.status.HistoryComparison;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reading a long history and setting it against the local migrations: what status and validate
 * do after resolving, and migrate before it applies anything. The parameter is {@code rows}, not
 * {@code size}, so that {@code -p size=...} for the other benchmarks keeps this one at the
 * 10,000 rows a project with a long past has.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HistoryBenchmark {

    @Param({"10000"})
    public int rows;

    /** Named only by the warning when no migration is found, which a resolved corpus never gives. */
    private static final List<String> LOCATIONS = List.of("filesystem:corpus");

    private final HistoryTable history = new HistoryTable("public", "schema_migrations");
    private BenchmarkDatabase database;
    private Connection connection;
    private List<Migration> local;
    private List<AppliedMigration> recorded;

    @Setup(Level.Trial)
    public void createHistory() throws SQLException {
        local = resolveCorpus(rows);
        database = BenchmarkDatabase.create();
        try {
            connection = database.connect();
            history.create(connection);
            RecordedHistory.insert(connection, history, local);
            recorded = history.readAll(connection);
            requireAllApplied(readAndCompare());
        } catch (SQLException | RuntimeException e) {
            // JMH skips the teardown of a trial whose setup failed: drop the database here.
            dropDatabase();
            throw e;
        }
    }

    /** The local list as the engine resolves it; the files are not needed once it is in memory. */
    private static List<Migration> resolveCorpus(int size) {
        try (CorpusDirectory corpus = CorpusDirectory.create(size)) {
            return new MigrationResolver(new LocationScanner(ClassLoader.getPlatformClassLoader(), corpus.root()))
                    .resolve(List.of("filesystem:" + corpus.hotgigsDirectory()));
        }
    }

    private void requireAllApplied(List<MigrationInfo> migrations) {
        long applied = migrations.stream().filter(m -> m.state() == MigrationState.APPLIED).count();
        if (migrations.size() != rows || applied != rows) {
            throw new IllegalStateException(applied + " of " + migrations.size() + " migrations applied, expected all " + rows);
        }
    }

    @TearDown(Level.Trial)
    public void dropDatabase() throws SQLException {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            database.close();
        }
    }

    @Benchmark
    public List<AppliedMigration> readAll() throws SQLException {
        return history.readAll(connection);
    }

    /** The comparison alone, on rows already read: the engine's own work, without the server's. */
    @Benchmark
    public HistoryComparison compare() {
        return new HistoryComparison(local, LOCATIONS, recorded, false, history.displayName());
    }

    /** What status does with the history (existsAsHistory, readAll, comparison) and the list it prints. */
    @Benchmark
    public List<MigrationInfo> readAndCompare() throws SQLException {
        List<AppliedMigration> rows = history.existsAsHistory(connection) ? history.readAll(connection) : List.of();
        return new HistoryComparison(local, LOCATIONS, rows, false, history.displayName()).migrations();
    }
}
