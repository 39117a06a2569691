package com.hotgigs.migrate;

import com.hotgigs.migrate.plan.Plan;
import com.hotgigs.migrate.testing.OwnServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The plan against a server that logs every statement (log_statement=all): it writes nothing (no
 * transaction id spent, no lock, no row changed), and what it lists is what migrate then sends.
 */
class PlanIT {

    private static final Pattern ENTRY = Pattern.compile("^(\\d+):([A-Z]+):  (.*)$");
    private static final Pattern STATEMENT = Pattern.compile("^(?:statement|execute [^:]+): (.*)$", Pattern.DOTALL);

    private static OwnServer server;
    private static int databases;

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private String database;

    @BeforeAll
    static void startServer() {
        assumeTrue(OwnServer.available(), "PostgreSQL binaries and the postgres user are needed for a server that logs statements");
        server = OwnServer.start("log_statement=all", "log_line_prefix=%p:", "autovacuum=off");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void migrateTheFirst() throws SQLException {
        database = "plan_" + (++databases);
        server.createDatabase(database);
        migrations = new MigrationDirectory(directory);
        migrations.write("001_jobs.sql", "CREATE TABLE jobs (id int PRIMARY KEY, title text);\nINSERT INTO jobs VALUES (1, 'a'), (2, 'b');\n");
        new Migrator(config().build()).migrate();
        migrations.write("002_title.sql", "ALTER TABLE jobs ADD COLUMN salary int;\n\nCREATE INDEX jobs_title ON jobs (title);\n")
                .write("003_data.sql", "INSERT INTO jobs VALUES (3, 'c');\nUPDATE jobs\n   SET salary = 1\n WHERE id = 3;\n")
                .write("004_index.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS jobs_salary ON jobs (salary);\n");
    }

    private MigratorConfig.Builder config() {
        return MigratorConfig.builder().url(server.urlOf(database)).locations(List.of("filesystem:" + directory))
                .lockWait(Duration.ofSeconds(30));
    }

    @Test
    void thePlanWritesNothingAndListsExactlyWhatMigrateThenSends() throws Exception {
        String before = writes();
        long logBefore = Files.size(server.logFile());
        Plan plan = new Migrator(config().build()).plan();
        Thread.sleep(700); // the statistics of a session are sent when it ends, at most every 500 ms
        assertEquals(before, writes(), "no transaction id spent, no row written, the history as it was");
        List<Entry> planLog = log(logBefore);
        assertFalse(planLog.isEmpty(), "the plan's session read the history");
        assertTrue(planLog.stream().noneMatch(e -> e.text().contains("advisory_lock")), "the plan took no lock: " + planLog);
        assertTrue(planLog.stream().noneMatch(e -> e.text().toUpperCase(Locale.ROOT).matches("(?s)(INSERT|UPDATE|DELETE|CREATE|ALTER|BEGIN).*")),
                "the plan sent nothing that writes: " + planLog);

        assertEquals(3, plan.migrations());
        assertEquals(1, plan.findings());
        String sql = plan.sql();
        assertTrue(sql.contains("-- filesystem:" + directory + "/002_title.sql line 3\nCREATE INDEX jobs_title ON jobs (title);\n"), sql);
        assertTrue(sql.contains("-- lint: filesystem:" + directory + "/002_title.sql line 3: [add-index-non-concurrently]"), sql);
        assertTrue(sql.contains("SET lock_timeout = '5000ms';"), sql);

        assertMigrateSendsExactlyThePlan(sql);
    }

    @Test
    void aScriptRunAsWrittenIsPlannedWithItsOwnTransactionsAsMigrateSendsThem() throws Exception {
        migrations.delete("002_title.sql").delete("003_data.sql").delete("004_index.sql")
                .write("002_batches.sql", "CREATE TABLE batches (id int PRIMARY KEY);\n"
                        + "BEGIN;\nINSERT INTO batches VALUES (1);\nUPDATE jobs SET title = 'x' WHERE id = 1;\nCOMMIT;\n"
                        + "BEGIN;\nINSERT INTO batches VALUES (2);\nCOMMIT;\n"
                        + "CREATE INDEX CONCURRENTLY IF NOT EXISTS batches_id ON batches (id);\n");
        String before = writes();
        Plan plan = new Migrator(config().build()).plan();
        Thread.sleep(700);
        assertEquals(before, writes(), "the plan of a script run as written writes nothing either");

        String sql = plan.sql();
        assertEquals(1, plan.migrations());
        assertTrue(sql.contains("\nBEGIN;\n"), "the script's own transaction boundaries are in the plan:\n" + sql);
        assertEquals(2, planned(sql).stream().filter("BEGIN"::equals).count(), sql);
        assertMigrateSendsExactlyThePlan(sql);
    }

    @Test
    void repeatablesAndCallbacksArePlannedWhereMigrateRunsThem() throws Exception {
        migrations.delete("003_data.sql").delete("004_index.sql")
                .write("R__job_titles.sql", "CREATE OR REPLACE VIEW job_titles AS SELECT id, title FROM jobs;\n")
                .write("beforeMigrate.sql", "CREATE TABLE IF NOT EXISTS run_log (event text);\nINSERT INTO run_log VALUES ('before');\n")
                .write("beforeEachMigrate.sql", "INSERT INTO run_log VALUES ('each before');\n")
                .write("afterEachMigrate.sql", "INSERT INTO run_log VALUES ('each after');\n")
                .write("afterMigrate.sql", "INSERT INTO run_log VALUES ('after');\n")
                .write("afterMigrateError.sql", "INSERT INTO run_log VALUES ('failed');\n");
        String before = writes();
        Plan plan = new Migrator(config().build()).plan();
        Thread.sleep(700);
        assertEquals(before, writes(), "planning callbacks runs none of them");

        String sql = plan.sql();
        assertEquals(2, plan.migrations(), "002 and the repeatable");
        assertTrue(sql.contains("-- Callback beforeMigrate"), sql);
        assertTrue(sql.contains("afterMigrateError.sql) runs only after the run failed; not part of this plan."), sql);
        assertTrue(sql.contains("$1 = NULL, $2 = 'job_titles'") && sql.contains("$8 = 'REPEATABLE'"), "the repeatable's row:\n" + sql);
        List<String> planned = planned(sql);
        assertEquals(List.of("INSERT INTO run_log VALUES ('before')", "INSERT INTO run_log VALUES ('each before')",
                        "INSERT INTO run_log VALUES ('each after')", "INSERT INTO run_log VALUES ('each before')",
                        "INSERT INTO run_log VALUES ('each after')", "INSERT INTO run_log VALUES ('after')"),
                planned.stream().filter(s -> s.startsWith("INSERT INTO run_log")).toList(), "each-migration callbacks twice, in order");
        assertMigrateSendsExactlyThePlan(sql);

        Plan again = new Migrator(config().build()).plan();
        assertEquals(0, again.migrations());
        assertTrue(again.sql().contains("Nothing is pending, but the locations hold callbacks: migrate takes the lock and runs them."),
                again.sql());
        assertMigrateSendsExactlyThePlan(again.sql());
    }

    /**
     * Runs migrate and compares what its applying session sent, from the plan's first migration statement to
     * the lock's release, with the plan, statement for statement; and that it took and released the lock the
     * plan names. Between the lock and the first migration migrate only reads (the history again, the catalog).
     */
    private void assertMigrateSendsExactlyThePlan(String sql) throws Exception {
        long logBeforeMigrate = Files.size(server.logFile());
        new Migrator(config().build()).migrate();
        List<Entry> migrateLog = log(logBeforeMigrate);
        String lock = normalized("SELECT pg_catalog.pg_try_advisory_lock($1)");
        int pid = migrateLog.stream().filter(e -> normalized(e.text()).equals(lock)).findFirst()
                .orElseThrow(() -> new AssertionError("no lock taken in the log: " + migrateLog + " raw: " + rawTail(logBeforeMigrate))).pid();
        // The plan leaves out the read-only catalog queries, as it says: after a CREATE INDEX CONCURRENTLY, the check that its index is valid.
        List<String> sent = migrateLog.stream().filter(e -> e.pid() == pid).map(Entry::text).flatMap(PlanIT::statementsOf)
                .map(PlanIT::normalized).filter(text -> !(text.startsWith("SELECT") && text.contains("FROM pg_catalog.pg_index")))
                .toList();
        List<String> planned = planned(sql);

        String unlock = normalized("SELECT pg_catalog.pg_advisory_unlock($1)");
        assertEquals(lock, planned.get(0));
        assertEquals(unlock, planned.get(planned.size() - 1));
        int locked = sent.indexOf(lock);
        int unlocked = sent.lastIndexOf(unlock);
        assertTrue(locked >= 0 && unlocked > locked, "migrate took and released the lock the plan names: " + sent);
        List<String> plannedRun = planned.subList(1, planned.size() - 1);
        int start = sent.subList(locked, unlocked).indexOf(plannedRun.get(0));
        assertTrue(start >= 0, plannedRun.get(0) + " not in " + sent);
        assertEquals(plannedRun, sent.subList(locked + start, unlocked));
    }

    /**
     * A script's statement goes as one Query message, which the server logs as a "statement"; the history
     * row, the engine's own statement with parameters, is bound to them ("execute", then its parameters).
     */
    @Test
    void scriptStatementsGoAsQueryMessagesAndTheHistoryRowWithBoundParameters() throws Exception {
        long logBefore = Files.size(server.logFile());
        new Migrator(config().build()).migrate();
        String log = rawLog(logBefore);

        assertTrue(log.contains(":LOG:  statement: ALTER TABLE jobs ADD COLUMN salary int\n"), log);
        assertTrue(log.contains(":LOG:  statement: CREATE INDEX CONCURRENTLY IF NOT EXISTS jobs_salary ON jobs (salary)\n"), log);
        assertFalse(log.contains("execute <unnamed>: ALTER TABLE"), log);
        assertTrue(log.matches("(?s).*:LOG:  execute [^:]+:\\s+INSERT INTO \"public\"\\.\"schema_migrations\".*"), log);
        assertTrue(log.contains("$1 = '002', $2 = 'title'"), log);
    }

    @Test
    void aPlanWithNoDatabaseSaysSoAndNamesTheOfflineGoal() {
        ConfigurationException failure = assertThrows(ConfigurationException.class, () -> new Migrator(
                config().url("jdbc:postgresql://127.0.0.1:9/nowhere?connectTimeout=2").build()).plan());
        assertEquals(ErrorCode.SERVER_UNREACHABLE, failure.code());
        assertTrue(failure.getMessage().endsWith("The plan reads the history from the database to know what is pending; "
                + "hotgigs:check checks the migrations without one."), failure.getMessage());
    }

    /** The statements of plan.sql, in order, without the comments. */
    private static List<String> planned(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.startsWith("--") || line.isBlank() && current.length() == 0) {
                continue;
            }
            current.append(line).append('\n');
            if (line.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(normalized(statement.substring(0, statement.length() - 1)));
                current.setLength(0);
            }
        }
        return statements;
    }

    private static String rawTail(long from) {
        try {
            String text = rawLog(from);
            return text.length() > 3000 ? text.substring(0, 3000) : text;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String rawLog(long from) throws IOException {
        byte[] all = Files.readAllBytes(server.logFile());
        return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
    }

    /**
     * The statements of one logged message: a Query message (how the engine sends a statement without
     * parameters, and its session reset) is logged whole, several statements in one entry. None of this
     * test's statements has a semicolon inside a literal.
     */
    private static Stream<String> statementsOf(String logged) {
        return Arrays.stream(logged.split(";(?=\\s|$)")).filter(statement -> !statement.isBlank());
    }

    private static String normalized(String statement) {
        return statement.strip().replaceAll("\\s+", " ");
    }

    private record Entry(int pid, String text) {
    }

    /** The statements the server logged after {@code from} bytes of its log, with the session that sent each. */
    private static List<Entry> log(long from) throws IOException {
        String text = rawLog(from);
        List<Entry> entries = new ArrayList<>();
        Integer pid = null;
        StringBuilder statement = null;
        for (String line : text.split("\n")) {
            Matcher entry = ENTRY.matcher(line);
            if (entry.matches()) {
                if (statement != null) {
                    entries.add(new Entry(pid, statement.toString()));
                }
                statement = null;
                Matcher sent = STATEMENT.matcher(entry.group(3));
                if (entry.group(2).equals("LOG") && sent.matches()) {
                    pid = Integer.parseInt(entry.group(1));
                    statement = new StringBuilder(sent.group(1));
                }
            } else if (statement != null) {
                statement.append('\n').append(line);
            }
        }
        if (statement != null) {
            entries.add(new Entry(pid, statement.toString()));
        }
        return entries;
    }

    /** What a write would change, read from another session: the next transaction id, the rows and their counters. */
    private String writes() throws SQLException {
        try (Connection connection = server.connect(database); java.sql.Statement query = connection.createStatement()) {
            StringBuilder state = new StringBuilder();
            try (ResultSet row = query.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")) {
                row.next();
                state.append("next xid ").append(row.getString(1));
            }
            query.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = query.executeQuery("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables ORDER BY 1")) {
                while (rows.next()) {
                    state.append("; ").append(rows.getString(1)).append(' ').append(rows.getLong(2)).append('/')
                            .append(rows.getLong(3)).append('/').append(rows.getLong(4));
                }
            }
            try (ResultSet row = query.executeQuery("SELECT count(*) FROM public.schema_migrations")) {
                row.next();
                state.append("; history rows ").append(row.getLong(1));
            }
            return state.toString();
        }
    }
}
