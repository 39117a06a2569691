package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.lock.MigrationLock;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migrate goal against a real PostgreSQL: what it applies, records and logs, and how it fails. */
@MojoTest
class MigrateGoalIT {

    private static final String POM = "src/test/resources/unit/database/pom.xml";

    private final GoalFixture fixture = new GoalFixture();

    @AfterEach
    void dropDatabase() {
        fixture.close();
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void appliesPendingMigrationsRecordsThemAndLogsEachWithFixedVerbs(MigrateMojo mojo) throws Exception {
        fixture.write("001_create_candidates.sql", "CREATE TABLE candidates (id bigint PRIMARY KEY, email text NOT NULL);\n")
                .write("002_comprehensive_ats_system.sql", """
                        CREATE TABLE jobs (id bigint PRIMARY KEY, title text NOT NULL);
                        DO $$ BEGIN RAISE NOTICE 'jobs created'; RAISE WARNING 'check the titles'; END $$;
                        """);

        List<String> log = GoalFixture.run(fixture.aim(mojo));

        assertEquals(9, log.size(), String.join("\n", log));
        assertTrue(log.get(0).startsWith("[INFO] Database jdbc:postgresql://"), log.get(0));
        assertTrue(log.get(0).endsWith(", history table public.schema_migrations"), log.get(0));
        assertEquals("[INFO] Applying 001_create_candidates", log.get(1));
        assertTrue(log.get(2).matches("\\[INFO] Applied 001_create_candidates in \\d+ ms"), log.get(2));
        assertEquals("[INFO] Applying 002_comprehensive_ats_system", log.get(3));
        assertEquals("[INFO] 002_comprehensive_ats_system: NOTICE: jobs created", log.get(4));
        assertEquals("[WARNING] 002_comprehensive_ats_system: WARNING: check the titles", log.get(5));
        assertTrue(log.get(6).matches("\\[INFO] Applied 002_comprehensive_ats_system in \\d+ ms"), log.get(6));
        assertTrue(log.get(7).matches("\\[INFO] Applied 2 migrations in \\d+ ms"), log.get(7));
        assertEquals("[INFO] hotgigs: 2 applied, 0 pending, 0 failed; schema at 002", log.get(8));

        assertEquals(List.of(
                        "1|001|create_candidates|001_create_candidates.sql|t",
                        "2|002|comprehensive_ats_system|002_comprehensive_ats_system.sql|t"),
                fixture.rows("SELECT installed_rank, version, name, script, success FROM public.schema_migrations ORDER BY 1"));
        assertEquals(List.of("2"), fixture.rows("SELECT count(*) FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_name IN ('candidates', 'jobs')"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void aLocationWithNoMigrationsIsAWarningThatNamesIt(MigrateMojo mojo) throws Exception {
        List<String> log = GoalFixture.run(fixture.aim(mojo));

        assertTrue(log.contains("[WARNING] No migration files were found in filesystem:migrations. If there should be some, "
                + "check hotgigs.locations (for classpath: locations, that the artifact holding them is a dependency of the plugin)."),
                String.join("\n", log));
        assertEquals("[INFO] hotgigs: 0 applied, 0 pending, 0 failed; schema at none", log.get(log.size() - 1));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void aSecondRunHasNothingToApply(MigrateMojo mojo) throws Exception {
        fixture.write("001_create_candidates.sql", "CREATE TABLE candidates (id bigint PRIMARY KEY);\n");
        GoalFixture.run(fixture.aim(mojo));

        List<String> log = GoalFixture.run(mojo);

        assertEquals(3, log.size(), String.join("\n", log));
        assertTrue(log.get(1).matches("\\[INFO] Schema is up to date, nothing to apply \\(checked 1 migration in \\d+ ms\\)"), log.get(1));
        assertEquals("[INFO] hotgigs: 1 applied, 0 pending, 0 failed; schema at 001", log.get(2));
        assertEquals(List.of("1"), fixture.rows("SELECT count(*) FROM public.schema_migrations"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "target", value = "001")
    @MojoParameter(name = "schema", value = "ats")
    @MojoParameter(name = "table", value = "ats_history")
    void stopsAtTheTargetAndRecordsInTheConfiguredTable(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n").write("002_b.sql", "CREATE TABLE b (id int);\n");

        List<String> log = GoalFixture.run(fixture.aim(mojo));

        assertEquals("[INFO] hotgigs: 1 applied, 1 pending, 0 failed; schema at 001", log.get(log.size() - 1));
        assertEquals(List.of("001|t"), fixture.rows("SELECT version, success FROM ats.ats_history"));

        List<String> again = GoalFixture.run(mojo);
        assertEquals("[INFO] Nothing to apply up to target 001; 1 pending beyond it", again.get(again.size() - 2));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void aFailingMigrationFailsTheBuildWithTheEnginesMessage(MigrateMojo mojo) throws Exception {
        fixture.write("001_ok.sql", "CREATE TABLE ok (id int);\n")
                .write("002_broken.sql", "CREATE TABLE broken (id int);\n\nINSERT INTO nowhere VALUES (1);\n");

        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> fixture.aim(mojo).execute());

        assertTrue(e.getMessage().startsWith("Migration 002_broken failed at filesystem:migrations/002_broken.sql line 3"),
                e.getMessage());
        assertTrue(e.getMessage().contains("relation \"nowhere\" does not exist"), e.getMessage());
        assertFalse(log.lines().stream().anyMatch(line -> line.startsWith("[ERROR]")),
                "the failure is reported once, by Maven, not logged first: " + log.lines());
        assertEquals("[INFO] hotgigs: 1 applied, 0 pending, 1 failed; schema at 001", log.lines().get(log.lines().size() - 1));
        assertEquals(List.of("001|t", "002|f"),
                fixture.rows("SELECT version, success FROM public.schema_migrations ORDER BY installed_rank"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void placeholdersReachTheScriptsAndASecretValueReachesNeitherLogNorFailure(MigrateMojo mojo) throws Exception {
        fixture.write("001_comment.sql", "CREATE TABLE jobs (id int);\nCOMMENT ON TABLE jobs IS 'owned by ${team}';\n")
                .write("002_notice.sql", "DO $$ BEGIN RAISE NOTICE 'key %', '${api_key}'; END $$;\nSELECT nothing_here('${api_key}');\n");
        fixture.aim(mojo);
        setVariableValueToObject(mojo, "placeholders", java.util.Map.of("team", "ats", "api_key", "k-9f8e7d"));
        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("002_notice.sql line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("k-9f8e7d"), e.getMessage());
        assertTrue(log.lines().contains("[INFO] 002_notice: NOTICE: key ${api_key}"), String.join("\n", log.lines()));
        assertFalse(String.join("\n", log.lines()).contains("k-9f8e7d"), String.join("\n", log.lines()));
        assertEquals(List.of("owned by ats"), fixture.rows("SELECT obj_description('jobs'::regclass)"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void anEditedAppliedMigrationFailsTheBuildBeforeAnythingIsApplied(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        GoalFixture.run(fixture.aim(mojo));
        fixture.write("001_a.sql", "CREATE TABLE a (id bigint);\n").write("002_b.sql", "CREATE TABLE b (id int);\n");
        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains("Migration 001_a (filesystem:migrations/001_a.sql) was edited after it was applied"),
                e.getMessage());
        assertEquals("[INFO] hotgigs: 1 applied, 1 pending, 0 failed; schema at 001; 1 checksum mismatch, 0 missing",
                log.lines().get(log.lines().size() - 1));
        assertEquals(List.of("001"), fixture.rows("SELECT version FROM public.schema_migrations"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void aServerThatCannotBeReachedIsAnExecutionErrorNotAFailure(MigrateMojo mojo) throws Exception {
        fixture.aim(mojo);
        setVariableValueToObject(mojo, "url", "jdbc:postgresql://127.0.0.1:1/hotgigs_db?connectTimeout=5");
        mojo.setLog(new RecordingMavenLog());

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        assertTrue(e.getMessage().startsWith("Cannot reach PostgreSQL at 127.0.0.1:1/hotgigs_db"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void aBackendTerminatedByAScriptIsABuildFailureNamingTheFileAndLine(MigrateMojo mojo) throws Exception {
        fixture.write("001_kill.sql", "CREATE TABLE k (id int);\nSELECT pg_terminate_backend(pg_backend_pid());\n");
        mojo.setLog(new RecordingMavenLog());

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> fixture.aim(mojo).execute());

        assertTrue(e.getMessage().startsWith("Migration 001_kill failed at filesystem:migrations/001_kill.sql line 2, column 1: "
                + "the connection to the server was lost"), e.getMessage());
        assertEquals(List.of("001|f"), fixture.rows("SELECT version, success FROM public.schema_migrations ORDER BY installed_rank"));
        assertEquals(List.of("f"), fixture.rows("SELECT to_regclass('public.k') IS NOT NULL"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "lockWaitSeconds", value = "1")
    void saysWhomItWaitsForAndGivesUpAsAnExecutionError(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        try (Connection holder = fixture.database.connect()) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("SET application_name = 'release-pipeline'");
            }
            int holderPid = holder.unwrap(PGConnection.class).getBackendPID();
            MigrationLock lock = MigrationLock.acquire(holder, "public.schema_migrations", Duration.ZERO, MigrationListener.NONE);
            RecordingMavenLog log = new RecordingMavenLog();
            mojo.setLog(log);

            MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> fixture.aim(mojo).execute());

            assertTrue(log.lines().get(1).startsWith("[INFO] Waiting for the migration lock held by pid " + holderPid
                    + ", application 'release-pipeline'"), log.lines().get(1));
            assertTrue(e.getMessage().contains(String.valueOf(holderPid)), e.getMessage());
            assertEquals(List.of("f"), fixture.rows("SELECT to_regclass('public.schema_migrations') IS NOT NULL"));
            lock.close();
        }
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void neverLogsThePassword(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "CREATE TABLE a (id int);\n");
        fixture.aim(mojo);
        String url = fixture.database.url();
        setVariableValueToObject(mojo, "url", url + (url.contains("?") ? "&" : "?") + "password=pg-url-secret");
        setVariableValueToObject(mojo, "password", "pg-param-secret");

        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);

        mojo.execute();

        assertTrue(log.lines().get(0).contains("password=****"), log.lines().get(0));
        assertFalse(String.join("\n", log.lines()).contains("secret"), "at any level: " + String.join("\n", log.lines()));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void neverLogsAnSslPasswordACutPasswordOrAPasswordAFailedStatementSets(MigrateMojo mojo) throws Exception {
        fixture.write("001_a.sql", "ALTER ROLE hg_no_such_role PASSWORD 'statement-secret';\n");
        fixture.aim(mojo);
        String url = fixture.database.url();
        setVariableValueToObject(mojo, "url", url + (url.contains("?") ? "&" : "?") + "sslpassword=ssl-url-secret&password=ab;cd-secret");
        RecordingMavenLog log = new RecordingMavenLog();
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(log.lines().get(0).contains("sslpassword=****&password=****"), log.lines().get(0));
        assertTrue(e.getMessage().contains("Statement: ALTER ROLE hg_no_such_role PASSWORD '****'"), e.getMessage());
        assertFalse((String.join("\n", log.lines()) + e.getMessage()).contains("secret"), String.join("\n", log.lines()) + e.getMessage());
        assertEquals(List.of("0"), fixture.rows("SELECT count(*) FROM public.schema_migrations WHERE error LIKE '%secret%'"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "locations", value = "classpath:db/app")
    void readsClasspathLocationsFromTheProjectsClasspath(MigrateMojo mojo) throws Exception {
        Path classes = fixture.project.resolve("target/classes");
        Files.createDirectories(classes.resolve("db/app"));
        Files.writeString(classes.resolve("db/app/001_from_the_project.sql"), "CREATE TABLE from_the_project (id int);\n");
        fixture.aim(mojo);
        setVariableValueToObject(mojo, "outputDirectory", classes.toFile());

        List<String> log = GoalFixture.run(mojo);

        assertEquals("[INFO] hotgigs: 1 applied, 0 pending, 0 failed; schema at 001", log.get(log.size() - 1));
        assertEquals(List.of("001|from_the_project"), fixture.rows("SELECT version, name FROM public.schema_migrations"));
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "lockTimeout", value = "700ms")
    @MojoParameter(name = "lockRetries", value = "1")
    void aMigrationBlockedPastTheLockTimeoutWarnsWhoHoldsTheTableRetriesAndFailsTheBuild(MigrateMojo mojo) throws Exception {
        fixture.write("001_jobs.sql", "CREATE TABLE jobs (id int);\n");
        fixture.migrateUpTo("001");
        fixture.write("002_alter.sql", "ALTER TABLE jobs ADD COLUMN title text;\n");
        try (Connection holder = fixture.database.connect(); Statement statement = holder.createStatement()) {
            statement.execute("SET application_name = 'report-job'");
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE");
            int pid = holder.unwrap(PGConnection.class).getBackendPID();
            RecordingMavenLog log = new RecordingMavenLog();
            fixture.aim(mojo).setLog(log);

            MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

            assertTrue(e.getMessage().contains("It waited longer than hotgigs.lockTimeout (700ms) on each of its 2 attempts"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("The lock was held by pid " + pid + ", user "), e.getMessage());
            assertTrue(log.visible().stream().anyMatch(line -> line.startsWith("[WARNING] 002_alter waited too long for a lock "
                    + "at line 1, held by pid " + pid + ", user ") && line.contains("application 'report-job'")
                    && line.endsWith("; rolled back, nothing of it remains. Retry 1 of 1 in 1s")), String.join("\n", log.visible()));
        }
        assertEquals(List.of("001|t", "002|f"), fixture.rows("SELECT version, success FROM public.schema_migrations ORDER BY installed_rank"));
        assertEquals(List.of("0"), fixture.rows("SELECT count(*) FROM information_schema.columns WHERE table_name = 'jobs' AND column_name = 'title'"));
    }
}
