package com.hotgigs.migrate.testing;

import com.hotgigs.migrate.embedded.PostgresBinaries;
import com.hotgigs.migrate.embedded.PostgresVersion;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the PostgreSQL binaries jar of one major version for this platform: first in the
 * directory the build copies them to (one file per version, since a class path holds only one
 * version of an artifact), then on the test class path, then in the local Maven repository.
 */
public final class BinariesJar {

    /** System property naming the directory of copied binaries jars; target/postgres-binaries by default. */
    static final String DIRECTORY_PROPERTY = "hotgigs.postgresBinaries";

    private BinariesJar() {
    }

    public static Path of(int major) {
        PostgresBinaries binaries = PostgresBinaries.forThisPlatform(PostgresVersion.of(String.valueOf(major)));
        String fileName = binaries.artifactId() + "-" + binaries.version() + ".jar";
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/postgres-binaries"), fileName));
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.endsWith(File.separator + fileName)) {
                candidates.add(Path.of(entry));
            }
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository",
                binaries.groupId().replace('.', File.separatorChar), binaries.artifactId(), binaries.version(), fileName));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL " + major + " binaries (" + binaries.coordinates() + ") found; looked at " + candidates
                        + ". Run the module's build (maven-dependency-plugin copies them to target/postgres-binaries)."));
    }
}
