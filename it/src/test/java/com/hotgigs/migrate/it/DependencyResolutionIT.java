package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goals resolve the project's dependencies only when a classpath: location may find migrations
 * in them. The project here depends on a library that no repository has: with filesystem:
 * locations the goals never ask for it, with a classpath: location the build fails saying why.
 */
class DependencyResolutionIT {

    private static final String ABSENT = "com.example.absent:no-such-library:jar:1.0";

    @Test
    void filesystemLocationsNeedNoneOfTheProjectsDependencies() {
        try (TestDatabase db = TestDatabase.create()) {
            SampleProject project = projectDependingOnAnAbsentLibrary("filesystem-only");

            BuildResult result = project.build().args("hotgigs:migrate", "hotgigs:status", "hotgigs:validate")
                    .property("hotgigs.url", db.url()).run();

            assertTrue(result.succeeded(), result::describe);
            assertEquals(List.of("001|accounts"), new Catalog(db.url()).history().stream()
                    .map(row -> row.version() + "|" + row.name()).toList());
        }
    }

    @Test
    void aClasspathLocationResolvesThemAndSaysWhyWhenOneIsMissing() {
        try (TestDatabase db = TestDatabase.create()) {
            SampleProject project = projectDependingOnAnAbsentLibrary("classpath");

            BuildResult result = project.build().args("hotgigs:migrate")
                    .property("hotgigs.url", db.url())
                    .property("hotgigs.locations", "classpath:db/app").run();

            assertTrue(result.failed(), result::describe);
            String message = result.errorMessage();
            assertTrue(message.contains("The dependencies of com.example.hotgigs:app:pom:1.0 could not be resolved, and "
                    + "classpath: locations read migrations from them"), message);
            assertTrue(message.contains(ABSENT), message);
            assertTrue(message.contains("name their directory with filesystem: in hotgigs.locations"), message);
            assertEquals(List.of(), new Catalog(db.url()).tables("public"), "nothing was written");
        }
    }

    /**
     * Maven reads the plugin's POM and the engine's in every build that runs a goal: installed flat,
     * each is one file with its dependencies' versions written out, no parent to read and build with it.
     */
    @Test
    void thePublishedPomsAreFlatAndListNoTestDependencies() throws IOException {
        for (String module : List.of("hotgigs-migrate-core", "hotgigs-migrate-maven-plugin", "hotgigs-schema")) {
            Path pom = installedPom(module);
            String text = Files.readString(pom);
            assertFalse(text.contains("<parent>"), pom + " names a parent:\n" + text);
            assertFalse(text.contains("<scope>test</scope>"), pom + " lists test dependencies:\n" + text);
            assertFalse(text.contains("${"), pom + " has an unresolved property:\n" + text);
            assertTrue(text.contains("<artifactId>" + module + "</artifactId>") && text.contains("<licenses>")
                    && text.contains("<scm"), pom + " lacks what Maven Central asks for:\n" + text);
        }
        String core = Files.readString(installedPom("hotgigs-migrate-core"));
        assertTrue(core.contains("<artifactId>postgresql</artifactId>\n      <version>"), core);
    }

    private static Path installedPom(String module) {
        String version = BuildEnvironment.pluginVersion();
        return BuildEnvironment.localRepository().resolve("com/hotgigs/" + module + "/" + version + "/" + module + "-" + version + ".pom");
    }

    private static SampleProject projectDependingOnAnAbsentLibrary(String purpose) {
        SampleProject project = SampleProject.copy("app", "dependencies-" + purpose)
                .file("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Path pom = project.directory().resolve("pom.xml");
        try {
            String withDependency = Files.readString(pom).replace("  <build>", """
                      <dependencies>
                        <dependency>
                          <groupId>com.example.absent</groupId>
                          <artifactId>no-such-library</artifactId>
                          <version>1.0</version>
                        </dependency>
                      </dependencies>

                      <build>""");
            Files.writeString(pom, withDependency);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return project;
    }
}
