package com.hotgigs.migrate.maven;

import org.apache.maven.api.plugin.testing.MojoExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers shared by the goal tests. */
final class MojoTestSupport {

    private MojoTestSupport() {
    }

    /** The base directory the harness gives injected goals: the plugin module. */
    static String basedir() {
        return new java.io.File(MojoExtension.getBasedir()).getAbsolutePath();
    }

    /** A fresh project directory under target/, for tests that write files into the project. */
    static Path temporaryProject() {
        try {
            Path root = Path.of(basedir(), "target", "mojo-projects");
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "project");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
