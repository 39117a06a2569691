package com.hotgigs.schema;

import com.hotgigs.migrate.MigrateResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 002 upgrades a 1.0 database that holds data, losing none of it. */
class SchemaUpgradeTest {

    private static final List<String> CORE_TABLES = List.of("users", "companies", "candidates", "jobs",
            "applications", "skills", "candidate_skills", "job_skills");

    @Test
    void upgradingA10DatabaseKeepsEveryRowAndFillsTheNewColumns() throws SQLException {
        try (AtsDatabase db = AtsDatabase.empty()) {
            MigrateResult first = db.migrate("001");
            assertEquals("001", first.currentVersion());
            assertNull(db.value("SELECT to_regclass('audit_log')"), "target 001 stops before 2.0");

            db.execute(
                    "INSERT INTO users (email, first_name, last_name, role) VALUES "
                            + "('rita@hotgigs.test', 'Rita', 'Recruiter', 'recruiter'), "
                            + "('hank@hotgigs.test', 'Hank', 'Manager', 'hiring_manager')",
                    "INSERT INTO companies (name, industry, created_by) VALUES ('Acme', 'Software', 1)",
                    "INSERT INTO jobs (company_id, title, status, recruiter_id, hiring_manager_id, salary_min, salary_max, "
                            + "posted_at, created_at, updated_at) VALUES "
                            + "(1, 'Backend Engineer', 'open', 1, 2, 100000, 140000, '2024-01-05', '2024-01-01', '2024-01-05'), "
                            + "(1, 'Old Role', 'closed', 1, 2, NULL, NULL, '2023-01-05', '2023-01-01', '2023-06-01')",
                    "INSERT INTO candidates (first_name, last_name, email, years_experience, status, owner_id, created_at, updated_at) VALUES "
                            + "('Ada', 'Lovelace', 'ada@example.test', 12.5, 'active', 1, '2023-12-01', '2023-12-02'), "
                            + "('Alan', 'Turing', 'alan@example.test', 20, 'placed', 1, '2022-03-01', '2023-02-01'), "
                            + "('Grace', 'Hopper', 'grace@example.test', NULL, 'passive', NULL, '2024-01-10', '2024-01-10')",
                    "INSERT INTO skills (name, category) VALUES ('python', 'language'), ('COBOL', 'language')",
                    "INSERT INTO candidate_skills (candidate_id, skill_id, proficiency_level, years_experience) VALUES "
                            + "(1, 1, 5, 8), (3, 2, 5, 30)",
                    "INSERT INTO job_skills (job_id, skill_id, is_required, importance) VALUES (1, 1, true, 5)",
                    "INSERT INTO applications (candidate_id, job_id, status, applied_at, created_at, updated_at) VALUES "
                            + "(1, 1, 'interviewing', '2024-01-06', '2024-01-06', '2024-01-09'), "
                            + "(2, 2, 'hired', '2023-01-10', '2023-01-10', '2023-03-01'), "
                            + "(3, 1, 'applied', '2024-01-11', '2024-01-11', '2024-01-11')");
            Map<String, List<String>> columns10 = columnsOf(db);
            Map<String, List<String>> before = snapshot(db, columns10);

            MigrateResult second = db.migrate(null);
            assertEquals("002", second.currentVersion());
            assertEquals(1, second.applied().size());

            Map<String, List<String>> after = snapshot(db, columns10);
            for (String table : CORE_TABLES) {
                assertTrue(after.get(table).containsAll(before.get(table)),
                        table + ": every 1.0 row and value survives the upgrade, updated_at included; before "
                                + before.get(table) + ", after " + after.get(table));
                if (!table.equals("skills")) {
                    assertEquals(before.get(table).size(), after.get(table).size(), table + " row count");
                }
            }

            Map<String, Object> candidate = db.row("SELECT availability_status, salary_currency, salary_period, tags::text AS tags, "
                    + "social_links::text AS social_links, metadata::text AS metadata, profile_completeness, willing_to_relocate, "
                    + "linkedin_url, expected_salary_min, source FROM candidates WHERE email = 'ada@example.test'");
            assertEquals("available", candidate.get("availability_status"));
            assertEquals("USD", candidate.get("salary_currency"));
            assertEquals("year", candidate.get("salary_period"));
            assertEquals("{}", candidate.get("tags"));
            assertEquals("{}", candidate.get("social_links"));
            assertEquals("{}", candidate.get("metadata"));
            assertEquals(0, ((Number) candidate.get("profile_completeness")).intValue());
            assertEquals(Boolean.FALSE, candidate.get("willing_to_relocate"));
            assertNull(candidate.get("linkedin_url"));
            assertNull(candidate.get("expected_salary_min"));
            assertNull(candidate.get("source"));

            List<Map<String, Object>> jobs = db.rows("SELECT title, is_ai_generated, view_count, application_count, work_mode, "
                    + "openings, priority, visa_sponsorship, benefits::text AS benefits, template_id FROM jobs ORDER BY id");
            assertEquals(Boolean.FALSE, jobs.get(0).get("is_ai_generated"));
            assertEquals(0, ((Number) jobs.get(0).get("view_count")).intValue());
            assertEquals(2, ((Number) jobs.get(0).get("application_count")).intValue(), "counter counts existing applications");
            assertEquals(1, ((Number) jobs.get(1).get("application_count")).intValue());
            assertEquals("onsite", jobs.get(0).get("work_mode"));
            assertEquals(1, ((Number) jobs.get(0).get("openings")).intValue());
            assertEquals("normal", jobs.get(0).get("priority"));
            assertEquals(Boolean.FALSE, jobs.get(0).get("visa_sponsorship"));
            assertEquals("{}", jobs.get(0).get("benefits"));
            assertNull(jobs.get(0).get("template_id"));

            List<Map<String, Object>> applications = db.rows("SELECT status, current_stage, stage_updated_at = updated_at AS stamped, "
                    + "jsonb_array_length(stage_history) AS history, match_score, ai_recommendation, submitted_at "
                    + "FROM applications ORDER BY id");
            for (Map<String, Object> application : applications) {
                assertEquals(application.get("status"), application.get("current_stage"), "stage starts at the status");
                assertEquals(Boolean.TRUE, application.get("stamped"));
                assertEquals(1, ((Number) application.get("history")).intValue());
                assertNull(application.get("match_score"));
                assertNull(application.get("ai_recommendation"));
                assertNull(application.get("submitted_at"));
            }

            assertEquals(List.of("python"), db.column("SELECT name FROM skills WHERE lower(name) = 'python'"),
                    "an existing skill is reused, not duplicated");
            assertEquals(1L, ((Number) db.value("SELECT count(*) FROM skill_market_demand d JOIN skills s ON s.id = d.skill_id "
                    + "WHERE s.name = 'python'")).longValue());

            Map<String, Object> alan = db.row("SELECT total_applications, total_placements, placement_rate "
                    + "FROM candidate_performance_metrics m JOIN candidates c ON c.id = m.candidate_id WHERE c.email = 'alan@example.test'");
            assertEquals(1, ((Number) alan.get("total_applications")).intValue());
            assertEquals(1, ((Number) alan.get("total_placements")).intValue());
            assertEquals(0, new BigDecimal("100").compareTo((BigDecimal) alan.get("placement_rate")));
            assertEquals(3L, ((Number) db.value("SELECT count(*) FROM candidate_full_profile")).longValue());
            assertEquals(3L, ((Number) db.value("SELECT count(*) FROM application_details")).longValue());
            assertEquals(0L, ((Number) db.value("SELECT count(*) FROM audit_log WHERE table_name <> 'system_settings'")).longValue(),
                    "the upgrade itself writes no audit rows for existing data");

            // The upgraded database works like a fresh one.
            db.execute("INSERT INTO applications (candidate_id, job_id) VALUES (2, 1)");
            assertEquals(3, ((Number) db.value("SELECT application_count FROM jobs WHERE id = 1")).intValue());
        }
    }

    private static Map<String, List<String>> columnsOf(AtsDatabase db) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String table : CORE_TABLES) {
            columns.put(table, db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    + "AND table_name = ? ORDER BY ordinal_position", table).stream().map(String::valueOf).toList());
        }
        return columns;
    }

    /** Each table's rows as JSON text, limited to the given columns, in a stable order. */
    private static Map<String, List<String>> snapshot(AtsDatabase db, Map<String, List<String>> columns)
            throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : columns.keySet()) {
            rows.put(table, db.column("SELECT (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(t)) "
                    + "WHERE key = ANY (?::text[]))::text AS row FROM " + table + " t ORDER BY 1",
                    "{" + String.join(",", columns.get(table)) + "}").stream().map(String::valueOf).toList());
        }
        return rows;
    }
}
