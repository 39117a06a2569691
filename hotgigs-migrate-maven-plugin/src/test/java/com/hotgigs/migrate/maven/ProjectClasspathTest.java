package com.hotgigs.migrate.maven;

import org.apache.maven.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProjectClasspathTest {

    @TempDir
    Path project;

    @Test
    void takesTheExistingClasspathElements() throws Exception {
        Path classes = Files.createDirectories(project.resolve("target/classes"));

        List<File> entries = ProjectClasspath.entries(
                List.of(classes.toString(), project.resolve("missing.jar").toString()), classes.toFile(),
                List.of(resource(Files.createDirectories(project.resolve("src/main/resources")))));

        assertEquals(List.of(classes.toFile()), entries, "once built, resources are read from the classes directory only");
    }

    @Test
    void readsResourcesFromTheirSourceDirectoriesUntilTheProjectIsBuilt() throws Exception {
        Path resources = Files.createDirectories(project.resolve("src/main/resources"));
        Resource elsewhere = resource(Files.createDirectories(project.resolve("src/main/other")));
        elsewhere.setTargetPath("META-INF");

        List<File> entries = ProjectClasspath.entries(List.of(), project.resolve("target/classes").toFile(),
                List.of(resource(resources), elsewhere, resource(project.resolve("src/main/none"))));

        assertEquals(List.of(resources.toFile()), entries,
                "resources copied to another target path, and directories that do not exist, are left out");
    }

    @Test
    void theClassLoaderFindsMigrationsInTheProjectAndThroughItsParent() throws Exception {
        Path classes = Files.createDirectories(project.resolve("target/classes/db/app"));
        Files.writeString(classes.resolve("001_a.sql"), "SELECT 1;");

        try (URLClassLoader loader = ProjectClasspath.classLoader(List.of(project.resolve("target/classes").toFile()),
                getClass().getClassLoader())) {
            List<URL> found = Collections.list(loader.getResources("db/app"));

            assertEquals(1, found.size());
            assertEquals(getClass().getClassLoader().getResource("META-INF/maven/plugin.xml"),
                    loader.getResource("META-INF/maven/plugin.xml"));
        }
    }

    private static Resource resource(Path directory) {
        Resource resource = new Resource();
        resource.setDirectory(directory.toString());
        return resource;
    }
}
