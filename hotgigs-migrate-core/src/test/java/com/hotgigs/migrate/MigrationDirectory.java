package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A directory of migration files written by a test, and configurations that migrate it into a test database. */
final class MigrationDirectory {

    private final Path directory;

    MigrationDirectory(Path directory) {
        this.directory = directory;
    }

    MigrationDirectory write(String fileName, String sql) {
        try {
            Files.writeString(directory.resolve(fileName), sql, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigrationDirectory delete(String fileName) {
        try {
            Files.delete(directory.resolve(fileName));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigratorConfig.Builder configFor(TestDatabase database) {
        return MigratorConfig.builder()
                .url(database.url())
                .user(database.user())
                .password(database.password())
                .locations(List.of("filesystem:" + directory))
                .lockWait(Duration.ofSeconds(60));
    }

    Migrator migratorFor(TestDatabase database) {
        return new Migrator(configFor(database).build());
    }
}
