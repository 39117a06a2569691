package com.hotgigs.benchmark.engine;

import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.schema.CatalogReader;
import com.hotgigs.migrate.schema.SchemaCatalog;
import com.hotgigs.migrate.schema.SchemaDifference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The comparison hotgigs:baseline and hotgigs:drift make, for the HotGigs schema: both catalogs read
 * side by side (the database's, and the one the migrations built) and compared object by object, as
 * {@code SchemaReplay} does once the replay is done. Here both are databases on the benchmark's
 * server, each migrated with hotgigs-schema's migrations. The target is under 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SchemaComparisonBenchmark {

    /** The benchmark does not depend on hotgigs-schema: the launcher's working directory is the repository root. */
    static final Path MIGRATIONS = Path.of("hotgigs-schema/src/main/resources/db/hotgigs");
    private static final Set<String> HISTORY = Set.of("public.schema_migrations");

    private BenchmarkDatabase expectedDatabase;
    private BenchmarkDatabase foundDatabase;
    private Connection expectedConnection;
    private Connection foundConnection;
    private ExecutorService reader;
    private SchemaCatalog expected;
    private SchemaCatalog found;

    @Setup(Level.Trial)
    public void migrateTwice() throws SQLException {
        if (!Files.isDirectory(MIGRATIONS)) {
            throw new IllegalStateException(MIGRATIONS.toAbsolutePath() + " is missing: run from the repository root, as benchmark/engine does");
        }
        try {
            expectedDatabase = BenchmarkDatabase.create();
            foundDatabase = BenchmarkDatabase.create();
            migrate(expectedDatabase);
            migrate(foundDatabase);
            expectedConnection = expectedDatabase.connect();
            foundConnection = foundDatabase.connect();
            reader = Executors.newSingleThreadExecutor();
            expected = read(expectedConnection);
            found = read(foundConnection);
            // Two databases built alike must compare equal: a comparison that found differences would not be this one.
            List<SchemaDifference> differences = readAndCompare();
            if (!differences.isEmpty() || expected.objects().size() < 100) {
                throw new IllegalStateException(expected.objects().size() + " objects, differences: " + differences);
            }
        } catch (SQLException | RuntimeException e) {
            // JMH skips the teardown of a trial whose setup failed.
            dropDatabases();
            throw e;
        }
    }

    private static void migrate(BenchmarkDatabase database) {
        new Migrator(MigratorConfig.builder().url(database.url()).user(BenchmarkDatabase.USER).password(BenchmarkDatabase.PASSWORD)
                .locations(List.of("filesystem:" + MIGRATIONS.toAbsolutePath())).classLoader(ClassLoader.getPlatformClassLoader())
                .build()).migrate();
    }

    private static SchemaCatalog read(Connection connection) throws SQLException {
        return new CatalogReader(HISTORY).read(connection);
    }

    @TearDown(Level.Trial)
    public void dropDatabases() throws SQLException {
        if (reader != null) {
            reader.shutdownNow();
        }
        try (AutoCloseable a = expectedConnection; AutoCloseable b = foundConnection;
             AutoCloseable c = expectedDatabase; AutoCloseable d = foundDatabase) {
            // Closed in reverse order: the connections before their databases are dropped.
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the goals time: both catalogs read side by side, then compared. */
    @Benchmark
    public List<SchemaDifference> readAndCompare() throws SQLException {
        CompletableFuture<SchemaCatalog> reference = CompletableFuture.supplyAsync(() -> {
            try {
                return read(expectedConnection);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, reader);
        SchemaCatalog live = read(foundConnection);
        return reference.join().compareWith(live);
    }

    /** Reading one database's catalog: one query per kind of object. */
    @Benchmark
    public SchemaCatalog readOne() throws SQLException {
        return read(foundConnection);
    }

    /** The comparison alone, on catalogs already read: the engine's own work, without the server's. */
    @Benchmark
    public List<SchemaDifference> compare() {
        return expected.compareWith(found);
    }
}
