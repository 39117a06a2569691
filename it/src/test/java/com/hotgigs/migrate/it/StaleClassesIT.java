package com.hotgigs.migrate.it;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migrations in the project's resources and their copies in target/classes never disagree
 * silently: after a build copied them, a migration added to (or edited in) src/main/resources
 * makes {@code mvn hotgigs:migrate} fail naming the file, before it touches the database, instead of
 * applying the stale copies; once Maven copies them again, the goal applies what the user wrote.
 */
class StaleClassesIT {

    private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n";
    private static final String REFERRALS = "CREATE TABLE referrals (id bigint PRIMARY KEY);\n";

    @Test
    void aMigrationAddedSinceTheLastBuildIsNamedNotSkipped() {
        try (TestDatabase db = TestDatabase.create()) {
            SampleProject project = SampleProject.copy("resources", "stale-classes")
                    .file("src/main/resources/db/app/001_accounts.sql", ACCOUNTS);
            BuildResult copied = project.build().args("process-resources").log("copy.log").run();
            assertTrue(copied.succeeded(), copied::describe);
            project.file("src/main/resources/db/app/002_referrals.sql", REFERRALS);

            BuildResult stale = project.build().args("hotgigs:migrate").property("hotgigs.url", db.url()).log("stale.log").run();

            assertTrue(stale.failed(), stale::describe);
            assertTrue(stale.errorMessage().contains("The migrations in target/classes are not those in the project's "
                    + "resources (it holds the copies an earlier build made): src/main/resources/db/app/002_referrals.sql "
                    + "is not in target/classes. Let Maven copy them first (mvn process-resources hotgigs:migrate, with the "
                    + "goal you ran, or bind the goal into the build), or remove the stale copies with mvn clean."), stale::describe);
            assertFalse(stale.hasStackTrace(), stale::describe);
            assertEquals(List.of(), new Catalog(db.url()).tables("public"), "the database is as it was");

            BuildResult fresh = project.build().args("process-resources", "hotgigs:migrate")
                    .property("hotgigs.url", db.url()).log("fresh.log").run();

            assertTrue(fresh.succeeded(), fresh::describe);
            assertEquals(List.of("001", "002"), new Catalog(db.url()).history().stream().map(HistoryRow::version).toList());
        }
    }

    @Test
    void aMigrationEditedSinceTheLastBuildIsNamed() {
        try (TestDatabase db = TestDatabase.create()) {
            SampleProject project = SampleProject.copy("resources", "edited-classes")
                    .file("src/main/resources/db/app/001_accounts.sql", ACCOUNTS);
            BuildResult copied = project.build().args("process-resources").log("copy.log").run();
            assertTrue(copied.succeeded(), copied::describe);
            project.file("src/main/resources/db/app/001_accounts.sql", ACCOUNTS + REFERRALS);

            BuildResult stale = project.build().args("hotgigs:status").property("hotgigs.url", db.url()).log("stale.log").run();

            assertTrue(stale.failed(), stale::describe);
            assertTrue(stale.errorMessage().contains("target/classes/db/app/001_accounts.sql differs from "
                    + "src/main/resources/db/app/001_accounts.sql."), stale::describe);
            assertEquals(List.of(), new Catalog(db.url()).tables("public"), "the database is as it was");
        }
    }
}
