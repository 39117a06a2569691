package com.hotgigs.migrate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A fresh copy of a sample project from src/test/projects for one test, with the plugin's
 * version filled in, to which the test adds migration files.
 */
public final class SampleProject {

    private static final AtomicInteger COPIES = new AtomicInteger();

    private final Path directory;

    private SampleProject(Path directory) {
        this.directory = directory;
    }

    public static SampleProject copy(String template, String purpose) {
        Path source = BuildEnvironment.projects().resolve(template);
        Path target = BuildEnvironment.workDirectory().resolve(purpose + "-" + COPIES.incrementAndGet());
        try {
            deleteRecursively(target);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        String text = Files.readString(file, StandardCharsets.UTF_8);
                        Files.writeString(copy, withVersions(text), StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy sample project " + source, e);
        }
        return new SampleProject(target);
    }

    /** The tokens a template may hold for the versions the reactor pins. */
    private static String withVersions(String text) {
        String filled = text.replace("@project.version@", BuildEnvironment.pluginVersion());
        for (String name : new String[] {"junit.version", "postgresql-jdbc.version", "surefire.version", "flyway.version"}) {
            String token = "@" + name + "@";
            if (filled.contains(token)) {
                filled = filled.replace(token, BuildEnvironment.version(name));
            }
        }
        return filled;
    }

    public Path directory() {
        return directory;
    }

    /** Writes (or overwrites) a file relative to the project, e.g. a migration under migrations/. */
    public SampleProject file(String relativePath, String content) {
        Path file = directory.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public SampleProject delete(String relativePath) {
        try {
            Files.deleteIfExists(directory.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public MavenBuild build() {
        return MavenBuild.in(directory);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }
}
