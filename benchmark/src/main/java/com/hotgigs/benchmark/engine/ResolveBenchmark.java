package com.hotgigs.benchmark.engine;

import com.hotgigs.migrate.migration.LocationScanner;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.MigrationResolver;
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

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finding, reading and checksumming N migrations: the first thing every goal does, before it
 * connects. Measured from a jar, as a schema artifact on the plugin's classpath is read, and from a
 * filesystem: location, as a project's own directory is read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ResolveBenchmark {

    @Param({"100", "1000", "10000"})
    public int size;

    private CorpusDirectory corpus;
    private URL jar;

    @Setup(Level.Trial)
    public void writeCorpus() throws IOException {
        corpus = CorpusDirectory.create(size);
        jar = MigrationJar.pack(corpus.hotgigsDirectory(), corpus.root().resolve("migrations.jar")).toUri().toURL();
        // A location that silently resolved to nothing would be measured as fast, not as wrong.
        requireAll(fromJar(), "jar");
        requireAll(fromFilesystem(), "filesystem");
    }

    private void requireAll(List<Migration> resolved, String source) {
        if (resolved.size() != size) {
            throw new IllegalStateException("resolved " + resolved.size() + " migrations from the " + source + ", expected " + size);
        }
    }

    @TearDown(Level.Trial)
    public void removeCorpus() {
        corpus.close();
    }

    /**
     * A new class loader per call, as each Maven goal builds its own. Its parent is the platform
     * loader so that only the jar can answer for db/hotgigs, whatever else this JVM's class path holds.
     */
    @Benchmark
    public List<Migration> fromJar() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            return resolve(loader, "classpath:db/hotgigs");
        }
    }

    @Benchmark
    public List<Migration> fromFilesystem() {
        return resolve(ClassLoader.getPlatformClassLoader(), "filesystem:" + corpus.hotgigsDirectory());
    }

    /** What Migrator.resolveLocal does with the configured class loader, base directory and locations. */
    private List<Migration> resolve(ClassLoader loader, String location) {
        Path baseDirectory = corpus.root();
        return new MigrationResolver(new LocationScanner(loader, baseDirectory)).resolve(List.of(location));
    }
}
