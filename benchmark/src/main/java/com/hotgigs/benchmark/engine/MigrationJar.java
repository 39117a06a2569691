package com.hotgigs.benchmark.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packs a directory of scripts into a jar the way a schema artifact ships them (hotgigs-schema puts
 * its scripts under db/hotgigs/), with directory entries as the jar plugin writes them: the class
 * loader then finds the folder itself, and the engine reads the jar through that resource.
 */
final class MigrationJar {

    static final String FOLDER = "db/hotgigs/";

    private MigrationJar() {
    }

    static Path pack(Path scripts, Path jar) {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file)) {
            directoryEntries(out);
            for (Path script : sqlFiles(scripts)) {
                out.putNextEntry(new JarEntry(FOLDER + script.getFileName()));
                Files.copy(script, out);
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void directoryEntries(JarOutputStream out) throws IOException {
        out.putNextEntry(new JarEntry("db/"));
        out.closeEntry();
        out.putNextEntry(new JarEntry(FOLDER));
        out.closeEntry();
    }

    /** Sorted, so the same corpus always gives the same jar. */
    private static List<Path> sqlFiles(Path scripts) throws IOException {
        try (Stream<Path> files = Files.list(scripts)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
    }
}
