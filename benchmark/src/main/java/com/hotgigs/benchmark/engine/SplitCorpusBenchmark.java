package com.hotgigs.benchmark.engine;

import com.hotgigs.benchmark.corpus.MigrationScripts;
import com.hotgigs.migrate.migration.ScriptText;
import com.hotgigs.migrate.sql.SqlSplitter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Splitting every script of the corpus into statements, as migrate does for all pending
 * migrations before it runs the first one. One operation is the whole corpus of N scripts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SplitCorpusBenchmark {

    @Param({"100", "1000", "10000"})
    public int size;

    private List<String> scripts;

    /** The texts as the engine holds them after resolving: normalized by ScriptText, in memory. */
    @Setup(Level.Trial)
    public void generateScripts() {
        scripts = IntStream.rangeClosed(1, size)
                .mapToObj(number -> ScriptText.of(MigrationScripts.sql(number)).text())
                .toList();
    }

    @Benchmark
    public void splitAll(Blackhole blackhole) {
        for (String script : scripts) {
            blackhole.consume(SqlSplitter.split(script));
        }
    }
}
