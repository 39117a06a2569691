package com.hotgigs.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The migration files also apply with plain {@code psql -f}, and give the same schema as the engine.
 * Skipped only where psql (or, for the dump comparison, a pg_dump new enough for the server) is not installed.
 */
class PsqlParityTest {

    static final List<String> FILES = List.of("001_initial_schema.sql", "002_comprehensive_ats_system.sql");

    /** Every schema object, as lines that differ when the objects differ; schema_migrations left out. */
    private static final String CATALOG = """
            SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                   || ' identity:' || a.attidentity::text || ' generated:' || a.attgenerated::text
                   || coalesce(' comment:' || col_description(c.oid, a.attnum), '') AS line
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v')
               AND c.relname <> 'schema_migrations' AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'relation ' || c.relname || ' ' || c.relkind::text || coalesce(' comment:' || obj_description(c.oid, 'pg_class'), '')
              FROM pg_class c
             WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'schema_migrations%'
            UNION ALL
            SELECT 'constraint ' || k.conrelid::regclass::text || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
              FROM pg_constraint k
             WHERE k.connamespace = 'public'::regnamespace AND k.conrelid::regclass::text <> 'schema_migrations'
            UNION ALL
            SELECT 'index ' || pg_get_indexdef(i.indexrelid)
              FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
             WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> 'schema_migrations'
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled:' || t.tgenabled::text
              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
            UNION ALL
            SELECT 'function ' || pg_get_functiondef(p.oid) || coalesce(' comment:' || obj_description(p.oid, 'pg_proc'), '')
              FROM pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'view ' || c.relname || ' ' || pg_get_viewdef(c.oid)
              FROM pg_class c
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v'
            UNION ALL
            SELECT 'setting ' || setting_key || ' = ' || setting_value::text FROM system_settings
            UNION ALL
            SELECT 'market ' || s.name || ' ' || d.region || ' ' || d.demand_score || ' ' || d.avg_salary
              FROM skill_market_demand d JOIN skills s ON s.id = d.skill_id
            ORDER BY 1
            """;

    @TempDir
    Path scripts;

    @Test
    void psqlAndTheEngineBuildTheSameSchema() throws Exception {
        assumeTrue(installed("psql"), "psql is not on PATH");
        try (AtsDatabase byPsql = AtsDatabase.empty(); AtsDatabase byEngine = AtsDatabase.migrated()) {
            applyWithPsql(byPsql);
            List<Object> expected = byEngine.column(CATALOG);
            List<Object> actual = byPsql.column(CATALOG);
            assertTrue(expected.size() > 900, "the catalog listing covers the schema: " + expected.size() + " lines");
            assertEquals(String.join("\n", lines(expected)), String.join("\n", lines(actual)));
        }
    }

    @Test
    void psqlAndTheEngineDumpTheSameSchema() throws Exception {
        assumeTrue(installed("psql"), "psql is not on PATH");
        assumeTrue(installed("pg_dump"), "pg_dump is not on PATH");
        try (AtsDatabase byPsql = AtsDatabase.empty(); AtsDatabase byEngine = AtsDatabase.migrated()) {
            int serverMajor = ((Number) byEngine.value("SELECT current_setting('server_version_num')::int / 10000")).intValue();
            assumeTrue(pgDumpMajor() >= serverMajor, "pg_dump is older than the server");
            applyWithPsql(byPsql);
            String expected = dump(byEngine);
            String actual = dump(byPsql);
            assertTrue(expected.contains("CREATE TABLE public.audit_log"), expected);
            assertEquals(expected, actual);
        }
    }

    private void applyWithPsql(AtsDatabase db) throws IOException, InterruptedException {
        for (String file : FILES) {
            Path script = scripts.resolve(file);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/hotgigs/" + file)) {
                assertTrue(in != null, "db/hotgigs/" + file + " on the classpath");
                Files.copy(in, script);
            }
            Result result = run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", libpqUri(db), "-f", script.toString()));
            assertEquals(0, result.exitCode(), "psql -f " + file + " failed:\n" + result.output());
            assertTrue(!result.output().contains("ERROR"), result.output());
        }
    }

    private static String dump(AtsDatabase db) throws IOException, InterruptedException {
        Result result = run(List.of("pg_dump", "--schema-only", "--no-owner", "--no-privileges",
                "--exclude-table=public.schema_migrations", "-d", libpqUri(db)));
        assertEquals(0, result.exitCode(), result.output());
        StringBuilder kept = new StringBuilder();
        for (String line : result.output().split("\n")) {
            // Recent pg_dump guards its output with a random \restrict key; it differs on every run.
            if (!line.startsWith("\\restrict") && !line.startsWith("\\unrestrict")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    /** libpq takes the JDBC URL without its jdbc: prefix, user and password included as parameters. */
    private static String libpqUri(AtsDatabase db) {
        return db.database().url().substring("jdbc:".length());
    }

    private static int pgDumpMajor() throws IOException, InterruptedException {
        Matcher version = Pattern.compile("(\\d+)\\.").matcher(run(List.of("pg_dump", "--version")).output());
        return version.find() ? Integer.parseInt(version.group(1)) : 0;
    }

    private static boolean installed(String command) {
        try {
            return run(List.of(command, "--version")).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command.get(0) + " did not finish");
        return new Result(process.exitValue(), output);
    }

    private static List<String> lines(List<Object> rows) {
        List<String> lines = new ArrayList<>();
        rows.forEach(row -> lines.add(String.valueOf(row)));
        return lines;
    }

    private record Result(int exitCode, String output) {
    }
}
