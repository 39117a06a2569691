package com.hotgigs.schema;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The triggers, constraints, views and indexes of the migrated schema at work on real rows. */
class SchemaBehaviourTest {

    private AtsDatabase db;
    private AtsFixture fixture;

    @BeforeEach
    void migrate() {
        db = AtsDatabase.migrated();
        fixture = new AtsFixture(db);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void updatedAtMovesWhenARowReallyChanges() throws Exception {
        long candidate = fixture.candidate("Ada", "Lovelace");
        OffsetDateTime created = updatedAt("candidates", candidate);
        Thread.sleep(5);
        db.execute("UPDATE candidates SET phone = '+1 555 0100' WHERE id = " + candidate);
        OffsetDateTime changed = updatedAt("candidates", candidate);
        assertTrue(changed.isAfter(created), "updated_at moved from " + created + " to " + changed);

        Thread.sleep(5);
        db.execute("UPDATE candidates SET phone = '+1 555 0100' WHERE id = " + candidate);
        assertEquals(changed, updatedAt("candidates", candidate), "an update that changes nothing keeps updated_at");

        long recruiter = fixture.user("recruiter");
        long entry = db.insert("INSERT INTO hot_list_candidates (candidate_id, added_by) VALUES (?, ?) RETURNING id",
                candidate, recruiter);
        OffsetDateTime listed = updatedAt("hot_list_candidates", entry);
        Thread.sleep(5);
        db.execute("UPDATE hot_list_candidates SET performance_rating = 4.5 WHERE id = " + entry);
        assertTrue(updatedAt("hot_list_candidates", entry).isAfter(listed), "a 2.0 table keeps updated_at too");
    }

    @Test
    void jobCountersDoNotMoveUpdatedAt() throws Exception {
        long job = fixture.job(fixture.company("Acme"), "open", fixture.user("recruiter"));
        OffsetDateTime before = updatedAt("jobs", job);
        Thread.sleep(5);
        fixture.application(fixture.candidate("Alan", "Turing"), job);
        db.execute("UPDATE jobs SET view_count = view_count + 1 WHERE id = " + job);
        assertEquals(before, updatedAt("jobs", job));
        assertEquals(1, ((Number) db.value("SELECT application_count FROM jobs WHERE id = ?", job)).intValue());
    }

    @Test
    void auditLogRecordsOldAndNewRowsWhoAndWhenOnEveryAuditedTable() throws Exception {
        long recruiter = fixture.user("recruiter");
        long interviewer = fixture.user("hiring_manager");
        long company = fixture.company("Initech");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET hotgigs.user_id = '" + recruiter + "'");
            long candidate = insert(c, "INSERT INTO candidates (first_name, last_name, email) "
                    + "VALUES ('Grace', 'Hopper', 'grace@example.test') RETURNING id");
            long job = insert(c, "INSERT INTO jobs (company_id, title, status, recruiter_id) "
                    + "VALUES (" + company + ", 'Compiler Engineer', 'open', " + recruiter + ") RETURNING id");
            long application = insert(c, "INSERT INTO applications (candidate_id, job_id) VALUES ("
                    + candidate + ", " + job + ") RETURNING id");
            long submission = insert(c, "INSERT INTO candidate_submissions (candidate_id, job_id, application_id, submitted_by) "
                    + "VALUES (" + candidate + ", " + job + ", " + application + ", " + recruiter + ") RETURNING id");
            long interview = insert(c, "INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end, interviewer_id) "
                    + "VALUES (" + application + ", 'technical', now() + interval '1 day', now() + interval '25 hours', "
                    + interviewer + ") RETURNING id");
            long hotList = insert(c, "INSERT INTO hot_list_candidates (candidate_id, added_by) VALUES ("
                    + candidate + ", " + recruiter + ") RETURNING id");

            s.execute("UPDATE candidates SET phone = '+1 555 0199' WHERE id = " + candidate);
            s.execute("UPDATE jobs SET title = 'Senior Compiler Engineer' WHERE id = " + job);
            s.execute("UPDATE applications SET match_score = 91.5 WHERE id = " + application);
            s.execute("UPDATE candidate_submissions SET status = 'shortlisted' WHERE id = " + submission);
            s.execute("UPDATE interviews SET meeting_url = 'https://meet.example.test/x' WHERE id = " + interview);
            s.execute("UPDATE hot_list_candidates SET priority = 'high' WHERE id = " + hotList);

            s.execute("DELETE FROM interviews WHERE id = " + interview);
            s.execute("DELETE FROM candidate_submissions WHERE id = " + submission);
            s.execute("DELETE FROM hot_list_candidates WHERE id = " + hotList);
            s.execute("DELETE FROM applications WHERE id = " + application);
            s.execute("DELETE FROM jobs WHERE id = " + job);
            s.execute("DELETE FROM candidates WHERE id = " + candidate);

            Map<String, Long> ids = Map.of("candidates", candidate, "jobs", job, "applications", application,
                    "candidate_submissions", submission, "interviews", interview, "hot_list_candidates", hotList);
            for (Map.Entry<String, Long> audited : ids.entrySet()) {
                List<Map<String, Object>> trail = AtsDatabase.rows(c, "SELECT action, old_values::text AS old_values, "
                        + "new_values::text AS new_values, db_user, app_user_id, changed_at, changed_fields::text AS changed_fields "
                        + "FROM audit_log WHERE table_name = ? AND record_id = ? ORDER BY id",
                        audited.getKey(), audited.getValue());
                String table = audited.getKey();
                assertTrue(trail.size() >= 3, table + " audit trail: " + trail);
                assertEquals("INSERT", trail.get(0).get("action"), table);
                assertNull(trail.get(0).get("old_values"), table);
                assertNotNull(trail.get(0).get("new_values"), table);
                Map<String, Object> last = trail.get(trail.size() - 1);
                assertEquals("DELETE", last.get("action"), table);
                assertNotNull(last.get("old_values"), table);
                assertNull(last.get("new_values"), table);
                assertTrue(trail.stream().anyMatch(row -> "UPDATE".equals(row.get("action"))
                        && row.get("old_values") != null && row.get("new_values") != null), table + " update row");
                for (Map<String, Object> row : trail) {
                    assertNotNull(row.get("db_user"), table + " db user");
                    assertEquals(recruiter, ((Number) row.get("app_user_id")).longValue(), table + " app user");
                    assertNotNull(row.get("changed_at"), table);
                }
            }
            Map<String, Object> phoneChange = AtsDatabase.rows(c, "SELECT old_values ->> 'phone' AS old_phone, "
                    + "new_values ->> 'phone' AS new_phone, changed_fields::text AS fields, db_user = session_user AS same_user "
                    + "FROM audit_log WHERE table_name = 'candidates' AND record_id = ? AND action = 'UPDATE'", candidate).get(0);
            assertNull(phoneChange.get("old_phone"));
            assertEquals("+1 555 0199", phoneChange.get("new_phone"));
            assertEquals("{phone,updated_at}", phoneChange.get("fields"));
            assertEquals(Boolean.TRUE, phoneChange.get("same_user"), "db_user is the session user");
        }
    }

    @Test
    void auditWithoutApplicationUserRecordsOnlyTheSessionUserAndSecretsAreMasked() throws Exception {
        long recruiter = fixture.user("recruiter");
        db.execute("UPDATE users SET password_hash = 'secret-hash' WHERE id = " + recruiter);
        Map<String, Object> row = db.row("SELECT app_user_id, db_user = session_user AS same_user, "
                + "new_values ->> 'password_hash' AS hash, changed_fields::text AS fields "
                + "FROM audit_log WHERE table_name = 'users' AND record_id = ? AND action = 'UPDATE'", recruiter);
        assertNull(row.get("app_user_id"));
        assertEquals(Boolean.TRUE, row.get("same_user"));
        assertEquals("*****", row.get("hash"), "the audit trail never holds the password hash");
        assertEquals("{password_hash,updated_at}", row.get("fields"));
    }

    @Test
    void aNonNumericApplicationUserIsRefused() throws Exception {
        long candidate = fixture.candidate("Edsger", "Dijkstra");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET hotgigs.user_id = 'alice'");
            SQLException e = assertThrows(SQLException.class,
                    () -> s.execute("UPDATE candidates SET phone = '1' WHERE id = " + candidate));
            assertTrue(e.getMessage().contains("hotgigs.user_id must be the numeric id of a user, not 'alice'"), e.getMessage());
        }
    }

    @Test
    void consistencyTriggersRejectBadDataWithClearMessages() throws Exception {
        long recruiter = fixture.user("recruiter");
        long manager = fixture.user("hiring_manager");
        long company = fixture.company("Globex");
        long closedJob = fixture.job(company, "closed", recruiter);
        long openJob = fixture.job(company, "open", recruiter);
        long ada = fixture.candidate("Ada", "Byron");
        long bob = fixture.candidate("Bob", "Kahn");

        assertRejected("job " + closedJob + " is closed, not open: it accepts no new applications (candidate " + ada + ")",
                "INSERT INTO applications (candidate_id, job_id) VALUES (" + ada + ", " + closedJob + ")");

        assertRejected("user " + manager + " is a hiring_manager, but the recruiter of a job must be one of: recruiter, admin",
                "INSERT INTO jobs (company_id, title, recruiter_id) VALUES (" + company + ", 'X', " + manager + ")");

        long adaApplication = fixture.application(ada, openJob);
        assertRejected("application " + adaApplication + " is for candidate " + ada + " and job " + openJob
                        + ", but the submission names candidate " + bob + " and job " + openJob,
                "INSERT INTO candidate_submissions (candidate_id, job_id, application_id, submitted_by) VALUES ("
                        + bob + ", " + openJob + ", " + adaApplication + ", " + recruiter + ")");

        long first = db.insert("INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end, interviewer_id) "
                + "VALUES (?, 'video', '2030-01-10 10:00+00', '2030-01-10 11:00+00', ?) RETURNING id", adaApplication, manager);
        long bobApplication = fixture.application(bob, openJob);
        assertRejected("interviewer " + manager + " is already booked for interview " + first,
                "INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end, interviewer_id) "
                        + "VALUES (" + bobApplication + ", 'video', '2030-01-10 10:30+00', '2030-01-10 11:30+00', " + manager + ")");

        db.execute("UPDATE applications SET status = 'rejected' WHERE id = " + bobApplication);
        assertRejected("application " + bobApplication + " is rejected: no interview can be scheduled for it",
                "INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end) "
                        + "VALUES (" + bobApplication + ", 'video', '2030-01-11 10:00+00', '2030-01-11 11:00+00')");

        long otherInterview = db.insert("INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end) "
                + "VALUES (?, 'phone_screen', '2030-01-12 10:00+00', '2030-01-12 10:30+00') RETURNING id", adaApplication);
        long carl = fixture.candidate("Carl", "Gauss");
        long carlApplication = fixture.application(carl, openJob);
        assertRejected("interview " + otherInterview + " belongs to application " + adaApplication
                        + ", not to application " + carlApplication,
                "INSERT INTO application_feedback_analysis (application_id, interview_id, feedback_source, feedback_text) "
                        + "VALUES (" + carlApplication + ", " + otherInterview + ", 'interviewer', 'Solid')");
    }

    @Test
    void constraintsRejectOutOfRangeValues() throws Exception {
        long recruiter = fixture.user("recruiter");
        long company = fixture.company("Umbrella");
        long job = fixture.job(company, "open", recruiter);
        long candidate = fixture.candidate("Kurt", "Goedel");
        long application = fixture.application(candidate, job);
        Map<String, String> violations = Map.ofEntries(
                Map.entry("applications_match_score_check",
                        "UPDATE applications SET match_score = 100.5 WHERE id = " + application),
                Map.entry("candidate_skills_proficiency_level_check",
                        "INSERT INTO candidate_skills (candidate_id, skill_id, proficiency_level) "
                                + "SELECT " + candidate + ", id, 6 FROM skills WHERE name = 'Python'"),
                Map.entry("jobs_salary_range_check",
                        "UPDATE jobs SET salary_min = 120000, salary_max = 90000 WHERE id = " + job),
                Map.entry("application_feedback_analysis_sentiment_score_check",
                        "INSERT INTO application_feedback_analysis (application_id, feedback_source, feedback_text, sentiment_score) "
                                + "VALUES (" + application + ", 'recruiter', 'Great', 1.5)"),
                Map.entry("interviews_schedule_check",
                        "INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end) "
                                + "VALUES (" + application + ", 'video', '2030-01-10 11:00+00', '2030-01-10 10:00+00')"),
                Map.entry("hot_list_candidates_performance_rating_check",
                        "INSERT INTO hot_list_candidates (candidate_id, performance_rating) VALUES (" + candidate + ", 5.5)"),
                Map.entry("bulk_import_jobs_counts_check",
                        "INSERT INTO bulk_import_jobs (import_type, file_name, created_by, total_records, processed_records) "
                                + "VALUES ('candidates', 'c.csv', " + recruiter + ", 10, 11)"),
                Map.entry("skill_market_demand_demand_score_check",
                        "UPDATE skill_market_demand SET demand_score = 120"),
                Map.entry("system_settings_value_matches_type_check",
                        "INSERT INTO system_settings (setting_key, setting_value, value_type) VALUES ('x.y', '\"on\"', 'boolean')"),
                Map.entry("candidates_status_check", "UPDATE candidates SET status = 'sleeping' WHERE id = " + candidate),
                Map.entry("users_role_check", "UPDATE users SET role = 'overlord' WHERE id = " + recruiter));
        for (Map.Entry<String, String> violation : violations.entrySet()) {
            SQLException e = assertThrows(SQLException.class, () -> db.execute(violation.getValue()), violation.getKey());
            assertEquals("23514", e.getSQLState(), violation.getKey() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(violation.getKey()), e.getMessage());
        }
        SQLException duplicate = assertThrows(SQLException.class, () -> db.execute(
                "INSERT INTO hot_list_candidates (candidate_id) VALUES (" + candidate + ")",
                "INSERT INTO hot_list_candidates (candidate_id) VALUES (" + candidate + ")"));
        assertTrue(duplicate.getMessage().contains("idx_hot_list_candidates_one_active"), duplicate.getMessage());
    }

    @Test
    void newNotificationsReachListeners() throws Exception {
        long recruiter = fixture.user("recruiter");
        long manager = fixture.user("hiring_manager");
        try (Connection listener = db.connect(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN hotgigs_notifications");
            long notification = db.insert("INSERT INTO notifications (user_id, notification_type, title) "
                    + "VALUES (?, 'system', 'Welcome') RETURNING id", recruiter);

            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertEquals(1, received == null ? 0 : received.length, "notifications received within 10 s");
            assertEquals("hotgigs_notifications", received[0].getName());
            assertEquals(notification, jsonNumber(received[0].getParameter(), "id"));
            assertEquals(recruiter, jsonNumber(received[0].getParameter(), "user_id"));

            // Scheduling an interview notifies the interviewer through the same channel.
            long job = fixture.job(fixture.company("Hooli"), "open", recruiter);
            long application = fixture.application(fixture.candidate("Linus", "Pauling"), job);
            db.execute("INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end, interviewer_id) "
                    + "VALUES (" + application + ", 'onsite', '2030-02-01 09:00+00', '2030-02-01 12:00+00', " + manager + ")");
            received = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertEquals(1, received == null ? 0 : received.length, "notification for the scheduled interview");
            assertEquals(manager, jsonNumber(received[0].getParameter(), "user_id"));
        }
    }

    @Test
    void viewsReturnTheJoinedData() throws Exception {
        long recruiter = fixture.user("recruiter");
        long interviewer = fixture.user("hiring_manager");
        long company = fixture.company("Wayne Enterprises");
        long job = fixture.job(company, "open", recruiter);
        long candidate = fixture.candidate("Barbara", "Liskov");
        long python = ((Number) db.value("SELECT id FROM skills WHERE name = 'Python'")).longValue();
        db.execute("INSERT INTO candidate_skills (candidate_id, skill_id, proficiency_level, years_experience) VALUES ("
                + candidate + ", " + python + ", 5, 8)");
        long application = db.insert("INSERT INTO applications (candidate_id, job_id, match_score) VALUES (?, ?, 87.5) RETURNING id",
                candidate, job);
        db.execute("INSERT INTO candidate_submissions (candidate_id, job_id, application_id, submitted_by, bill_rate, pay_rate) "
                        + "VALUES (" + candidate + ", " + job + ", " + application + ", " + recruiter + ", 120, 90)",
                "INSERT INTO interviews (application_id, interview_type, scheduled_start, scheduled_end, interviewer_id) "
                        + "VALUES (" + application + ", 'technical', now() + interval '2 days', now() + interval '49 hours', " + interviewer + ")",
                "INSERT INTO application_feedback_analysis (application_id, feedback_source, feedback_text, sentiment, sentiment_score, "
                        + "key_concerns, ai_summary) VALUES (" + application + ", 'hiring_manager', 'Excellent depth', 'very_positive', 0.9, "
                        + "'{availability}', 'Strong hire signal')",
                "INSERT INTO candidate_ai_insights (candidate_id, insight_type, title, content, score, confidence_score) VALUES ("
                        + candidate + ", 'profile_assessment', 'Overall', 'Senior backend profile', 84, 0.92)",
                "INSERT INTO candidate_resumes (candidate_id, file_name, file_url, mime_type, file_size_bytes, is_primary, "
                        + "parsing_status, parsed_data, parsed_at, one_page_summary, summary_generated_at) VALUES ("
                        + candidate + ", 'cv.pdf', 's3://resumes/cv.pdf', 'application/pdf', 2048, true, 'completed', "
                        + "'{\"skills\": [\"Python\"]}', now(), 'Fifteen years of systems work.', now())",
                "INSERT INTO hot_list_candidates (candidate_id, added_by, performance_rating, hourly_rate) VALUES ("
                        + candidate + ", " + recruiter + ", 4.8, 95)");

        Map<String, Object> profile = db.row("SELECT full_name, skills::text AS skills, total_applications, total_submissions, "
                + "total_interviews, avg_match_score, ai_insight_count, ai_profile_score, one_page_summary, "
                + "resume_parsing_status, is_hot_listed, hot_list_status, bench_performance_rating "
                + "FROM candidate_full_profile WHERE candidate_id = ?", candidate);
        assertEquals("Barbara Liskov", profile.get("full_name"));
        assertTrue(String.valueOf(profile.get("skills")).contains("\"name\": \"Python\""), String.valueOf(profile.get("skills")));
        assertEquals(1, ((Number) profile.get("total_applications")).intValue());
        assertEquals(1, ((Number) profile.get("total_submissions")).intValue());
        assertEquals(1, ((Number) profile.get("total_interviews")).intValue());
        assertEquals(0, new BigDecimal("87.50").compareTo((BigDecimal) profile.get("avg_match_score")));
        assertEquals(1L, ((Number) profile.get("ai_insight_count")).longValue());
        assertEquals(0, new BigDecimal("84").compareTo((BigDecimal) profile.get("ai_profile_score")));
        assertEquals("Fifteen years of systems work.", profile.get("one_page_summary"));
        assertEquals("completed", profile.get("resume_parsing_status"));
        assertEquals(Boolean.TRUE, profile.get("is_hot_listed"));
        assertEquals("active", profile.get("hot_list_status"));
        assertEquals(0, new BigDecimal("4.8").compareTo((BigDecimal) profile.get("bench_performance_rating")));

        Map<String, Object> details = db.row("SELECT candidate_name, job_title, company_name, recruiter_name, status, "
                + "current_stage, feedback_count, latest_sentiment, latest_feedback_summary, avg_sentiment_score, "
                + "feedback_key_concerns::text AS concerns, submission_count, latest_submission_status, submitted_by_name, "
                + "bill_rate, interview_count, next_interview_at "
                + "FROM application_details WHERE application_id = ?", application);
        assertEquals("Barbara Liskov", details.get("candidate_name"));
        assertEquals("Wayne Enterprises", details.get("company_name"));
        assertTrue(String.valueOf(details.get("job_title")).startsWith("Engineer"));
        assertNotNull(details.get("recruiter_name"));
        assertEquals("submitted", details.get("status"), "the submission moved the application to submitted");
        assertEquals("submitted", details.get("current_stage"));
        assertEquals(1L, ((Number) details.get("feedback_count")).longValue());
        assertEquals("very_positive", details.get("latest_sentiment"));
        assertEquals("Strong hire signal", details.get("latest_feedback_summary"));
        assertEquals("{availability}", details.get("concerns"));
        assertEquals(1L, ((Number) details.get("submission_count")).longValue());
        assertEquals("submitted", details.get("latest_submission_status"));
        assertEquals(details.get("recruiter_name"), details.get("submitted_by_name"));
        assertEquals(0, new BigDecimal("120").compareTo((BigDecimal) details.get("bill_rate")));
        assertEquals(1L, ((Number) details.get("interview_count")).longValue());
        assertNotNull(details.get("next_interview_at"));
    }

    @Test
    void derivedDataFollowsTheWorkflow() throws Exception {
        long recruiter = fixture.user("recruiter");
        long company = fixture.company("Stark Industries");
        long template = db.insert("INSERT INTO job_templates (company_id, name, title) VALUES (?, 'Backend', 'Backend Engineer') "
                + "RETURNING id", company);
        long job = db.insert("INSERT INTO jobs (company_id, title, status, recruiter_id, template_id) "
                + "VALUES (?, 'Backend Engineer', 'open', ?, ?) RETURNING id", company, recruiter, template);
        assertEquals(1, ((Number) db.value("SELECT usage_count FROM job_templates WHERE id = ?", template)).intValue());
        assertNotNull(db.value("SELECT posted_at FROM jobs WHERE id = ?", job), "opening a job stamps posted_at");

        long candidate = fixture.candidate("Donald", "Knuth");
        long application = fixture.application(candidate, job);
        db.execute("UPDATE applications SET status = 'interviewing' WHERE id = " + application,
                "UPDATE applications SET current_stage = 'onsite_interview' WHERE id = " + application,
                "UPDATE applications SET status = 'hired' WHERE id = " + application);
        assertEquals(List.of("applied", "interviewing", "onsite_interview", "hired"),
                db.column("SELECT e ->> 'stage' FROM applications, jsonb_array_elements(stage_history) e WHERE id = ?",
                        application));
        Map<String, Object> metrics = db.row("SELECT total_applications, total_offers, total_placements, placement_rate "
                + "FROM candidate_performance_metrics WHERE candidate_id = ?", candidate);
        assertEquals(1, ((Number) metrics.get("total_placements")).intValue());
        assertEquals(0, new BigDecimal("100").compareTo((BigDecimal) metrics.get("placement_rate")));

        db.execute("DELETE FROM applications WHERE id = " + application);
        assertEquals(0, ((Number) db.value("SELECT application_count FROM jobs WHERE id = ?", job)).intValue());
        assertEquals(0, ((Number) db.value("SELECT total_applications FROM candidate_performance_metrics WHERE candidate_id = ?",
                candidate)).intValue());

        long first = db.insert("INSERT INTO candidate_resumes (candidate_id, file_name, file_url, mime_type, file_size_bytes, is_primary) "
                + "VALUES (?, 'a.pdf', 's3://a', 'application/pdf', 10, true) RETURNING id", candidate);
        long second = db.insert("INSERT INTO candidate_resumes (candidate_id, file_name, file_url, mime_type, file_size_bytes, is_primary, version) "
                + "VALUES (?, 'b.pdf', 's3://b', 'application/pdf', 10, true, 2) RETURNING id", candidate);
        assertEquals(List.of(second), db.column("SELECT id FROM candidate_resumes WHERE candidate_id = ? AND is_primary", candidate),
                "a new primary resume demotes resume " + first);

        long entry = db.insert("INSERT INTO hot_list_candidates (candidate_id) VALUES (?) RETURNING id", candidate);
        db.execute("UPDATE hot_list_candidates SET status = 'placed' WHERE id = " + entry);
        assertNotNull(db.value("SELECT removed_at FROM hot_list_candidates WHERE id = ?", entry));

        long importRun = db.insert("INSERT INTO bulk_import_jobs (import_type, file_name, created_by, total_records) "
                + "VALUES ('candidates', 'pool.csv', ?, 200) RETURNING id", recruiter);
        db.execute("UPDATE bulk_import_jobs SET status = 'processing', processed_records = 50, successful_records = 50 WHERE id = " + importRun);
        Map<String, Object> progress = db.row("SELECT progress_percent, started_at FROM bulk_import_jobs WHERE id = ?", importRun);
        assertEquals(0, new BigDecimal("25").compareTo((BigDecimal) progress.get("progress_percent")));
        assertNotNull(progress.get("started_at"));
        db.execute("UPDATE bulk_import_jobs SET status = 'completed', processed_records = 200, successful_records = 198, "
                + "failed_records = 2 WHERE id = " + importRun);
        assertEquals("198 of 200 records imported, 2 failed", db.value("SELECT message FROM notifications "
                + "WHERE user_id = ? AND notification_type = 'bulk_import_finished'", recruiter));

        long notification = db.insert("INSERT INTO notifications (user_id, notification_type, title) VALUES (?, 'system', 'Hi') "
                + "RETURNING id", recruiter);
        db.execute("UPDATE notifications SET is_read = true WHERE id = " + notification);
        assertNotNull(db.value("SELECT read_at FROM notifications WHERE id = ?", notification));
    }

    @Test
    void thePlannerUsesThePartialIndexForOpenJobs() throws Exception {
        long recruiter = fixture.user("recruiter");
        long company = fixture.company("Cyberdyne");
        db.execute("INSERT INTO jobs (company_id, title, status, recruiter_id, posted_at) "
                        + "SELECT " + company + ", 'Job ' || g, CASE WHEN g % 100 = 0 THEN 'open' ELSE 'closed' END, "
                        + recruiter + ", now() - g * interval '1 hour' FROM generate_series(1, 20000) AS g",
                "ANALYZE jobs");
        String plan = String.valueOf(db.value("EXPLAIN (FORMAT JSON) "
                + "SELECT id, title, posted_at FROM jobs WHERE status = 'open' ORDER BY posted_at DESC LIMIT 20"));
        assertTrue(plan.contains("\"Index Name\": \"idx_jobs_open_posted\""), plan);
        assertEquals(20, db.rows("SELECT id FROM jobs WHERE status = 'open' ORDER BY posted_at DESC LIMIT 20").size());
    }

    private void assertRejected(String expectedMessage, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> db.execute(sql), sql);
        assertEquals("23514", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedMessage), "expected <" + expectedMessage + "> in: " + e.getMessage());
    }

    private OffsetDateTime updatedAt(String table, long id) throws SQLException {
        try (Connection c = db.connect()) {
            var statement = c.prepareStatement("SELECT updated_at FROM " + table + " WHERE id = ?");
            statement.setLong(1, id);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private static long insert(Connection c, String sql) throws SQLException {
        return ((Number) AtsDatabase.rows(c, sql).get(0).values().iterator().next()).longValue();
    }

    private static long jsonNumber(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
