package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hotgigs.skip=true: every goal does nothing, the database is not touched. */
class SkipIT {

    @Test
    void everyGoalIsSkipped() {
        try (TestDatabase db = TestDatabase.create()) {
            List<String> goals = goals();
            SampleProject project = SampleProject.copy("app", "skip")
                    .file("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
            List<String> args = new ArrayList<>(goals.stream().map(goal -> "hotgigs:" + goal).toList());
            BuildResult result = project.build().args(args.toArray(String[]::new))
                    .property("hotgigs.url", db.url())
                    .property("hotgigs.skip", "true")
                    .property("hotgigs.failOnPending", "true")
                    .run();

            assertTrue(result.succeeded(), result::describe);
            for (String goal : goals) {
                assertEquals(1, result.count(":" + goal + " (default-cli) @ app ---"), result::describe);
            }
            long skipLines = result.pluginLines().stream().filter(line -> line.toLowerCase().contains("skip")).count();
            assertEquals(goals.size(), skipLines, result::describe);
            assertTrue(result.linesContaining("Applying").isEmpty(), result::describe);
            Catalog catalog = new Catalog(db.url());
            assertEquals(List.of(), catalog.tables("public"), "the database is untouched");
        }
    }

    /** The plugin's goals, as its descriptor lists them; help needs no database and is left out. */
    private static List<String> goals() {
        try (InputStream descriptor = SkipIT.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml")) {
            String xml = new String(descriptor.readAllBytes(), StandardCharsets.UTF_8);
            List<String> goals = new ArrayList<>();
            for (String goal : List.of("start", "migrate", "status", "validate", "stop")) {
                if (xml.contains("<goal>" + goal + "</goal>")) {
                    goals.add(goal);
                }
            }
            assertTrue(goals.containsAll(List.of("migrate", "status", "validate")), xml);
            return goals;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
