package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the {@code .sql} files of {@code classpath:} and {@code filesystem:} locations, in
 * directories and jars alike, subdirectories included. Jars are read by their entries, not by
 * listing a jar URL, which class loaders do not support.
 */
public final class LocationScanner {

    private final ClassLoader classLoader;
    private final Path baseDirectory;

    public LocationScanner(ClassLoader classLoader, Path baseDirectory) {
        this.classLoader = classLoader;
        this.baseDirectory = baseDirectory;
    }

    public List<ScriptResource> scan(String location) {
        try {
            if (location.startsWith("classpath:")) {
                return scanClasspath(location, trimSlashes(location.substring("classpath:".length())));
            }
            return scanFilesystem(location, location.substring("filesystem:".length()));
        } catch (IOException e) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                    "Could not read migration location " + location + ": " + e.getMessage(), e);
        }
    }

    private List<ScriptResource> scanClasspath(String location, String path) throws IOException {
        List<ScriptResource> found = new ArrayList<>();
        Enumeration<URL> roots = classLoader.getResources(path);
        if (!roots.hasMoreElements()) {
            // A jar written without directory entries has no resource for the directory itself.
            found.addAll(scanClassLoaderJars(location, path));
        }
        if (!roots.hasMoreElements() && found.isEmpty()) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                    "Migration location " + location + " is not on the classpath. Add the artifact that holds it "
                            + "(for the HotGigs schema: com.hotgigs:hotgigs-schema) as a dependency of the plugin, "
                            + "or use filesystem:<directory> for local files.");
        }
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            switch (root.getProtocol()) {
                case "file" -> found.addAll(walkDirectory(location, toPath(root)));
                case "jar" -> found.addAll(readJarRoot(location, root, path));
                default -> throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                        "Migration location " + location + " resolves to " + root
                                + ", which cannot be listed: package the migrations in a jar or a directory.");
            }
        }
        return found;
    }

    private List<ScriptResource> scanClassLoaderJars(String location, String path) throws IOException {
        List<ScriptResource> found = new ArrayList<>();
        for (ClassLoader loader = classLoader; loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol()) && url.getPath().endsWith(".jar")) {
                        found.addAll(readJar(location, url, path));
                    }
                }
            }
        }
        return found;
    }

    private List<ScriptResource> scanFilesystem(String location, String path) throws IOException {
        Path directory = baseDirectory.resolve(path).normalize();
        if (!Files.isDirectory(directory)) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                    "Migration location " + location + " is not a directory (resolved to " + directory
                            + "). Create it, or correct the location; relative paths start at the project's base directory.");
        }
        return walkDirectory(location, directory);
    }

    private static List<ScriptResource> walkDirectory(String location, Path directory) throws IOException {
        List<ScriptResource> found = new ArrayList<>();
        walkDirectory(location, directory.toAbsolutePath().normalize().toFile(), "", found);
        return found;
    }

    /**
     * Lists names only, without asking the file system about each {@code .sql} entry: reading it
     * will, and a call fewer per script counts when there are thousands. Other entries are looked
     * at to find subdirectories; a linked directory is not followed, a linked script is read.
     */
    private static void walkDirectory(String location, File directory, String prefix, List<ScriptResource> found)
            throws IOException {
        String[] names = directory.list();
        if (names == null) {
            throw new IOException("cannot list the directory " + directory);
        }
        for (String name : names) {
            File entry = new File(directory, name);
            if (isScriptName(name)) {
                found.add(ScriptResource.inDirectory(location, prefix + name, entry));
            } else if (Files.isDirectory(entry.toPath(), LinkOption.NOFOLLOW_LINKS)) {
                walkDirectory(location, entry, prefix + name + "/", found);
            }
        }
    }

    private static List<ScriptResource> readJarRoot(String location, URL root, String path) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        return readJar(location, connection.getJarFileURL(), path);
    }

    private static List<ScriptResource> readJar(String location, URL jarFileUrl, String path) throws IOException {
        String prefix = path.isEmpty() ? "" : path + "/";
        List<ScriptResource> found = new ArrayList<>();
        try (JarFile jar = new JarFile(toPath(jarFileUrl).toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix) && isScriptName(entry.getName())) {
                    try (InputStream content = jar.getInputStream(entry)) {
                        found.add(ScriptResource.inJar(location, entry.getName().substring(prefix.length()),
                                "jar:" + jarFileUrl + "!/" + entry.getName(), content.readAllBytes()));
                    }
                }
            }
        }
        return found;
    }

    /**
     * A {@code .sql} file in any case: {@code 002_b.SQL} is found too, so that the resolver names it
     * instead of the run skipping it in silence.
     */
    private static boolean isScriptName(String name) {
        return name.regionMatches(true, name.length() - 4, ".sql", 0, 4);
    }

    private static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("class loader returned a malformed URL: " + url, e);
        }
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
}
