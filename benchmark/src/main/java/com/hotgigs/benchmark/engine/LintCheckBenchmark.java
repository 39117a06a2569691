package com.hotgigs.benchmark.engine;

import com.hotgigs.migrate.CheckReport;
import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.lint.LintReport;
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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * hotgigs:lint and hotgigs:check of N generated migrations, without a database, as the goals call the
 * engine: resolve, replace placeholders, split, lint, and (for check) compare with the manifest. The
 * target is under 1 s for 1,000 migrations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LintCheckBenchmark {

    @Param({"1000"})
    public int size;

    private CorpusDirectory corpus;
    private Migrator migrator;
    private Path manifest;

    @Setup(Level.Trial)
    public void writeCorpus() {
        corpus = CorpusDirectory.create(size);
        // Nothing listens on port 9: the goals must not connect.
        migrator = new Migrator(MigratorConfig.builder().url("jdbc:postgresql://127.0.0.1:9/none")
                .locations(List.of("filesystem:" + corpus.hotgigsDirectory())).classLoader(ClassLoader.getPlatformClassLoader())
                .baseDirectory(corpus.root()).build());
        manifest = corpus.root().resolve("hotgigs.sum");
        if (migrator.writeManifest(manifest) != size) {
            throw new IllegalStateException("the manifest does not list " + size + " migrations");
        }
        // A check that failed early would be measured as fast, not as wrong.
        CheckReport report = check();
        if (!report.passed() || report.lint().migrations() != size) {
            throw new IllegalStateException("the check of the corpus did not pass: " + report.problems());
        }
    }

    @TearDown(Level.Trial)
    public void removeCorpus() {
        corpus.close();
    }

    @Benchmark
    public LintReport lint() {
        return migrator.lint();
    }

    @Benchmark
    public CheckReport check() {
        return migrator.check(manifest);
    }
}
