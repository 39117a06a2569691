package com.hotgigs.migrate.maven;

import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Once a project is built, {@code classpath:} locations read its migrations from the classes
 * directory, where an earlier build copied them from the resource directories. Run on its own
 * ({@code mvn hotgigs:migrate}), a goal would then apply yesterday's copies and not the files the
 * user edits. This compares, for each {@code classpath:} location, the {@code .sql} files the
 * resource directories put there with those the classes directory holds, and fails naming each
 * one that is missing, left over or different. Filtered resources are compared by name only:
 * filtering changes their content on purpose.
 */
final class StaleCopies {

    private final Path baseDirectory;
    private final Path outputDirectory;
    private final List<Resource> resources;

    StaleCopies(File baseDirectory, File outputDirectory, List<Resource> resources) {
        this.baseDirectory = baseDirectory.toPath().toAbsolutePath();
        this.outputDirectory = outputDirectory == null ? null : outputDirectory.toPath().toAbsolutePath();
        this.resources = resources == null ? List.of() : resources;
    }

    /** Fails when a classpath: location's copies in the classes directory disagree with the resources. */
    void check(List<String> locations) throws MojoExecutionException {
        if (outputDirectory == null || !Files.isDirectory(outputDirectory)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String location : locations) {
            if (location.startsWith("classpath:")) {
                problems.addAll(compare(trimSlashes(location.substring("classpath:".length()))));
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoExecutionException("The migrations in " + shown(outputDirectory)
                    + " are not those in the project's resources (it holds the copies an earlier build made): "
                    + String.join("; ", problems) + ". Let Maven copy them first (mvn process-resources hotgigs:migrate, "
                    + "with the goal you ran, or bind the goal into the build), or remove the stale copies with mvn clean.");
        }
    }

    private List<String> compare(String location) throws MojoExecutionException {
        String prefix = location.isEmpty() ? "" : location + "/";
        Map<String, Source> expected = new TreeMap<>();
        for (Resource resource : resources) {
            collect(resource, prefix, expected);
        }
        if (expected.isEmpty()) {
            // The location is not made of this project's resources (a dependency's, say): nothing to compare.
            return List.of();
        }
        Map<String, Path> copies = sqlFiles(outputDirectory, outputDirectory.resolve(location), prefix);
        List<String> problems = new ArrayList<>();
        expected.forEach((name, source) -> {
            Path copy = copies.get(name);
            if (copy == null) {
                problems.add(shown(source.file()) + " is not in " + shown(outputDirectory));
            } else if (!source.filtered() && !sameBytes(source.file(), copy)) {
                problems.add(shown(copy) + " differs from " + shown(source.file()));
            }
        });
        copies.forEach((name, copy) -> {
            if (!expected.containsKey(name)) {
                problems.add(shown(copy) + " is in no resource directory (deleted or renamed since it was copied)");
            }
        });
        return problems;
    }

    /** The .sql files this resource copies under the location, by their path in the classes directory. */
    private void collect(Resource resource, String prefix, Map<String, Source> expected) throws MojoExecutionException {
        if (resource.getDirectory() == null) {
            return;
        }
        Path directory = baseDirectory.resolve(resource.getDirectory());
        String target = resource.getTargetPath() == null ? "" : trimSlashes(resource.getTargetPath().replace('\\', '/'));
        Patterns patterns = new Patterns(resource.getIncludes(), resource.getExcludes());
        sqlFiles(directory, directory, "").forEach((relative, file) -> {
            String copied = target.isEmpty() ? relative : target + "/" + relative;
            if (copied.startsWith(prefix) && patterns.selects(relative)) {
                expected.putIfAbsent(copied, new Source(file, resource.isFiltering()));
            }
        });
    }

    /** Every .sql file under start, keyed by prefix + its path relative to start. */
    private static Map<String, Path> sqlFiles(Path root, Path start, String prefix) throws MojoExecutionException {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(start)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(start)) {
            walk.filter(path -> path.getFileName().toString().endsWith(".sql") && Files.isRegularFile(path))
                    .forEach(path -> files.put(prefix + start.relativize(path).toString().replace(File.separatorChar, '/'), path));
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("Could not list " + start + " to compare it with " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static boolean sameBytes(Path one, Path other) {
        try {
            return Files.mismatch(one, other) < 0;
        } catch (IOException e) {
            return false;
        }
    }

    private String shown(Path path) {
        return path.startsWith(baseDirectory) ? baseDirectory.relativize(path).toString() : path.toString();
    }

    private static String trimSlashes(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private record Source(Path file, boolean filtered) {
    }

    /** A resource's includes and excludes, Maven's patterns ({@code **}, {@code *}, {@code ?}). */
    private static final class Patterns {
        private final List<PathMatcher> includes;
        private final List<PathMatcher> excludes;

        Patterns(List<String> includes, List<String> excludes) {
            this.includes = matchers(includes);
            this.excludes = matchers(excludes);
        }

        boolean selects(String relative) {
            Path path = Path.of(relative);
            return (includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(path)))
                    && excludes.stream().noneMatch(m -> m.matches(path));
        }

        private static List<PathMatcher> matchers(List<String> patterns) {
            if (patterns == null) {
                return List.of();
            }
            return patterns.stream().map(Patterns::glob)
                    .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                    .toList();
        }

        /** Maven's "a/**&#47;b" also matches "a/b", and a trailing "/" means everything below. */
        private static String glob(String pattern) {
            String glob = pattern.strip().replace('\\', '/');
            if (glob.endsWith("/")) {
                glob += "**";
            }
            return Arrays.stream(glob.split("\\*\\*/", -1)).reduce((a, b) -> a + "{**/,}" + b).orElse(glob);
        }
    }
}
