package com.hotgigs.migrate.maven;

import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The classes directory's copies of a classpath: location against the resource directories they came from. */
class StaleCopiesTest {

    private static final List<String> LOCATION = List.of("classpath:db/app");
    private static final String ADVICE = ". Let Maven copy them first (mvn process-resources hotgigs:migrate, with the goal you "
            + "ran, or bind the goal into the build), or remove the stale copies with mvn clean.";

    @TempDir
    Path project;

    @Test
    void copiesEqualToTheResourcesPass() throws IOException {
        write("src/main/resources/db/app/001_a.sql", "CREATE TABLE a (id int);\n");
        write("target/classes/db/app/001_a.sql", "CREATE TABLE a (id int);\n");

        assertDoesNotThrow(() -> check(resource("src/main/resources")));
    }

    @Test
    void aNewEditedOrDeletedMigrationIsNamed() throws IOException {
        write("src/main/resources/db/app/001_a.sql", "CREATE TABLE a (id bigint);\n");
        write("src/main/resources/db/app/002_b.sql", "CREATE TABLE b (id int);\n");
        write("target/classes/db/app/001_a.sql", "CREATE TABLE a (id int);\n");
        write("target/classes/db/app/003_gone.sql", "CREATE TABLE gone (id int);\n");

        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> check(resource("src/main/resources")));

        assertEquals("The migrations in target/classes are not those in the project's resources (it holds the copies an "
                + "earlier build made): target/classes/db/app/001_a.sql differs from src/main/resources/db/app/001_a.sql; "
                + "src/main/resources/db/app/002_b.sql is not in target/classes; target/classes/db/app/003_gone.sql is in "
                + "no resource directory (deleted or renamed since it was copied)" + ADVICE, e.getMessage());
    }

    @Test
    void aFilteredResourceIsComparedByNameOnly() throws IOException {
        write("src/main/resources/db/app/001_a.sql", "CREATE TABLE ${table} (id int);\n");
        write("target/classes/db/app/001_a.sql", "CREATE TABLE accounts (id int);\n");
        Resource filtered = resource("src/main/resources");
        filtered.setFiltering(true);

        assertDoesNotThrow(() -> check(filtered));
    }

    @Test
    void excludedFilesAndOtherLocationsAreNotExpected() throws IOException {
        write("src/main/resources/db/app/001_a.sql", "CREATE TABLE a (id int);\n");
        write("src/main/resources/db/app/draft/002_draft.sql", "CREATE TABLE draft (id int);\n");
        write("src/main/resources/db/other/001_x.sql", "CREATE TABLE x (id int);\n");
        write("target/classes/db/app/001_a.sql", "CREATE TABLE a (id int);\n");
        Resource resource = resource("src/main/resources");
        resource.addExclude("**/draft/**");

        assertDoesNotThrow(() -> check(resource));
    }

    @Test
    void aTargetPathPlacesTheResourceBelowIt() throws IOException {
        write("src/main/migrations/001_a.sql", "CREATE TABLE a (id int);\n");
        write("target/classes/db/app/001_a.sql", "CREATE TABLE a (id int);\n");
        Resource resource = resource("src/main/migrations");
        resource.setTargetPath("db/app");

        assertDoesNotThrow(() -> check(resource));

        write("src/main/migrations/002_b.sql", "CREATE TABLE b (id int);\n");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> check(resource));
        assertEquals("The migrations in target/classes are not those in the project's resources (it holds the copies an "
                + "earlier build made): src/main/migrations/002_b.sql is not in target/classes" + ADVICE, e.getMessage());
    }

    @Test
    void nothingIsComparedBeforeTheProjectIsBuiltOrForALocationOfNoResource() throws IOException {
        write("src/main/resources/db/app/001_a.sql", "CREATE TABLE a (id int);\n");
        assertDoesNotThrow(() -> check(resource("src/main/resources")), "no classes directory yet");

        write("target/classes/db/hotgigs/001_initial_schema.sql", "SELECT 1;\n");
        assertDoesNotThrow(() -> new StaleCopies(project.toFile(), project.resolve("target/classes").toFile(),
                List.of(resource("src/main/resources"))).check(List.of("classpath:db/hotgigs", "filesystem:db")));
    }

    private void check(Resource resource) throws MojoExecutionException {
        new StaleCopies(project.toFile(), project.resolve("target/classes").toFile(), List.of(resource)).check(LOCATION);
    }

    private Resource resource(String directory) {
        Resource resource = new Resource();
        resource.setDirectory(project.resolve(directory).toString());
        return resource;
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
