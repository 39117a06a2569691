package com.hotgigs.benchmark.engine;

import com.hotgigs.migrate.migration.ScriptText;
import com.hotgigs.migrate.sql.SqlSplitter;
import com.hotgigs.migrate.sql.Statement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Splitting the real HotGigs schema script: a hand-written one of about 94 KB, with the functions,
 * triggers and comments the generated corpus only imitates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SplitSchemaBenchmark {

    static final String RESOURCE = "db/hotgigs/002_comprehensive_ats_system.sql";
    /** The benchmark does not depend on hotgigs-schema, so the launcher's working directory (the repository root) is the fallback. */
    static final Path SOURCE = Path.of("hotgigs-schema/src/main/resources").resolve(RESOURCE);

    private String script;

    @Setup(Level.Trial)
    public void readScript() throws IOException {
        script = ScriptText.decode(bytes()).text();
    }

    private static byte[] bytes() throws IOException {
        try (InputStream resource = SplitSchemaBenchmark.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (resource != null) {
                return resource.readAllBytes();
            }
        }
        if (!Files.isRegularFile(SOURCE)) {
            throw new IllegalStateException(RESOURCE + " is neither on the class path nor at " + SOURCE.toAbsolutePath()
                    + ": run from the repository root, as benchmark/engine does.");
        }
        return Files.readAllBytes(SOURCE);
    }

    @Benchmark
    public List<Statement> split() {
        return SqlSplitter.split(script);
    }
}
