package com.hotgigs.schema;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every object the database guide names exists in a database the engine migrated. */
class SchemaCatalogTest {

    static final List<String> CORE_TABLES = List.of("users", "companies", "candidates", "jobs", "applications",
            "skills", "candidate_skills", "job_skills");

    static final List<String> NEW_TABLES = List.of("candidate_domain_expertise", "candidate_resumes",
            "candidate_performance_metrics", "candidate_ai_insights", "application_feedback_analysis",
            "candidate_submissions", "hot_list_candidates", "interviews", "bulk_import_jobs", "job_templates",
            "skill_market_demand", "candidate_documents", "notifications", "system_settings", "audit_log");

    static final List<String> AUDITED_TABLES = List.of("candidates", "jobs", "applications",
            "candidate_submissions", "interviews", "hot_list_candidates");

    /** The column groups each feature of the guide needs. */
    static final Map<String, List<String>> COLUMN_GROUPS = Map.ofEntries(
            Map.entry("candidates", List.of(
                    "profile_image_url", "linkedin_url", "github_url", "portfolio_url", "social_links",
                    "expected_salary_min", "expected_salary_max", "salary_currency", "salary_period",
                    "availability_status", "available_from", "notice_period_days",
                    "source", "source_details", "referred_by", "tags", "bulk_import_job_id",
                    "profile_completeness", "rating", "last_activity_at", "metadata")),
            Map.entry("jobs", List.of(
                    "is_ai_generated", "ai_generation_prompt", "ai_model", "ai_generated_at",
                    "view_count", "application_count",
                    "department", "experience_level", "min_years_experience", "max_years_experience", "work_mode",
                    "responsibilities", "benefits", "openings", "priority", "visa_sponsorship",
                    "template_id", "bulk_import_job_id", "external_reference")),
            Map.entry("applications", List.of(
                    "current_stage", "stage_updated_at", "stage_history",
                    "recruiter_feedback", "hiring_manager_feedback", "interview_notes", "rejection_reason",
                    "match_score", "skill_match_score", "ai_recommendation", "ai_recommendation_reason",
                    "ai_analysis", "submitted_at", "submitted_by", "submission_notes")),
            Map.entry("candidate_domain_expertise", List.of("candidate_id", "domain", "expertise_level",
                    "years_experience", "confidence_score", "source", "evidence")),
            Map.entry("candidate_resumes", List.of("candidate_id", "file_name", "file_url", "mime_type",
                    "file_size_bytes", "is_primary", "parsing_status", "parsed_text", "parsed_data", "parsing_error",
                    "parsed_at", "one_page_summary", "summary_generated_at")),
            Map.entry("candidate_performance_metrics", List.of("candidate_id", "total_applications",
                    "total_submissions", "total_interviews", "total_offers", "total_placements", "interview_rate",
                    "offer_rate", "placement_rate", "avg_match_score", "calculated_at")),
            Map.entry("candidate_ai_insights", List.of("candidate_id", "insight_type", "content", "score",
                    "confidence_score", "insight_data", "ai_model", "is_active", "generated_at")),
            Map.entry("application_feedback_analysis", List.of("application_id", "interview_id", "feedback_source",
                    "feedback_text", "sentiment", "sentiment_score", "key_strengths", "key_concerns", "ai_summary",
                    "analyzed_at")),
            Map.entry("candidate_submissions", List.of("candidate_id", "job_id", "application_id", "submitted_by",
                    "status", "submitted_at", "bill_rate", "pay_rate", "client_feedback")),
            Map.entry("hot_list_candidates", List.of("candidate_id", "status", "priority", "bench_since",
                    "performance_rating", "technical_rating", "communication_rating", "hourly_rate", "removed_at")),
            Map.entry("interviews", List.of("application_id", "interview_type", "round", "status",
                    "scheduled_start", "scheduled_end", "timezone", "meeting_url", "interviewer_id", "feedback",
                    "rating", "recommendation", "completed_at")),
            Map.entry("bulk_import_jobs", List.of("import_type", "file_name", "status", "total_records",
                    "processed_records", "successful_records", "failed_records", "progress_percent", "error_log",
                    "started_at", "completed_at", "created_by")),
            Map.entry("job_templates", List.of("company_id", "name", "title", "description_template",
                    "required_skills", "is_active", "usage_count")),
            Map.entry("skill_market_demand", List.of("skill_id", "region", "analysis_date", "demand_score",
                    "job_postings_count", "avg_salary", "growth_rate_percent", "trend")),
            Map.entry("candidate_documents", List.of("candidate_id", "document_type", "file_url",
                    "verification_status", "verified_by", "verified_at", "expires_on")),
            Map.entry("notifications", List.of("user_id", "notification_type", "title", "message", "data",
                    "is_read", "read_at")),
            Map.entry("system_settings", List.of("setting_key", "setting_value", "value_type", "category",
                    "description")),
            Map.entry("audit_log", List.of("table_name", "record_id", "action", "old_values", "new_values",
                    "changed_fields", "db_user", "app_user_id", "changed_at")));

    static final List<String> COMPOSITE_INDEXES = List.of("idx_applications_job_status",
            "idx_applications_candidate_applied", "idx_jobs_company_status", "idx_jobs_recruiter_status",
            "idx_candidates_owner_status", "idx_candidate_submissions_job_status",
            "idx_candidate_submissions_candidate_job", "idx_interviews_interviewer_schedule",
            "idx_notifications_user_created", "idx_audit_log_record", "idx_candidate_documents_candidate_type");

    static final List<String> PARTIAL_INDEXES = List.of("idx_jobs_open_posted", "idx_candidates_active_availability",
            "idx_applications_job_stage_active", "idx_hot_list_candidates_active", "idx_notifications_unread",
            "idx_candidate_ai_insights_active", "idx_interviews_upcoming", "idx_job_templates_active",
            "idx_users_active_role", "idx_candidate_documents_pending", "idx_bulk_import_jobs_running");

    static final List<String> STATUS_AND_DATE_INDEXES = List.of("idx_applications_status", "idx_jobs_status",
            "idx_candidates_status", "idx_interviews_status", "idx_hot_list_candidates_status",
            "idx_bulk_import_jobs_status", "idx_applications_applied_at", "idx_jobs_posted_at",
            "idx_candidates_created_at", "idx_interviews_scheduled_start", "idx_candidate_submissions_submitted_at",
            "idx_audit_log_changed_at");

    private static AtsDatabase db;

    @BeforeAll
    static void migrate() {
        db = AtsDatabase.migrated();
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void allTwentyThreeTablesExist() throws SQLException {
        List<Object> tables = db.column("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        for (String table : concat(CORE_TABLES, NEW_TABLES)) {
            assertTrue(tables.contains(table), "table " + table + " is missing; found " + new TreeSet<>(tables.stream().map(String::valueOf).toList()));
        }
    }

    @Test
    void everyTableHasAPrimaryKeyAndAComment() throws SQLException {
        List<Object> withoutPrimaryKey = db.column("SELECT c.relname FROM pg_class c "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' "
                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')");
        assertEquals(List.of(), withoutPrimaryKey, "tables without a primary key");
        List<Object> withoutComment = db.column("SELECT c.relname FROM pg_class c "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v') "
                + "AND c.relname <> 'schema_migrations' AND obj_description(c.oid, 'pg_class') IS NULL");
        assertEquals(List.of(), withoutComment, "tables and views without COMMENT ON");
    }

    @Test
    void everyFeatureHasItsColumns() throws SQLException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> group : COLUMN_GROUPS.entrySet()) {
            List<Object> columns = columnsOf(group.getKey());
            for (String column : group.getValue()) {
                if (!columns.contains(column)) {
                    missing.add(group.getKey() + "." + column);
                }
            }
        }
        assertEquals(List.of(), missing, "columns missing");
    }

    @Test
    void columnTypesFollowTheConventions() throws SQLException {
        List<Object> nonIdentityIds = db.column("SELECT table_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND column_name = 'id' "
                + "AND (data_type <> 'bigint' OR is_identity <> 'YES') "
                + "AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')");
        assertEquals(List.of(), nonIdentityIds, "id columns that are not bigint identity");
        List<Object> badTypes = db.column("SELECT table_name || '.' || column_name || ' ' || data_type "
                + "FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND data_type IN ('timestamp without time zone', 'json', 'money', 'real', 'double precision', "
                + "'character varying')");
        assertEquals(List.of(), badTypes, "columns of types the schema avoids (timestamptz, jsonb, numeric, text instead)");
        List<Object> moneyColumns = db.column("SELECT table_name || '.' || column_name || ' ' || data_type "
                + "FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND (column_name LIKE '%salary%' OR column_name LIKE '%rate' AND column_name IN ('bill_rate', 'pay_rate', 'hourly_rate')) "
                + "AND column_name NOT LIKE '%currency' AND column_name <> 'salary_period' AND data_type <> 'numeric'");
        assertEquals(List.of(), moneyColumns, "money columns that are not numeric");
    }

    @Test
    void bothViewsExistWithWhatTheGuideLists() throws SQLException {
        List<Object> profile = columnsOf("candidate_full_profile");
        for (String column : List.of("candidate_id", "full_name", "email", "current_title", "skills",
                "total_applications", "total_placements", "interview_rate", "placement_rate", "avg_match_score",
                "ai_insight_count", "ai_profile_score", "ai_insights", "one_page_summary", "is_hot_listed",
                "hot_list_status", "bench_performance_rating")) {
            assertTrue(profile.contains(column), "candidate_full_profile lacks " + column);
        }
        List<Object> details = columnsOf("application_details");
        for (String column : List.of("application_id", "status", "current_stage", "candidate_name", "candidate_email",
                "job_title", "job_status", "company_name", "company_industry", "feedback_count",
                "avg_sentiment_score", "latest_sentiment", "submission_count", "latest_submission_status",
                "submitted_at", "submitted_by_name", "interview_count", "match_score")) {
            assertTrue(details.contains(column), "application_details lacks " + column);
        }
    }

    @Test
    void everyForeignKeyIsIndexed() throws SQLException {
        List<Object> unindexed = db.column("SELECT k.conrelid::regclass::text || '.' || k.conname FROM pg_constraint k "
                + "WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace "
                + "AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = k.conrelid AND i.indpred IS NULL "
                + "  AND (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey "
                + "  AND (i.indkey::int2[])[0:cardinality(k.conkey) - 1] <@ k.conkey)");
        assertEquals(List.of(), unindexed, "foreign keys without an index leading with their columns");
        Object foreignKeys = db.value("SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
                + "AND connamespace = 'public'::regnamespace");
        assertTrue(((Number) foreignKeys).intValue() >= 40, "expected the schema's foreign keys, found " + foreignKeys);
    }

    @Test
    void compositePartialStatusAndDateIndexesExist() throws SQLException {
        for (String index : COMPOSITE_INDEXES) {
            Object keyColumns = db.value("SELECT i.indnkeyatts FROM pg_index i WHERE i.indexrelid = to_regclass(?)", index);
            assertTrue(keyColumns != null && ((Number) keyColumns).intValue() >= 2,
                    "composite index " + index + " missing or single-column");
        }
        for (String index : PARTIAL_INDEXES) {
            Object predicate = db.value("SELECT pg_get_expr(i.indpred, i.indrelid) FROM pg_index i "
                    + "WHERE i.indexrelid = to_regclass(?)", index);
            assertTrue(predicate != null, "partial index " + index + " missing or without WHERE");
        }
        for (String index : STATUS_AND_DATE_INDEXES) {
            assertTrue(db.value("SELECT to_regclass(?)", index) != null, "index " + index + " missing");
        }
    }

    @Test
    void everyTableWithUpdatedAtHasItsTimestampTrigger() throws SQLException {
        List<Object> withoutTrigger = db.column("SELECT c.table_name FROM information_schema.columns c "
                + "JOIN information_schema.tables t USING (table_schema, table_name) "
                + "WHERE c.table_schema = 'public' AND c.column_name = 'updated_at' AND t.table_type = 'BASE TABLE' "
                + "AND NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid "
                + "  WHERE g.tgrelid = to_regclass(c.table_name) AND p.proname = 'set_updated_at' "
                + "  AND (g.tgtype & 2) <> 0 AND (g.tgtype & 16) <> 0 AND (g.tgtype & 1) <> 0)");
        assertEquals(List.of(), withoutTrigger, "tables whose updated_at no BEFORE UPDATE trigger maintains");
        Object tables = db.value("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND column_name = 'updated_at' AND table_name NOT IN ('candidate_full_profile', 'application_details')");
        assertEquals(22L, ((Number) tables).longValue(), "tables with updated_at (every table but audit_log)");
    }

    @Test
    void auditedTablesLogInsertUpdateAndDelete() throws SQLException {
        for (String table : AUDITED_TABLES) {
            Object trigger = db.value("SELECT g.tgname FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid "
                    + "WHERE g.tgrelid = to_regclass(?) AND p.proname = 'audit_row_change' "
                    + "AND (g.tgtype & 1) <> 0 AND (g.tgtype & 2) = 0 AND (g.tgtype & 28) = 28", table);
            assertTrue(trigger != null, "no AFTER INSERT OR UPDATE OR DELETE audit trigger on " + table);
        }
    }

    @Test
    void consistencyAndNotificationTriggersExist() throws SQLException {
        for (String trigger : List.of("trg_applications_check_consistency", "trg_jobs_check_consistency",
                "trg_candidate_submissions_check_consistency", "trg_interviews_check_consistency",
                "trg_application_feedback_analysis_check_consistency", "trg_applications_job_counter",
                "trg_notifications_notify")) {
            assertEquals(1L, ((Number) db.value("SELECT count(*) FROM pg_trigger WHERE tgname = ? AND NOT tgisinternal",
                    trigger)).longValue(), "trigger " + trigger);
        }
        Object source = db.value("SELECT prosrc FROM pg_proc WHERE proname = 'notify_new_notification'");
        assertTrue(String.valueOf(source).contains("'hotgigs_notifications'"), "notifications signal on hotgigs_notifications");
    }

    @Test
    void sampleDataIsThere() throws SQLException {
        List<Object> skills = db.column("SELECT s.name FROM skill_market_demand d JOIN skills s ON s.id = d.skill_id "
                + "WHERE d.demand_score > 0 AND d.avg_salary > 0 AND d.job_postings_count > 0 ORDER BY s.name");
        assertTrue(skills.size() >= 10, "market data for at least 10 skills: " + skills);
        assertTrue(skills.containsAll(List.of("Python", "JavaScript", "Java", "SQL", "Go")), "popular skills: " + skills);
        Object settings = db.value("SELECT count(*) FROM system_settings WHERE category <> 'performance_baseline'");
        assertTrue(((Number) settings).intValue() >= 5, "default settings: " + settings);
        assertEquals(Boolean.TRUE, db.value("SELECT setting_value::text::boolean FROM system_settings "
                + "WHERE setting_key = 'ai.resume_parsing_enabled'"));
        List<Map<String, Object>> baselines = db.rows("SELECT setting_key, (setting_value ->> 'value')::numeric AS value "
                + "FROM system_settings WHERE category = 'performance_baseline'");
        assertTrue(baselines.size() >= 5, "performance baselines: " + baselines);
        baselines.forEach(row -> assertTrue(row.get("value") != null, "baseline without a value: " + row));
    }

    @Test
    void theGuidesMonitoringQueriesReturnRows() throws SQLException {
        List<Map<String, Object>> sizes = db.rows("""
                SELECT
                    schemaname,
                    tablename,
                    pg_size_pretty(pg_total_relation_size(schemaname||'.'||tablename)) as size
                FROM pg_tables
                WHERE schemaname = 'public'
                ORDER BY pg_total_relation_size(schemaname||'.'||tablename) DESC
                """);
        assertTrue(sizes.size() >= 23, "table sizes for every table: " + sizes.size());
        assertTrue(sizes.stream().allMatch(row -> row.get("size") != null));
        List<Map<String, Object>> usage = db.rows("""
                SELECT
                    indexrelname,
                    idx_tup_read,
                    idx_tup_fetch,
                    idx_scan
                FROM pg_stat_user_indexes
                ORDER BY idx_scan DESC
                """);
        assertTrue(usage.stream().anyMatch(row -> "idx_jobs_open_posted".equals(row.get("indexrelname"))),
                "index usage lists the schema's indexes");
    }

    @Test
    void viewsAreQueryableOnAnEmptyDatabase() throws SQLException {
        assertFalse(db.rows("SELECT * FROM candidate_full_profile").iterator().hasNext());
        assertFalse(db.rows("SELECT * FROM application_details").iterator().hasNext());
    }

    private static List<Object> columnsOf(String table) throws SQLException {
        return db.column("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position", table);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
