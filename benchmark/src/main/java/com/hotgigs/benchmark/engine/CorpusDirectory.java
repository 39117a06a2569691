package com.hotgigs.benchmark.engine;

import com.hotgigs.benchmark.corpus.Corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmark corpus written to a fresh temporary directory for one trial, and removed after it,
 * so trials of different sizes never see each other's files.
 */
final class CorpusDirectory implements AutoCloseable {

    private final Path root;
    private final Corpus corpus;

    private CorpusDirectory(Path root, Corpus corpus) {
        this.root = root;
        this.corpus = corpus;
    }

    static CorpusDirectory create(int size) {
        try {
            Path root = Files.createTempDirectory("hotgigs-engine-bench-");
            return new CorpusDirectory(root, Corpus.write(root, size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** The migrations under our naming, e.g. 00042_add_entity_8_columns.sql. */
    Path hotgigsDirectory() {
        return corpus.hotgigsDirectory();
    }

    @Override
    public void close() {
        // Deepest paths first, so each directory is empty when its turn comes.
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
