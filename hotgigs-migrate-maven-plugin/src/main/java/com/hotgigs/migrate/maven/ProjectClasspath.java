package com.hotgigs.migrate.maven;

import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Where classpath: locations look besides the plugin's own dependencies: the project's runtime
 * classpath (its classes directory and dependencies), so a project can ship its own migrations.
 */
final class ProjectClasspath {

    private ProjectClasspath() {
    }

    /**
     * The classpath entries to add. The resource directories count only while the classes
     * directory does not exist (a goal run before the build): once built, the same files are in
     * the classes directory, and taking both would make every migration a duplicate of itself.
     */
    static List<File> entries(List<String> classpathElements, File outputDirectory, List<Resource> resources) {
        List<File> entries = new ArrayList<>();
        if (classpathElements != null) {
            classpathElements.stream().map(File::new).filter(File::exists).forEach(entries::add);
        }
        if (resources != null && (outputDirectory == null || !outputDirectory.isDirectory())) {
            resources.stream()
                    .filter(resource -> resource.getTargetPath() == null)
                    .map(resource -> new File(resource.getDirectory()))
                    .filter(File::isDirectory)
                    .forEach(entries::add);
        }
        return entries;
    }

    static URLClassLoader classLoader(List<File> entries, ClassLoader parent) throws MojoExecutionException {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Classpath entry " + entries.get(i) + " is not a valid URL: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader(urls, parent);
    }
}
