package com.hotgigs.migrate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the reactor's sources, without any build output: the root's files, the named modules
 * whole, and the other modules' POMs (the parent names every module: their POMs must exist, though
 * only the named ones are built).
 */
final class SourceTree {

    private SourceTree() {
    }

    static void copy(Path reactor, Path target, List<String> modules) {
        try {
            SampleProject.deleteRecursively(target);
            try (Stream<Path> entries = Files.list(reactor)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (Files.isRegularFile(entry)) {
                        copyFile(entry, target.resolve(name));
                    } else if (modules.contains(name)) {
                        copyDirectory(entry, target.resolve(name));
                    } else if (Files.isRegularFile(entry.resolve("pom.xml"))) {
                        copyFile(entry.resolve("pom.xml"), target.resolve(name).resolve("pom.xml"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the sources of " + reactor, e);
        }
    }

    private static void copyDirectory(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(file -> !source.relativize(file).startsWith("target")).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    copyFile(file, copy);
                }
            }
        }
    }

    private static void copyFile(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
    }
}
