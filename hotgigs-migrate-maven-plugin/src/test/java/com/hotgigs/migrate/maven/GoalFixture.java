package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Migrator;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.testing.TestDatabase;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;

/**
 * A project directory with a migrations/ folder and a fresh database, and goals pointed at both;
 * each goal's log is recorded.
 */
final class GoalFixture implements AutoCloseable {

    final TestDatabase database = TestDatabase.create();
    final Path project = MojoTestSupport.temporaryProject();
    final Path migrations = project.resolve("migrations");

    GoalFixture() {
        try {
            Files.createDirectories(migrations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GoalFixture write(String fileName, String sql) {
        try {
            Files.writeString(migrations.resolve(fileName), sql, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the goal at this database and project, with an environment that sets nothing. */
    <T extends AbstractMojo> T aim(T mojo) throws IllegalAccessException {
        setVariableValueToObject(mojo, "url", database.url());
        setVariableValueToObject(mojo, "user", database.user());
        setVariableValueToObject(mojo, "password", database.password());
        setVariableValueToObject(mojo, "baseDirectory", project.toFile());
        setVariableValueToObject(mojo, "environment", Map.of());
        return mojo;
    }

    /** Applies the migrations up to a version with the engine alone, to give a goal something to look at. */
    void migrateUpTo(String target) {
        new Migrator(MigratorConfig.builder().url(database.url()).user(database.user()).password(database.password())
                .locations(List.of("filesystem:" + migrations)).target(target).build()).migrate();
    }

    /** Runs the goal and returns what it logged (debug left out). */
    static List<String> run(AbstractMojo mojo) throws MojoExecutionException, MojoFailureException {
        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);
        mojo.execute();
        return log.visible();
    }

    List<String> rows(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
