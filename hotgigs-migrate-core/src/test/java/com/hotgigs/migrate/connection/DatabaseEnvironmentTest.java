package com.hotgigs.migrate.connection;

import com.hotgigs.migrate.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseEnvironmentTest {

    @TempDir
    Path directory;

    @Test
    void defaultsToTheSeedsDatabaseOnLocalhost() {
        DatabaseEnvironment environment = DatabaseEnvironment.read(Map.of(), directory);

        assertEquals("jdbc:postgresql://localhost:5432/hotgigs_db", environment.url());
        assertNull(environment.user());
        assertNull(environment.password());
    }

    @Test
    void readsTheSeedsNamesFromTheEnvironment() {
        DatabaseEnvironment environment = DatabaseEnvironment.read(Map.of(
                "DB_HOST", "db.internal", "DB_PORT", "6432", "DB_NAME", "ats",
                "DB_USER", "hotgigs_user", "DB_PASSWORD", "s3cret"), directory);

        assertEquals("jdbc:postgresql://db.internal:6432/ats", environment.url());
        assertEquals("hotgigs_user", environment.user());
        assertEquals("s3cret", environment.password());
    }

    @Test
    void readsTheDotEnvFileOfTheBaseDirectory() throws Exception {
        Files.writeString(directory.resolve(".env"), """
                # database settings, as in the seed's .env.example
                DB_HOST=dotenv-host
                DB_PORT=5433
                export DB_NAME="hotgigs_staging"
                DB_USER = 'staging_user'
                DB_PASSWORD=pa ss#word # the comment is not part of it

                UNRELATED=1
                """);

        DatabaseEnvironment environment = DatabaseEnvironment.read(Map.of(), directory);

        assertEquals("jdbc:postgresql://dotenv-host:5433/hotgigs_staging", environment.url());
        assertEquals("staging_user", environment.user());
        assertEquals("pa ss#word", environment.password());
    }

    @Test
    void theEnvironmentWinsOverDotEnvNameByName() throws Exception {
        Files.writeString(directory.resolve(".env"), "DB_HOST=from-file\nDB_NAME=file_db\nDB_USER=file_user\n");

        DatabaseEnvironment environment = DatabaseEnvironment.read(
                Map.of("DB_HOST", "from-environment", "DB_USER", ""), directory);

        assertEquals("jdbc:postgresql://from-environment:5432/file_db", environment.url());
        assertEquals("file_user", environment.user(), "an empty variable counts as unset");
    }

    @Test
    void bracketsAnIpv6Host() {
        assertEquals("jdbc:postgresql://[::1]:5432/hotgigs_db",
                DatabaseEnvironment.read(Map.of("DB_HOST", "::1"), directory).url());
    }

    @Test
    void refusesAPortThatIsNotANumberNamingWhereItCameFrom() throws Exception {
        Files.writeString(directory.resolve(".env"), "DB_PORT=54x2\n");

        ConfigurationException fromFile = assertThrows(ConfigurationException.class,
                () -> DatabaseEnvironment.read(Map.of(), directory));
        ConfigurationException fromEnvironment = assertThrows(ConfigurationException.class,
                () -> DatabaseEnvironment.read(Map.of("DB_PORT", "abc"), directory));

        assertEquals("DB_PORT has the invalid value '54x2' (from " + directory.resolve(".env")
                + "): expected a port number such as 5432. Correct it, or set hotgigs.url instead.", fromFile.getMessage());
        assertEquals("DB_PORT has the invalid value 'abc' (from the environment): expected a port number such as 5432. "
                + "Correct it, or set hotgigs.url instead.", fromEnvironment.getMessage());
    }

    @Test
    void refusesALineOfDotEnvThatIsNoAssignmentNamingFileAndLine() throws Exception {
        Files.writeString(directory.resolve(".env"), "DB_HOST=localhost\n\nthis is not an assignment\n");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> DatabaseEnvironment.read(Map.of(), directory));

        assertEquals(directory.resolve(".env") + " line 3 is not a NAME=value assignment. "
                + "Write it as e.g. DB_HOST=localhost, or comment it out with #.", e.getMessage());
    }

    @Test
    void neverShowsThePassword() {
        DatabaseEnvironment environment = DatabaseEnvironment.read(Map.of("DB_PASSWORD", "s3cret"), directory);

        assertEquals(false, environment.toString().contains("s3cret"));
    }
}
