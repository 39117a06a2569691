package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hotgigs.skip=true: every goal does nothing, the database is not touched. */
class SkipIT {

    @Test
    void everyGoalIsSkipped() {
        try (TestDatabase db = TestDatabase.create()) {
            List<String> goals = List.of("start", "migrate", "status", "validate", "stop");
            SampleProject project = SampleProject.copy("app", "skip")
                    .file("migrations/001_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
            BuildResult result = project.build().args(goals.stream().map(goal -> "hotgigs:" + goal).toArray(String[]::new))
                    .property("hotgigs.url", db.url())
                    .property("hotgigs.skip", "true")
                    .property("hotgigs.failOnPending", "true")
                    .run();

            assertTrue(result.succeeded(), result::describe);
            for (String goal : goals) {
                assertEquals(1, result.count(":" + goal + " (default-cli) @ app ---"), result::describe);
            }
            long skipLines = result.pluginLines().stream().filter(line -> line.startsWith("[INFO] Skipping")).count();
            assertEquals(goals.size(), skipLines, result::describe);
            assertTrue(result.linesContaining("Applying").isEmpty(), result::describe);
            assertTrue(result.linesContaining("Started PostgreSQL").isEmpty(), result::describe);
            Catalog catalog = new Catalog(db.url());
            assertEquals(List.of(), catalog.tables("public"), "the database is untouched");
        }
    }
}
