-- HotGigs ATS 2.0: the comprehensive ATS system.
--
-- Upgrades a 1.0 database in place, keeping all of its data: fifteen new tables
-- (resume parsing, AI insights, performance metrics, submissions, the hot list,
-- interviews, bulk imports, templates, market data, documents, notifications,
-- settings, audit log), new columns on candidates, jobs and applications, the
-- candidate_full_profile and application_details views, indexes, triggers
-- (timestamps, audit, consistency, notifications) and reference data.
-- Plain PostgreSQL 12+; the migration engine runs the file in one transaction.

-- ===========================================================================
-- 1. Tables that the enhanced core tables refer to
-- ===========================================================================

CREATE TABLE bulk_import_jobs (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_type         text        NOT NULL,
    file_name           text        NOT NULL,
    file_url            text,
    status              text        NOT NULL DEFAULT 'pending',
    total_records       integer     NOT NULL DEFAULT 0,
    processed_records   integer     NOT NULL DEFAULT 0,
    successful_records  integer     NOT NULL DEFAULT 0,
    failed_records      integer     NOT NULL DEFAULT 0,
    progress_percent    numeric(5,2) GENERATED ALWAYS AS (
                            CASE WHEN total_records > 0
                                 THEN round(100.0 * processed_records / total_records, 2)
                                 ELSE 0 END) STORED,
    options             jsonb       NOT NULL DEFAULT '{}',
    error_log           jsonb       NOT NULL DEFAULT '[]',
    created_by          bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    started_at          timestamptz,
    completed_at        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bulk_import_jobs_import_type_check
        CHECK (import_type IN ('candidates', 'jobs', 'applications', 'skills', 'resumes')),
    CONSTRAINT bulk_import_jobs_status_check
        CHECK (status IN ('pending', 'processing', 'completed', 'completed_with_errors',
                          'failed', 'cancelled')),
    CONSTRAINT bulk_import_jobs_counts_check
        CHECK (total_records >= 0 AND processed_records >= 0
               AND successful_records >= 0 AND failed_records >= 0
               AND processed_records <= total_records
               AND successful_records + failed_records <= processed_records),
    CONSTRAINT bulk_import_jobs_error_log_check CHECK (jsonb_typeof(error_log) = 'array'),
    CONSTRAINT bulk_import_jobs_completed_after_started_check CHECK (completed_at >= started_at)
);

COMMENT ON TABLE bulk_import_jobs IS
    'Bulk import runs (candidates, jobs, applications, skills, resumes): record counts, progress and errors.';
COMMENT ON COLUMN bulk_import_jobs.progress_percent IS 'processed_records as a percentage of total_records, computed.';
COMMENT ON COLUMN bulk_import_jobs.error_log IS 'JSON array of per-record errors, e.g. [{"row": 12, "error": "..."}].';

CREATE TABLE job_templates (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id              bigint REFERENCES companies (id) ON DELETE CASCADE,
    name                    text        NOT NULL,
    title                   text        NOT NULL,
    description_template    text,
    requirements_template   text,
    responsibilities        text,
    department              text,
    employment_type         text        NOT NULL DEFAULT 'full_time',
    experience_level        text,
    salary_min              numeric(12,2),
    salary_max              numeric(12,2),
    salary_currency         char(3)     NOT NULL DEFAULT 'USD',
    required_skills         text[]      NOT NULL DEFAULT '{}',
    preferred_skills        text[]      NOT NULL DEFAULT '{}',
    benefits                text[]      NOT NULL DEFAULT '{}',
    is_active               boolean     NOT NULL DEFAULT true,
    usage_count             integer     NOT NULL DEFAULT 0,
    created_by              bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT job_templates_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT job_templates_employment_type_check
        CHECK (employment_type IN ('full_time', 'part_time', 'contract', 'contract_to_hire',
                                   'temporary', 'internship')),
    CONSTRAINT job_templates_experience_level_check
        CHECK (experience_level IN ('entry', 'junior', 'mid', 'senior', 'lead', 'principal', 'executive')),
    CONSTRAINT job_templates_salary_min_check CHECK (salary_min >= 0),
    CONSTRAINT job_templates_salary_range_check CHECK (salary_max >= salary_min),
    CONSTRAINT job_templates_salary_currency_check CHECK (salary_currency ~ '^[A-Z]{3}$'),
    CONSTRAINT job_templates_usage_count_check CHECK (usage_count >= 0)
);

-- A template name is unique per company; company_id NULL marks a global template.
CREATE UNIQUE INDEX job_templates_company_name_key
    ON job_templates (coalesce(company_id, 0), lower(name));

COMMENT ON TABLE job_templates IS
    'Reusable job posting templates, per company or global (company_id NULL); usage_count counts jobs created from each.';

-- ===========================================================================
-- 2. Enhanced core tables
-- ===========================================================================

-- Candidates: profile image and social links, salary expectations and
-- availability, source tracking and tags, performance metadata.
ALTER TABLE candidates
    ADD COLUMN profile_image_url    text,
    ADD COLUMN linkedin_url         text,
    ADD COLUMN github_url           text,
    ADD COLUMN portfolio_url        text,
    ADD COLUMN social_links         jsonb       NOT NULL DEFAULT '{}',
    ADD COLUMN expected_salary_min  numeric(12,2),
    ADD COLUMN expected_salary_max  numeric(12,2),
    ADD COLUMN salary_currency      char(3)     NOT NULL DEFAULT 'USD',
    ADD COLUMN salary_period        text        NOT NULL DEFAULT 'year',
    ADD COLUMN availability_status  text        NOT NULL DEFAULT 'available',
    ADD COLUMN available_from       date,
    ADD COLUMN notice_period_days   integer,
    ADD COLUMN willing_to_relocate  boolean     NOT NULL DEFAULT false,
    ADD COLUMN preferred_work_mode  text,
    ADD COLUMN work_authorization   text,
    ADD COLUMN source               text,
    ADD COLUMN source_details       text,
    ADD COLUMN referred_by          text,
    ADD COLUMN tags                 text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN bulk_import_job_id   bigint REFERENCES bulk_import_jobs (id) ON DELETE SET NULL,
    ADD COLUMN profile_completeness smallint    NOT NULL DEFAULT 0,
    ADD COLUMN rating               numeric(3,2),
    ADD COLUMN last_activity_at     timestamptz,
    ADD COLUMN metadata             jsonb       NOT NULL DEFAULT '{}',
    ADD CONSTRAINT candidates_social_links_check CHECK (jsonb_typeof(social_links) = 'object'),
    ADD CONSTRAINT candidates_expected_salary_min_check CHECK (expected_salary_min >= 0),
    ADD CONSTRAINT candidates_expected_salary_range_check CHECK (expected_salary_max >= expected_salary_min),
    ADD CONSTRAINT candidates_salary_currency_check CHECK (salary_currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT candidates_salary_period_check CHECK (salary_period IN ('hour', 'day', 'month', 'year')),
    ADD CONSTRAINT candidates_availability_status_check
        CHECK (availability_status IN ('available', 'available_soon', 'interviewing', 'not_available', 'placed')),
    ADD CONSTRAINT candidates_notice_period_days_check CHECK (notice_period_days BETWEEN 0 AND 365),
    ADD CONSTRAINT candidates_preferred_work_mode_check
        CHECK (preferred_work_mode IN ('onsite', 'hybrid', 'remote', 'any')),
    ADD CONSTRAINT candidates_source_check
        CHECK (source IN ('direct', 'referral', 'job_board', 'linkedin', 'career_site', 'agency',
                          'bulk_import', 'event', 'other')),
    ADD CONSTRAINT candidates_profile_completeness_check CHECK (profile_completeness BETWEEN 0 AND 100),
    ADD CONSTRAINT candidates_rating_check CHECK (rating BETWEEN 0 AND 5),
    ADD CONSTRAINT candidates_metadata_check CHECK (jsonb_typeof(metadata) = 'object');

COMMENT ON COLUMN candidates.social_links IS 'Other profiles as a JSON object, e.g. {"twitter": "https://..."}.';
COMMENT ON COLUMN candidates.source IS 'How the candidate reached us; source_details and referred_by say more.';
COMMENT ON COLUMN candidates.tags IS 'Free-form recruiter tags; searched with the GIN index idx_candidates_tags.';
COMMENT ON COLUMN candidates.profile_completeness IS 'Share of the profile filled in, 0 to 100.';
COMMENT ON COLUMN candidates.rating IS 'Recruiter rating of the candidate, 0 to 5.';
COMMENT ON COLUMN candidates.metadata IS 'Performance and integration metadata as a JSON object.';

-- Jobs: AI generation, counters, enhanced details, template and import tracking.
ALTER TABLE jobs
    ADD COLUMN is_ai_generated      boolean     NOT NULL DEFAULT false,
    ADD COLUMN ai_generation_prompt text,
    ADD COLUMN ai_model             text,
    ADD COLUMN ai_generated_at      timestamptz,
    ADD COLUMN view_count           integer     NOT NULL DEFAULT 0,
    ADD COLUMN application_count    integer     NOT NULL DEFAULT 0,
    ADD COLUMN department           text,
    ADD COLUMN experience_level     text,
    ADD COLUMN min_years_experience numeric(4,1),
    ADD COLUMN max_years_experience numeric(4,1),
    ADD COLUMN work_mode            text        NOT NULL DEFAULT 'onsite',
    ADD COLUMN responsibilities     text,
    ADD COLUMN benefits             text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN openings             integer     NOT NULL DEFAULT 1,
    ADD COLUMN priority             text        NOT NULL DEFAULT 'normal',
    ADD COLUMN visa_sponsorship     boolean     NOT NULL DEFAULT false,
    ADD COLUMN template_id          bigint REFERENCES job_templates (id) ON DELETE SET NULL,
    ADD COLUMN bulk_import_job_id   bigint REFERENCES bulk_import_jobs (id) ON DELETE SET NULL,
    ADD COLUMN external_reference   text,
    ADD CONSTRAINT jobs_ai_prompt_check
        CHECK (NOT is_ai_generated OR ai_generation_prompt IS NOT NULL),
    ADD CONSTRAINT jobs_view_count_check CHECK (view_count >= 0),
    ADD CONSTRAINT jobs_application_count_check CHECK (application_count >= 0),
    ADD CONSTRAINT jobs_experience_level_check
        CHECK (experience_level IN ('entry', 'junior', 'mid', 'senior', 'lead', 'principal', 'executive')),
    ADD CONSTRAINT jobs_min_years_experience_check CHECK (min_years_experience BETWEEN 0 AND 70),
    ADD CONSTRAINT jobs_years_experience_range_check CHECK (max_years_experience >= min_years_experience),
    ADD CONSTRAINT jobs_work_mode_check CHECK (work_mode IN ('onsite', 'hybrid', 'remote')),
    ADD CONSTRAINT jobs_openings_check CHECK (openings BETWEEN 1 AND 10000),
    ADD CONSTRAINT jobs_priority_check CHECK (priority IN ('low', 'normal', 'high', 'urgent'));

COMMENT ON COLUMN jobs.is_ai_generated IS 'The posting was drafted by an AI model from ai_generation_prompt.';
COMMENT ON COLUMN jobs.application_count IS 'Number of applications; maintained by trigger trg_applications_job_counter.';
COMMENT ON COLUMN jobs.view_count IS 'Times the posting was viewed; incremented by the application.';
COMMENT ON COLUMN jobs.template_id IS 'Template the job was created from; counted in job_templates.usage_count.';
COMMENT ON COLUMN jobs.bulk_import_job_id IS 'Bulk import run that created the job, if any; external_reference is its id in the source.';

-- Applications: detailed stage tracking, feedback and interview notes, match
-- scores and AI recommendations, submission workflow.
ALTER TABLE applications
    ADD COLUMN current_stage            text        NOT NULL DEFAULT 'applied',
    ADD COLUMN stage_updated_at         timestamptz,
    ADD COLUMN stage_history            jsonb       NOT NULL DEFAULT '[]',
    ADD COLUMN recruiter_feedback       text,
    ADD COLUMN hiring_manager_feedback  text,
    ADD COLUMN interview_notes          text,
    ADD COLUMN rejection_reason         text,
    ADD COLUMN feedback_rating          smallint,
    ADD COLUMN match_score              numeric(5,2),
    ADD COLUMN skill_match_score        numeric(5,2),
    ADD COLUMN ai_recommendation        text,
    ADD COLUMN ai_recommendation_reason text,
    ADD COLUMN ai_analysis              jsonb,
    ADD COLUMN ai_scored_at             timestamptz,
    ADD COLUMN submitted_at             timestamptz,
    ADD COLUMN submitted_by             bigint REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN submission_notes         text,
    ADD CONSTRAINT applications_current_stage_check
        CHECK (current_stage IN ('applied', 'screening', 'phone_screen', 'submitted', 'client_review',
                                 'interviewing', 'technical_interview', 'onsite_interview',
                                 'final_interview', 'reference_check', 'offered', 'offer_negotiation',
                                 'hired', 'rejected', 'withdrawn')),
    ADD CONSTRAINT applications_stage_history_check CHECK (jsonb_typeof(stage_history) = 'array'),
    ADD CONSTRAINT applications_feedback_rating_check CHECK (feedback_rating BETWEEN 1 AND 5),
    ADD CONSTRAINT applications_match_score_check CHECK (match_score BETWEEN 0 AND 100),
    ADD CONSTRAINT applications_skill_match_score_check CHECK (skill_match_score BETWEEN 0 AND 100),
    ADD CONSTRAINT applications_ai_recommendation_check
        CHECK (ai_recommendation IN ('strong_yes', 'yes', 'maybe', 'no', 'strong_no'));

COMMENT ON COLUMN applications.current_stage IS
    'Detailed pipeline step within status; follows status when only status changes. History in stage_history.';
COMMENT ON COLUMN applications.stage_history IS
    'JSON array of {"stage", "at", "by"} entries, appended by trigger trg_applications_track_stage.';
COMMENT ON COLUMN applications.match_score IS 'AI match of candidate to job, 0 to 100.';
COMMENT ON COLUMN applications.ai_analysis IS 'Raw AI output behind match_score and ai_recommendation.';
COMMENT ON COLUMN applications.submitted_at IS 'When the candidate was first submitted to the client for this job.';

-- Existing rows get their derived values without looking changed: updated_at
-- keeps the time of the last real change.
ALTER TABLE applications DISABLE TRIGGER trg_applications_updated_at;
ALTER TABLE jobs DISABLE TRIGGER trg_jobs_updated_at;

-- Existing applications: the detailed stage starts at the current status.
UPDATE applications
   SET current_stage = status,
       stage_updated_at = updated_at,
       stage_history = jsonb_build_array(jsonb_build_object('stage', status, 'at', updated_at, 'by', NULL));

-- Existing jobs: count the applications they already have.
UPDATE jobs j
   SET application_count = counted.n
  FROM (SELECT job_id, count(*) AS n FROM applications GROUP BY job_id) counted
 WHERE counted.job_id = j.id;

ALTER TABLE applications ENABLE TRIGGER trg_applications_updated_at;
ALTER TABLE jobs ENABLE TRIGGER trg_jobs_updated_at;

-- ===========================================================================
-- 3. New candidate tables
-- ===========================================================================

CREATE TABLE candidate_domain_expertise (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id        bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    domain              text        NOT NULL,
    expertise_level     text        NOT NULL DEFAULT 'intermediate',
    years_experience    numeric(4,1),
    confidence_score    numeric(4,3),
    source              text        NOT NULL DEFAULT 'ai',
    evidence            jsonb       NOT NULL DEFAULT '[]',
    ai_model            text,
    identified_at       timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT candidate_domain_expertise_candidate_domain_key UNIQUE (candidate_id, domain),
    CONSTRAINT candidate_domain_expertise_domain_not_blank CHECK (btrim(domain) <> ''),
    CONSTRAINT candidate_domain_expertise_level_check
        CHECK (expertise_level IN ('beginner', 'intermediate', 'advanced', 'expert')),
    CONSTRAINT candidate_domain_expertise_years_check CHECK (years_experience BETWEEN 0 AND 70),
    CONSTRAINT candidate_domain_expertise_confidence_check CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT candidate_domain_expertise_source_check
        CHECK (source IN ('ai', 'self_reported', 'recruiter', 'assessment'))
);

CREATE INDEX idx_candidate_domain_expertise_domain ON candidate_domain_expertise (domain, expertise_level);

COMMENT ON TABLE candidate_domain_expertise IS
    'Industry and domain knowledge of a candidate (fintech, healthcare, ...), mostly identified by AI from resumes, with confidence 0 to 1 and evidence.';

CREATE TABLE candidate_resumes (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id            bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    file_name               text        NOT NULL,
    file_url                text        NOT NULL,
    mime_type               text        NOT NULL,
    file_size_bytes         bigint      NOT NULL,
    file_sha256             text,
    version                 integer     NOT NULL DEFAULT 1,
    is_primary              boolean     NOT NULL DEFAULT false,
    parsing_status          text        NOT NULL DEFAULT 'pending',
    parsed_text             text,
    parsed_data             jsonb,
    parsing_error           text,
    parsed_at               timestamptz,
    parser_version          text,
    one_page_summary        text,
    summary_generated_at    timestamptz,
    ai_model                text,
    uploaded_by             bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT candidate_resumes_candidate_version_key UNIQUE (candidate_id, version),
    CONSTRAINT candidate_resumes_file_size_check CHECK (file_size_bytes > 0 AND file_size_bytes <= 52428800),
    CONSTRAINT candidate_resumes_file_sha256_check CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT candidate_resumes_version_check CHECK (version >= 1),
    CONSTRAINT candidate_resumes_parsing_status_check
        CHECK (parsing_status IN ('pending', 'processing', 'completed', 'failed')),
    CONSTRAINT candidate_resumes_parsed_check
        CHECK (parsing_status <> 'completed' OR (parsed_data IS NOT NULL AND parsed_at IS NOT NULL)),
    CONSTRAINT candidate_resumes_failed_check
        CHECK (parsing_status <> 'failed' OR parsing_error IS NOT NULL),
    CONSTRAINT candidate_resumes_summary_check
        CHECK (one_page_summary IS NULL OR summary_generated_at IS NOT NULL)
);

-- At most one primary resume per candidate; trg_candidate_resumes_single_primary demotes the previous one.
CREATE UNIQUE INDEX idx_candidate_resumes_one_primary
    ON candidate_resumes (candidate_id) WHERE is_primary;
CREATE INDEX idx_candidate_resumes_uploaded_by ON candidate_resumes (uploaded_by);
CREATE INDEX idx_candidate_resumes_parsing_queue
    ON candidate_resumes (created_at) WHERE parsing_status IN ('pending', 'processing');

COMMENT ON TABLE candidate_resumes IS
    'Resume files of a candidate, versioned, with parsing results (parsed_text, parsed_data as JSON), parsing status and the AI one-page summary.';

CREATE TABLE candidate_performance_metrics (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id            bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    total_applications      integer     NOT NULL DEFAULT 0,
    active_applications     integer     NOT NULL DEFAULT 0,
    total_submissions       integer     NOT NULL DEFAULT 0,
    total_interviews        integer     NOT NULL DEFAULT 0,
    total_offers            integer     NOT NULL DEFAULT 0,
    total_placements        integer     NOT NULL DEFAULT 0,
    total_rejections        integer     NOT NULL DEFAULT 0,
    interview_rate          numeric(5,2),
    offer_rate              numeric(5,2),
    placement_rate          numeric(5,2),
    avg_match_score         numeric(5,2),
    avg_interview_rating    numeric(3,2),
    last_application_at     timestamptz,
    last_placement_at       timestamptz,
    calculated_at           timestamptz NOT NULL DEFAULT now(),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT candidate_performance_metrics_candidate_key UNIQUE (candidate_id),
    CONSTRAINT candidate_performance_metrics_counts_check
        CHECK (total_applications >= 0 AND active_applications BETWEEN 0 AND total_applications
               AND total_submissions >= 0 AND total_interviews >= 0
               AND total_offers BETWEEN 0 AND total_applications
               AND total_placements BETWEEN 0 AND total_offers
               AND total_rejections BETWEEN 0 AND total_applications),
    CONSTRAINT candidate_performance_metrics_rates_check
        CHECK (interview_rate BETWEEN 0 AND 100 AND offer_rate BETWEEN 0 AND 100
               AND placement_rate BETWEEN 0 AND 100),
    CONSTRAINT candidate_performance_metrics_avg_match_score_check CHECK (avg_match_score BETWEEN 0 AND 100),
    CONSTRAINT candidate_performance_metrics_avg_interview_rating_check CHECK (avg_interview_rating BETWEEN 1 AND 5)
);

COMMENT ON TABLE candidate_performance_metrics IS
    'Application success of each candidate (counts and rates in percent), recomputed by refresh_candidate_performance_metrics() whenever applications, submissions or interviews change.';

CREATE TABLE candidate_ai_insights (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id        bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    job_id              bigint REFERENCES jobs (id) ON DELETE CASCADE,
    insight_type        text        NOT NULL,
    title               text        NOT NULL,
    content             text        NOT NULL,
    score               numeric(5,2),
    confidence_score    numeric(4,3),
    insight_data        jsonb       NOT NULL DEFAULT '{}',
    ai_model            text,
    is_active           boolean     NOT NULL DEFAULT true,
    generated_at        timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT candidate_ai_insights_type_check
        CHECK (insight_type IN ('profile_assessment', 'strength', 'improvement_area', 'skill_gap',
                                'career_recommendation', 'job_match', 'salary_benchmark',
                                'interview_readiness', 'retention_risk')),
    CONSTRAINT candidate_ai_insights_score_check CHECK (score BETWEEN 0 AND 100),
    CONSTRAINT candidate_ai_insights_confidence_check CHECK (confidence_score BETWEEN 0 AND 1),
    CONSTRAINT candidate_ai_insights_expiry_check CHECK (expires_at > generated_at)
);

CREATE INDEX idx_candidate_ai_insights_candidate ON candidate_ai_insights (candidate_id, generated_at DESC);
CREATE INDEX idx_candidate_ai_insights_job_id ON candidate_ai_insights (job_id);
CREATE INDEX idx_candidate_ai_insights_active
    ON candidate_ai_insights (candidate_id, insight_type, generated_at DESC) WHERE is_active;

COMMENT ON TABLE candidate_ai_insights IS
    'AI recommendations and insights about a candidate (optionally for one job): typed, scored 0 to 100, with confidence and the raw AI output in insight_data.';

-- ===========================================================================
-- 4. Workflow tables
-- ===========================================================================

CREATE TABLE candidate_submissions (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id        bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    job_id              bigint      NOT NULL REFERENCES jobs (id) ON DELETE RESTRICT,
    application_id      bigint REFERENCES applications (id) ON DELETE SET NULL,
    submitted_by        bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    submitted_to        bigint REFERENCES users (id) ON DELETE SET NULL,
    status              text        NOT NULL DEFAULT 'submitted',
    submitted_at        timestamptz NOT NULL DEFAULT now(),
    bill_rate           numeric(10,2),
    pay_rate            numeric(10,2),
    rate_type           text,
    rate_currency       char(3)     NOT NULL DEFAULT 'USD',
    submission_notes    text,
    client_feedback     text,
    responded_at        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT candidate_submissions_status_check
        CHECK (status IN ('submitted', 'under_review', 'shortlisted', 'interview_requested',
                          'accepted', 'rejected', 'withdrawn')),
    CONSTRAINT candidate_submissions_rates_check CHECK (pay_rate <= bill_rate),
    CONSTRAINT candidate_submissions_bill_rate_check CHECK (bill_rate >= 0),
    CONSTRAINT candidate_submissions_pay_rate_check CHECK (pay_rate >= 0),
    CONSTRAINT candidate_submissions_rate_type_check CHECK (rate_type IN ('hourly', 'daily', 'monthly', 'annual')),
    CONSTRAINT candidate_submissions_rate_currency_check CHECK (rate_currency ~ '^[A-Z]{3}$'),
    CONSTRAINT candidate_submissions_responded_check CHECK (responded_at >= submitted_at)
);

CREATE INDEX idx_candidate_submissions_candidate_job ON candidate_submissions (candidate_id, job_id);
CREATE INDEX idx_candidate_submissions_job_status ON candidate_submissions (job_id, status);
CREATE INDEX idx_candidate_submissions_application_id ON candidate_submissions (application_id);
CREATE INDEX idx_candidate_submissions_submitted_by_date ON candidate_submissions (submitted_by, submitted_at DESC);
CREATE INDEX idx_candidate_submissions_submitted_to ON candidate_submissions (submitted_to);
CREATE INDEX idx_candidate_submissions_submitted_at ON candidate_submissions (submitted_at);
-- One open submission of a candidate to a job at a time.
CREATE UNIQUE INDEX idx_candidate_submissions_one_open
    ON candidate_submissions (candidate_id, job_id) WHERE status NOT IN ('rejected', 'withdrawn');

COMMENT ON TABLE candidate_submissions IS
    'Recruiter submissions of candidates to a client job, with bill and pay rates, client response and status; at most one open submission per candidate and job.';

CREATE TABLE hot_list_candidates (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id            bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    added_by                bigint REFERENCES users (id) ON DELETE SET NULL,
    status                  text        NOT NULL DEFAULT 'active',
    priority                text        NOT NULL DEFAULT 'normal',
    bench_since             date        NOT NULL DEFAULT CURRENT_DATE,
    available_from          date,
    performance_rating      numeric(3,2),
    technical_rating        smallint,
    communication_rating    smallint,
    hourly_rate             numeric(10,2),
    rate_currency           char(3)     NOT NULL DEFAULT 'USD',
    visa_status             text,
    preferred_locations     text[]      NOT NULL DEFAULT '{}',
    marketing_notes         text,
    notes                   text,
    removed_at              timestamptz,
    removal_reason          text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hot_list_candidates_status_check
        CHECK (status IN ('active', 'on_hold', 'placed', 'removed')),
    CONSTRAINT hot_list_candidates_priority_check CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    CONSTRAINT hot_list_candidates_performance_rating_check CHECK (performance_rating BETWEEN 0 AND 5),
    CONSTRAINT hot_list_candidates_technical_rating_check CHECK (technical_rating BETWEEN 1 AND 5),
    CONSTRAINT hot_list_candidates_communication_rating_check CHECK (communication_rating BETWEEN 1 AND 5),
    CONSTRAINT hot_list_candidates_hourly_rate_check CHECK (hourly_rate >= 0),
    CONSTRAINT hot_list_candidates_rate_currency_check CHECK (rate_currency ~ '^[A-Z]{3}$'),
    CONSTRAINT hot_list_candidates_removed_check
        CHECK ((status IN ('placed', 'removed')) = (removed_at IS NOT NULL))
);

CREATE INDEX idx_hot_list_candidates_candidate_id ON hot_list_candidates (candidate_id);
CREATE INDEX idx_hot_list_candidates_added_by ON hot_list_candidates (added_by);
-- A candidate is on the active hot list once at most.
CREATE UNIQUE INDEX idx_hot_list_candidates_one_active
    ON hot_list_candidates (candidate_id) WHERE status IN ('active', 'on_hold');
CREATE INDEX idx_hot_list_candidates_active
    ON hot_list_candidates (priority, bench_since) WHERE status = 'active';
CREATE INDEX idx_hot_list_candidates_status ON hot_list_candidates (status);

COMMENT ON TABLE hot_list_candidates IS
    'Bench candidates being marketed: status, priority, bench ratings (performance 0-5, technical and communication 1-5), rate and availability. Leaving the list (placed, removed) sets removed_at.';

CREATE TABLE interviews (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id      bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    interview_type      text        NOT NULL,
    round               smallint    NOT NULL DEFAULT 1,
    status              text        NOT NULL DEFAULT 'scheduled',
    scheduled_start     timestamptz NOT NULL,
    scheduled_end       timestamptz NOT NULL,
    timezone            text        NOT NULL DEFAULT 'UTC',
    location            text,
    meeting_url         text,
    interviewer_id      bigint REFERENCES users (id) ON DELETE SET NULL,
    organizer_id        bigint REFERENCES users (id) ON DELETE SET NULL,
    feedback            text,
    rating              smallint,
    recommendation      text,
    completed_at        timestamptz,
    cancelled_reason    text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT interviews_type_check
        CHECK (interview_type IN ('phone_screen', 'video', 'technical', 'coding', 'behavioral',
                                  'panel', 'onsite', 'hr', 'final')),
    CONSTRAINT interviews_round_check CHECK (round BETWEEN 1 AND 20),
    CONSTRAINT interviews_status_check
        CHECK (status IN ('scheduled', 'confirmed', 'rescheduled', 'completed', 'cancelled', 'no_show')),
    CONSTRAINT interviews_schedule_check
        CHECK (scheduled_end > scheduled_start AND scheduled_end <= scheduled_start + interval '12 hours'),
    CONSTRAINT interviews_rating_check CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT interviews_recommendation_check
        CHECK (recommendation IN ('strong_hire', 'hire', 'no_hire', 'strong_no_hire')),
    CONSTRAINT interviews_completed_check CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);

CREATE INDEX idx_interviews_application_id ON interviews (application_id);
CREATE INDEX idx_interviews_interviewer_schedule ON interviews (interviewer_id, scheduled_start);
CREATE INDEX idx_interviews_organizer_id ON interviews (organizer_id);
CREATE INDEX idx_interviews_scheduled_start ON interviews (scheduled_start);
CREATE INDEX idx_interviews_status ON interviews (status);
CREATE INDEX idx_interviews_upcoming
    ON interviews (scheduled_start) WHERE status IN ('scheduled', 'confirmed', 'rescheduled');

COMMENT ON TABLE interviews IS
    'Interview scheduling and outcomes for an application: type, round, time window, interviewer, feedback, rating 1-5 and recommendation. Completing sets completed_at.';

CREATE INDEX idx_bulk_import_jobs_created_by ON bulk_import_jobs (created_by, created_at DESC);
CREATE INDEX idx_bulk_import_jobs_running
    ON bulk_import_jobs (created_at) WHERE status IN ('pending', 'processing');
CREATE INDEX idx_bulk_import_jobs_status ON bulk_import_jobs (status);

CREATE TABLE application_feedback_analysis (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id      bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    interview_id        bigint REFERENCES interviews (id) ON DELETE CASCADE,
    feedback_source     text        NOT NULL,
    feedback_text       text        NOT NULL,
    sentiment           text,
    sentiment_score     numeric(4,3),
    key_strengths       text[]      NOT NULL DEFAULT '{}',
    key_concerns        text[]      NOT NULL DEFAULT '{}',
    topics              jsonb       NOT NULL DEFAULT '[]',
    ai_summary          text,
    analysis            jsonb,
    ai_model            text,
    analyzed_at         timestamptz,
    created_by          bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT application_feedback_analysis_source_check
        CHECK (feedback_source IN ('recruiter', 'hiring_manager', 'interviewer', 'client', 'candidate')),
    CONSTRAINT application_feedback_analysis_text_not_blank CHECK (btrim(feedback_text) <> ''),
    CONSTRAINT application_feedback_analysis_sentiment_check
        CHECK (sentiment IN ('very_negative', 'negative', 'neutral', 'positive', 'very_positive')),
    CONSTRAINT application_feedback_analysis_sentiment_score_check CHECK (sentiment_score BETWEEN -1 AND 1),
    CONSTRAINT application_feedback_analysis_analyzed_check
        CHECK ((sentiment IS NULL AND sentiment_score IS NULL) OR analyzed_at IS NOT NULL)
);

CREATE INDEX idx_application_feedback_analysis_application
    ON application_feedback_analysis (application_id, created_at DESC);
CREATE INDEX idx_application_feedback_analysis_interview_id ON application_feedback_analysis (interview_id);
CREATE INDEX idx_application_feedback_analysis_created_by ON application_feedback_analysis (created_by);
CREATE INDEX idx_application_feedback_analysis_pending
    ON application_feedback_analysis (created_at) WHERE analyzed_at IS NULL;

COMMENT ON TABLE application_feedback_analysis IS
    'Feedback on an application (from recruiters, hiring managers, interviewers, clients) and its AI sentiment analysis: label, score -1 to 1, strengths, concerns, summary.';

-- ===========================================================================
-- 5. System tables
-- ===========================================================================

CREATE INDEX idx_job_templates_company_id ON job_templates (company_id);
CREATE INDEX idx_job_templates_created_by ON job_templates (created_by);
CREATE INDEX idx_job_templates_active ON job_templates (lower(name)) WHERE is_active;

CREATE TABLE skill_market_demand (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    skill_id                bigint      NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    region                  text        NOT NULL DEFAULT 'global',
    analysis_date           date        NOT NULL DEFAULT CURRENT_DATE,
    demand_score            numeric(5,2) NOT NULL,
    job_postings_count      integer     NOT NULL DEFAULT 0,
    candidate_supply_count  integer,
    avg_salary              numeric(12,2),
    salary_currency         char(3)     NOT NULL DEFAULT 'USD',
    growth_rate_percent     numeric(6,2),
    trend                   text        NOT NULL DEFAULT 'stable',
    data_source             text        NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT skill_market_demand_skill_region_date_key UNIQUE (skill_id, region, analysis_date),
    CONSTRAINT skill_market_demand_demand_score_check CHECK (demand_score BETWEEN 0 AND 100),
    CONSTRAINT skill_market_demand_job_postings_count_check CHECK (job_postings_count >= 0),
    CONSTRAINT skill_market_demand_candidate_supply_count_check CHECK (candidate_supply_count >= 0),
    CONSTRAINT skill_market_demand_avg_salary_check CHECK (avg_salary >= 0),
    CONSTRAINT skill_market_demand_salary_currency_check CHECK (salary_currency ~ '^[A-Z]{3}$'),
    CONSTRAINT skill_market_demand_growth_rate_check CHECK (growth_rate_percent >= -100),
    CONSTRAINT skill_market_demand_trend_check CHECK (trend IN ('rising', 'stable', 'declining'))
);

CREATE INDEX idx_skill_market_demand_date ON skill_market_demand (analysis_date DESC, demand_score DESC);

COMMENT ON TABLE skill_market_demand IS
    'Market analysis per skill, region and date: demand score 0-100, postings, supply, average salary, growth and trend.';

CREATE TABLE candidate_documents (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id        bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    document_type       text        NOT NULL,
    file_name           text        NOT NULL,
    file_url            text        NOT NULL,
    mime_type           text        NOT NULL,
    file_size_bytes     bigint      NOT NULL,
    file_sha256         text,
    verification_status text        NOT NULL DEFAULT 'pending',
    verified_by         bigint REFERENCES users (id) ON DELETE SET NULL,
    verified_at         timestamptz,
    verification_notes  text,
    issued_on           date,
    expires_on          date,
    uploaded_by         bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT candidate_documents_type_check
        CHECK (document_type IN ('resume', 'cover_letter', 'id_proof', 'work_authorization', 'certificate',
                                 'degree', 'reference', 'background_check', 'offer_letter', 'contract', 'other')),
    CONSTRAINT candidate_documents_file_size_check CHECK (file_size_bytes > 0 AND file_size_bytes <= 104857600),
    CONSTRAINT candidate_documents_file_sha256_check CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT candidate_documents_verification_status_check
        CHECK (verification_status IN ('pending', 'verified', 'rejected', 'expired')),
    CONSTRAINT candidate_documents_verified_check
        CHECK (verification_status IN ('pending', 'expired') OR verified_at IS NOT NULL),
    CONSTRAINT candidate_documents_validity_check CHECK (expires_on > issued_on)
);

CREATE INDEX idx_candidate_documents_candidate_type ON candidate_documents (candidate_id, document_type);
CREATE INDEX idx_candidate_documents_verified_by ON candidate_documents (verified_by);
CREATE INDEX idx_candidate_documents_uploaded_by ON candidate_documents (uploaded_by);
CREATE INDEX idx_candidate_documents_pending
    ON candidate_documents (created_at) WHERE verification_status = 'pending';
CREATE INDEX idx_candidate_documents_expires_on ON candidate_documents (expires_on);

COMMENT ON TABLE candidate_documents IS
    'Candidate documents (IDs, work authorization, certificates, contracts, ...) and their verification: status, who verified and when, validity dates.';

CREATE TABLE notifications (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id             bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notification_type   text        NOT NULL,
    title               text        NOT NULL,
    message             text,
    priority            text        NOT NULL DEFAULT 'normal',
    entity_type         text,
    entity_id           bigint,
    action_url          text,
    data                jsonb       NOT NULL DEFAULT '{}',
    is_read             boolean     NOT NULL DEFAULT false,
    read_at             timestamptz,
    expires_at          timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notifications_type_check
        CHECK (notification_type IN ('application_update', 'submission_update', 'interview_scheduled',
                                     'interview_reminder', 'feedback_received', 'hot_list_update',
                                     'bulk_import_finished', 'mention', 'system')),
    CONSTRAINT notifications_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT notifications_priority_check CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    CONSTRAINT notifications_entity_check CHECK ((entity_type IS NULL) = (entity_id IS NULL)),
    CONSTRAINT notifications_read_check CHECK (is_read = (read_at IS NOT NULL)),
    CONSTRAINT notifications_data_check CHECK (jsonb_typeof(data) = 'object')
);

CREATE INDEX idx_notifications_user_created ON notifications (user_id, created_at DESC);
CREATE INDEX idx_notifications_unread ON notifications (user_id, created_at DESC) WHERE NOT is_read;
CREATE INDEX idx_notifications_entity ON notifications (entity_type, entity_id);
CREATE INDEX idx_notifications_expires_at ON notifications (expires_at) WHERE expires_at IS NOT NULL;

COMMENT ON TABLE notifications IS
    'Notifications for users. Each insert is signalled on channel hotgigs_notifications with a JSON payload carrying id and user_id; read_at follows is_read.';

CREATE TABLE system_settings (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    setting_key     text        NOT NULL,
    setting_value   jsonb       NOT NULL,
    value_type      text        NOT NULL,
    category        text        NOT NULL DEFAULT 'general',
    description     text,
    is_public       boolean     NOT NULL DEFAULT false,
    updated_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT system_settings_setting_key_key UNIQUE (setting_key),
    CONSTRAINT system_settings_setting_key_format_check CHECK (setting_key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    CONSTRAINT system_settings_value_type_check
        CHECK (value_type IN ('boolean', 'number', 'string', 'json')),
    CONSTRAINT system_settings_value_matches_type_check
        CHECK (CASE value_type
                   WHEN 'boolean' THEN jsonb_typeof(setting_value) = 'boolean'
                   WHEN 'number'  THEN jsonb_typeof(setting_value) = 'number'
                   WHEN 'string'  THEN jsonb_typeof(setting_value) = 'string'
                   ELSE jsonb_typeof(setting_value) IN ('object', 'array')
               END)
);

CREATE INDEX idx_system_settings_category ON system_settings (category);
CREATE INDEX idx_system_settings_updated_by ON system_settings (updated_by);

COMMENT ON TABLE system_settings IS
    'Configuration as typed JSON values under dotted keys (ai.match_score_threshold); category performance_baseline holds the reference metrics.';

CREATE TABLE audit_log (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_schema        text        NOT NULL,
    table_name          text        NOT NULL,
    record_id           bigint,
    action              text        NOT NULL,
    old_values          jsonb,
    new_values          jsonb,
    changed_fields      text[],
    db_user             text        NOT NULL DEFAULT session_user,
    app_user_id         bigint,
    application_name    text,
    client_addr         inet,
    transaction_id      bigint      NOT NULL DEFAULT txid_current(),
    changed_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_log_action_check CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
    CONSTRAINT audit_log_values_check
        CHECK (CASE action
                   WHEN 'INSERT' THEN old_values IS NULL AND new_values IS NOT NULL
                   WHEN 'UPDATE' THEN old_values IS NOT NULL AND new_values IS NOT NULL
                   ELSE old_values IS NOT NULL AND new_values IS NULL
               END)
);

-- app_user_id has no foreign key on purpose: the trail must outlive deleted users.
CREATE INDEX idx_audit_log_record ON audit_log (table_name, record_id, changed_at DESC);
CREATE INDEX idx_audit_log_changed_at ON audit_log (changed_at);
CREATE INDEX idx_audit_log_app_user ON audit_log (app_user_id, changed_at DESC) WHERE app_user_id IS NOT NULL;

COMMENT ON TABLE audit_log IS
    'Change history written by trigger function audit_row_change(): old and new row as JSON, changed fields, the database session user and the application user from setting hotgigs.user_id.';
COMMENT ON COLUMN audit_log.db_user IS 'session_user of the connection that made the change.';
COMMENT ON COLUMN audit_log.app_user_id IS 'users.id from the setting hotgigs.user_id (SET LOCAL hotgigs.user_id = ''42''), NULL when unset.';

-- ===========================================================================
-- 6. Indexes on the enhanced core tables
-- ===========================================================================

CREATE INDEX idx_candidates_bulk_import_job_id ON candidates (bulk_import_job_id);
CREATE INDEX idx_candidates_tags ON candidates USING gin (tags);
CREATE INDEX idx_candidates_source ON candidates (source);
CREATE INDEX idx_candidates_owner_status ON candidates (owner_id, status);
CREATE INDEX idx_candidates_active_availability
    ON candidates (availability_status, updated_at DESC) WHERE status IN ('active', 'passive');
CREATE INDEX idx_candidates_last_activity_at ON candidates (last_activity_at);

CREATE INDEX idx_jobs_template_id ON jobs (template_id);
CREATE INDEX idx_jobs_bulk_import_job_id ON jobs (bulk_import_job_id);
CREATE INDEX idx_jobs_open_posted ON jobs (posted_at DESC) WHERE status = 'open';
CREATE INDEX idx_jobs_status_priority ON jobs (status, priority, posted_at DESC);
CREATE INDEX idx_jobs_recruiter_status ON jobs (recruiter_id, status);
CREATE INDEX idx_jobs_created_at ON jobs (created_at);

CREATE INDEX idx_applications_submitted_by ON applications (submitted_by);
CREATE INDEX idx_applications_candidate_applied ON applications (candidate_id, applied_at DESC);
CREATE INDEX idx_applications_job_stage_active
    ON applications (job_id, current_stage) WHERE status NOT IN ('hired', 'rejected', 'withdrawn');
CREATE INDEX idx_applications_match_score ON applications (job_id, match_score DESC) WHERE match_score IS NOT NULL;
CREATE INDEX idx_applications_stage_updated_at ON applications (stage_updated_at);

-- ===========================================================================
-- 7. Functions
-- ===========================================================================

CREATE FUNCTION audit_current_user_id() RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    raw text := nullif(btrim(current_setting('hotgigs.user_id', true)), '');
BEGIN
    IF raw IS NULL THEN
        RETURN NULL;
    END IF;
    IF raw !~ '^[0-9]{1,18}$' THEN
        RAISE EXCEPTION 'hotgigs.user_id must be the numeric id of a user, not ''%''', raw
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Set it per transaction with SET LOCAL hotgigs.user_id = ''42'', or RESET hotgigs.user_id.';
    END IF;
    RETURN raw::bigint;
END;
$$;

COMMENT ON FUNCTION audit_current_user_id() IS
    'The application user id from setting hotgigs.user_id, NULL when unset; rejects a non-numeric value.';

-- Writes one audit_log row per changed row. Arguments name columns whose
-- changes alone are not worth a row (counters); updated_at is always such a column.
-- Secrets (users.password_hash) are masked, but a change to them is still recorded.
CREATE FUNCTION audit_row_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    changed text[];
    ignored text[] := ARRAY['updated_at']::text[] || TG_ARGV;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        old_row := to_jsonb(OLD);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        new_row := to_jsonb(NEW);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}')
          INTO changed
          FROM jsonb_each(new_row) AS n
         WHERE n.value IS DISTINCT FROM old_row -> n.key;
        IF changed <@ ignored THEN
            RETURN NULL;
        END IF;
    END IF;
    IF old_row ? 'password_hash' THEN
        old_row := jsonb_set(old_row, '{password_hash}', '"*****"');
    END IF;
    IF new_row ? 'password_hash' THEN
        new_row := jsonb_set(new_row, '{password_hash}', '"*****"');
    END IF;
    INSERT INTO audit_log (table_schema, table_name, record_id, action, old_values, new_values,
                           changed_fields, app_user_id, application_name, client_addr)
    VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, (coalesce(new_row, old_row) ->> 'id')::bigint, TG_OP,
            old_row, new_row, changed, audit_current_user_id(),
            nullif(current_setting('application_name', true), ''), inet_client_addr());
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION audit_row_change() IS
    'AFTER ROW trigger function writing audit_log. Trigger arguments: columns whose changes alone are not audited.';

-- Real-time signal: listeners of hotgigs_notifications learn about a new
-- notification at commit. The payload stays small (well under the 8000-byte limit).
CREATE FUNCTION notify_new_notification() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hotgigs_notifications',
                      json_build_object('id', NEW.id,
                                        'user_id', NEW.user_id,
                                        'notification_type', NEW.notification_type,
                                        'priority', NEW.priority)::text);
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION notify_new_notification() IS
    'AFTER INSERT trigger function on notifications: pg_notify on channel hotgigs_notifications with {"id", "user_id", "notification_type", "priority"}.';

CREATE FUNCTION notifications_track_read() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.is_read AND NEW.read_at IS NULL THEN
        NEW.read_at := now();
    ELSIF NOT NEW.is_read THEN
        NEW.read_at := NULL;
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION notifications_track_read() IS 'Keeps notifications.read_at in step with is_read.';

CREATE FUNCTION refresh_candidate_performance_metrics(p_candidate_id bigint DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    refreshed integer;
BEGIN
    INSERT INTO candidate_performance_metrics AS m (
        candidate_id, total_applications, active_applications, total_submissions, total_interviews,
        total_offers, total_placements, total_rejections, interview_rate, offer_rate, placement_rate,
        avg_match_score, avg_interview_rating, last_application_at, last_placement_at, calculated_at)
    SELECT c.id,
           coalesce(a.total, 0),
           coalesce(a.active, 0),
           (SELECT count(*) FROM candidate_submissions s WHERE s.candidate_id = c.id),
           coalesce(i.total, 0),
           coalesce(a.offers, 0),
           coalesce(a.placements, 0),
           coalesce(a.rejections, 0),
           CASE WHEN a.total > 0 THEN round(100.0 * coalesce(i.applications, 0) / a.total, 2) END,
           CASE WHEN a.total > 0 THEN round(100.0 * a.offers / a.total, 2) END,
           CASE WHEN a.total > 0 THEN round(100.0 * a.placements / a.total, 2) END,
           round(a.avg_match, 2),
           round(i.avg_rating, 2),
           a.last_applied,
           a.last_placed,
           now()
      FROM candidates c
      LEFT JOIN LATERAL (
           SELECT count(*) AS total,
                  count(*) FILTER (WHERE ap.status NOT IN ('hired', 'rejected', 'withdrawn')) AS active,
                  count(*) FILTER (WHERE ap.status IN ('offered', 'hired')) AS offers,
                  count(*) FILTER (WHERE ap.status = 'hired') AS placements,
                  count(*) FILTER (WHERE ap.status = 'rejected') AS rejections,
                  avg(ap.match_score) AS avg_match,
                  max(ap.applied_at) AS last_applied,
                  max(ap.stage_updated_at) FILTER (WHERE ap.status = 'hired') AS last_placed
             FROM applications ap
            WHERE ap.candidate_id = c.id) a ON true
      LEFT JOIN LATERAL (
           SELECT count(*) AS total,
                  count(DISTINCT iv.application_id) AS applications,
                  avg(iv.rating) AS avg_rating
             FROM interviews iv
             JOIN applications ap ON ap.id = iv.application_id
            WHERE ap.candidate_id = c.id
              AND iv.status NOT IN ('cancelled')) i ON true
     WHERE p_candidate_id IS NULL OR c.id = p_candidate_id
    ON CONFLICT (candidate_id) DO UPDATE
       SET total_applications   = EXCLUDED.total_applications,
           active_applications  = EXCLUDED.active_applications,
           total_submissions    = EXCLUDED.total_submissions,
           total_interviews     = EXCLUDED.total_interviews,
           total_offers         = EXCLUDED.total_offers,
           total_placements     = EXCLUDED.total_placements,
           total_rejections     = EXCLUDED.total_rejections,
           interview_rate       = EXCLUDED.interview_rate,
           offer_rate           = EXCLUDED.offer_rate,
           placement_rate       = EXCLUDED.placement_rate,
           avg_match_score      = EXCLUDED.avg_match_score,
           avg_interview_rating = EXCLUDED.avg_interview_rating,
           last_application_at  = EXCLUDED.last_application_at,
           last_placement_at    = EXCLUDED.last_placement_at,
           calculated_at        = EXCLUDED.calculated_at;
    GET DIAGNOSTICS refreshed = ROW_COUNT;
    RETURN refreshed;
END;
$$;

COMMENT ON FUNCTION refresh_candidate_performance_metrics(bigint) IS
    'Recomputes candidate_performance_metrics for one candidate, or for all when called without an argument; returns the number of rows written.';

CREATE FUNCTION candidate_metrics_on_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    new_candidate bigint;
    old_candidate bigint;
BEGIN
    IF TG_TABLE_NAME = 'interviews' THEN
        IF TG_OP <> 'DELETE' THEN
            SELECT ap.candidate_id INTO new_candidate FROM applications ap WHERE ap.id = NEW.application_id;
        END IF;
        IF TG_OP <> 'INSERT' THEN
            SELECT ap.candidate_id INTO old_candidate FROM applications ap WHERE ap.id = OLD.application_id;
        END IF;
    ELSE
        IF TG_OP <> 'DELETE' THEN
            new_candidate := NEW.candidate_id;
        END IF;
        IF TG_OP <> 'INSERT' THEN
            old_candidate := OLD.candidate_id;
        END IF;
    END IF;
    IF new_candidate IS NOT NULL THEN
        PERFORM refresh_candidate_performance_metrics(new_candidate);
    END IF;
    IF old_candidate IS NOT NULL AND old_candidate IS DISTINCT FROM new_candidate THEN
        PERFORM refresh_candidate_performance_metrics(old_candidate);
    END IF;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION candidate_metrics_on_change() IS
    'AFTER ROW trigger function on applications, candidate_submissions and interviews: refreshes the metrics of the candidates involved.';

CREATE FUNCTION applications_track_stage() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.current_stage = 'applied' AND NEW.status <> 'applied' THEN
            NEW.current_stage := NEW.status;
        END IF;
    ELSIF NEW.status IS DISTINCT FROM OLD.status
          AND NEW.current_stage IS NOT DISTINCT FROM OLD.current_stage THEN
        NEW.current_stage := NEW.status;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.current_stage IS DISTINCT FROM OLD.current_stage THEN
        NEW.stage_updated_at := now();
        NEW.stage_history := NEW.stage_history
            || jsonb_build_array(jsonb_build_object('stage', NEW.current_stage,
                                                    'at', now(),
                                                    'by', audit_current_user_id()));
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION applications_track_stage() IS
    'BEFORE trigger function on applications: current_stage follows status, stage changes are stamped and appended to stage_history.';

CREATE FUNCTION applications_check_consistency() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    job_status text;
BEGIN
    SELECT j.status INTO job_status FROM jobs j WHERE j.id = NEW.job_id;
    IF FOUND AND job_status <> 'open' THEN
        RAISE EXCEPTION 'job % is %, not open: it accepts no new applications (candidate %)',
                        NEW.job_id, job_status, NEW.candidate_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Set the job''s status to ''open'' first, or apply to an open job.';
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION applications_check_consistency() IS
    'BEFORE INSERT trigger function on applications: only open jobs accept applications.';

CREATE FUNCTION applications_count_for_job() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE jobs SET application_count = application_count + 1 WHERE id = NEW.job_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE jobs SET application_count = application_count - 1 WHERE id = OLD.job_id;
    END IF;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION applications_count_for_job() IS
    'AFTER trigger function on applications: keeps jobs.application_count equal to the number of applications.';

CREATE FUNCTION require_user_role(p_user_id bigint, p_roles text[], p_what text) RETURNS void
LANGUAGE plpgsql STABLE AS $$
DECLARE
    actual text;
BEGIN
    IF p_user_id IS NULL THEN
        RETURN;
    END IF;
    SELECT u.role INTO actual FROM users u WHERE u.id = p_user_id;
    IF FOUND AND NOT (actual = ANY (p_roles)) THEN
        RAISE EXCEPTION 'user % is a %, but % must be one of: %', p_user_id, actual, p_what,
                        array_to_string(p_roles, ', ')
            USING ERRCODE = 'check_violation',
                  HINT = 'Choose a user with a suitable role, or change the user''s role.';
    END IF;
END;
$$;

COMMENT ON FUNCTION require_user_role(bigint, text[], text) IS
    'Raises check_violation when the user exists and has none of the given roles; used by consistency triggers.';

CREATE FUNCTION jobs_check_consistency() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    template_company bigint;
    template_active boolean;
BEGIN
    IF TG_OP = 'INSERT' OR NEW.recruiter_id IS DISTINCT FROM OLD.recruiter_id THEN
        PERFORM require_user_role(NEW.recruiter_id, ARRAY['recruiter', 'admin'], 'the recruiter of a job');
    END IF;
    IF TG_OP = 'INSERT' OR NEW.hiring_manager_id IS DISTINCT FROM OLD.hiring_manager_id THEN
        PERFORM require_user_role(NEW.hiring_manager_id, ARRAY['hiring_manager', 'admin'],
                                  'the hiring manager of a job');
    END IF;
    IF NEW.template_id IS NOT NULL
       AND (TG_OP = 'INSERT' OR NEW.template_id IS DISTINCT FROM OLD.template_id
            OR NEW.company_id IS DISTINCT FROM OLD.company_id) THEN
        SELECT t.company_id, t.is_active INTO template_company, template_active
          FROM job_templates t WHERE t.id = NEW.template_id;
        IF template_company IS NOT NULL AND template_company <> NEW.company_id THEN
            RAISE EXCEPTION 'job template % belongs to company %, not to the job''s company %',
                            NEW.template_id, template_company, NEW.company_id
                USING ERRCODE = 'check_violation',
                      HINT = 'Use a template of the same company or a global one (company_id NULL).';
        END IF;
        IF TG_OP = 'INSERT' AND template_active = false THEN
            RAISE EXCEPTION 'job template % is inactive: new jobs cannot be created from it', NEW.template_id
                USING ERRCODE = 'check_violation',
                      HINT = 'Reactivate the template (is_active = true) or choose another.';
        END IF;
    END IF;
    IF NEW.is_ai_generated AND NEW.ai_generated_at IS NULL THEN
        NEW.ai_generated_at := now();
    END IF;
    IF NEW.status = 'open' AND NEW.posted_at IS NULL THEN
        NEW.posted_at := now();
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION jobs_check_consistency() IS
    'BEFORE trigger function on jobs: recruiter and hiring manager roles, template company and activity; stamps posted_at and ai_generated_at.';

CREATE FUNCTION jobs_count_template_use() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE job_templates SET usage_count = usage_count + 1 WHERE id = NEW.template_id;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION jobs_count_template_use() IS
    'AFTER INSERT trigger function on jobs: counts the job in job_templates.usage_count.';

CREATE FUNCTION candidate_submissions_check_consistency() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    app record;
    job_status text;
BEGIN
    IF NEW.application_id IS NOT NULL THEN
        SELECT a.candidate_id, a.job_id INTO app FROM applications a WHERE a.id = NEW.application_id;
        IF FOUND AND (app.candidate_id <> NEW.candidate_id OR app.job_id <> NEW.job_id) THEN
            RAISE EXCEPTION 'application % is for candidate % and job %, but the submission names candidate % and job %',
                            NEW.application_id, app.candidate_id, app.job_id, NEW.candidate_id, NEW.job_id
                USING ERRCODE = 'check_violation',
                      HINT = 'Link the submission to the application of the same candidate and job.';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT j.status INTO job_status FROM jobs j WHERE j.id = NEW.job_id;
        IF FOUND AND job_status NOT IN ('open', 'on_hold') THEN
            RAISE EXCEPTION 'job % is %: candidates can be submitted only to open or on-hold jobs (candidate %)',
                            NEW.job_id, job_status, NEW.candidate_id
                USING ERRCODE = 'check_violation',
                      HINT = 'Reopen the job first, or submit the candidate to another job.';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by THEN
        PERFORM require_user_role(NEW.submitted_by, ARRAY['recruiter', 'admin'], 'the submitter of a candidate');
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION candidate_submissions_check_consistency() IS
    'BEFORE trigger function on candidate_submissions: the application matches candidate and job, the job is open, the submitter is a recruiter.';

CREATE FUNCTION candidate_submissions_sync_application() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE applications
       SET submitted_at = coalesce(submitted_at, NEW.submitted_at),
           submitted_by = coalesce(submitted_by, NEW.submitted_by),
           status = CASE WHEN status IN ('applied', 'screening') THEN 'submitted' ELSE status END
     WHERE id = NEW.application_id;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION candidate_submissions_sync_application() IS
    'AFTER INSERT trigger function on candidate_submissions: records the first submission on the application and moves it to submitted.';

CREATE FUNCTION interviews_check_consistency() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    app_status text;
    clash record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT a.status INTO app_status FROM applications a WHERE a.id = NEW.application_id;
        IF FOUND AND app_status IN ('hired', 'rejected', 'withdrawn') THEN
            RAISE EXCEPTION 'application % is %: no interview can be scheduled for it', NEW.application_id, app_status
                USING ERRCODE = 'check_violation',
                      HINT = 'Only applications still in the pipeline get interviews.';
        END IF;
    END IF;
    IF NEW.interviewer_id IS NOT NULL AND NEW.status IN ('scheduled', 'confirmed', 'rescheduled') THEN
        SELECT i.id, i.scheduled_start, i.scheduled_end INTO clash
          FROM interviews i
         WHERE i.interviewer_id = NEW.interviewer_id
           AND i.id <> coalesce(NEW.id, -1)
           AND i.status IN ('scheduled', 'confirmed', 'rescheduled')
           AND i.scheduled_start < NEW.scheduled_end
           AND i.scheduled_end > NEW.scheduled_start
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'interviewer % is already booked for interview % from % to %',
                            NEW.interviewer_id, clash.id, clash.scheduled_start, clash.scheduled_end
                USING ERRCODE = 'check_violation',
                      HINT = 'Pick a time that does not overlap, or another interviewer.';
        END IF;
    END IF;
    IF NEW.status = 'completed' AND NEW.completed_at IS NULL THEN
        NEW.completed_at := now();
    ELSIF NEW.status <> 'completed' THEN
        NEW.completed_at := NULL;
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION interviews_check_consistency() IS
    'BEFORE trigger function on interviews: no interviews for closed applications, no double-booked interviewer; stamps completed_at.';

CREATE FUNCTION interviews_notify_interviewer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notifications (user_id, notification_type, title, message, entity_type, entity_id, data)
    VALUES (NEW.interviewer_id, 'interview_scheduled',
            'Interview scheduled',
            format('%s interview (round %s) on %s', NEW.interview_type, NEW.round, NEW.scheduled_start),
            'interview', NEW.id,
            jsonb_build_object('application_id', NEW.application_id,
                               'scheduled_start', NEW.scheduled_start,
                               'scheduled_end', NEW.scheduled_end));
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION interviews_notify_interviewer() IS
    'AFTER INSERT trigger function on interviews: notifies the interviewer.';

CREATE FUNCTION feedback_check_consistency() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    interview_application bigint;
BEGIN
    IF NEW.interview_id IS NOT NULL THEN
        SELECT i.application_id INTO interview_application FROM interviews i WHERE i.id = NEW.interview_id;
        IF FOUND AND interview_application <> NEW.application_id THEN
            RAISE EXCEPTION 'interview % belongs to application %, not to application %',
                            NEW.interview_id, interview_application, NEW.application_id
                USING ERRCODE = 'check_violation',
                      HINT = 'Attach feedback to the application the interview was held for.';
        END IF;
    END IF;
    IF NEW.sentiment_score IS NOT NULL AND NEW.analyzed_at IS NULL THEN
        NEW.analyzed_at := now();
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION feedback_check_consistency() IS
    'BEFORE trigger function on application_feedback_analysis: the interview belongs to the same application; stamps analyzed_at.';

CREATE FUNCTION hot_list_track_exit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IN ('placed', 'removed') AND NEW.removed_at IS NULL THEN
        NEW.removed_at := now();
    ELSIF NEW.status IN ('active', 'on_hold') THEN
        NEW.removed_at := NULL;
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION hot_list_track_exit() IS
    'BEFORE trigger function on hot_list_candidates: removed_at is set when a candidate leaves the list, cleared on return.';

CREATE FUNCTION candidate_resumes_single_primary() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE candidate_resumes
       SET is_primary = false
     WHERE candidate_id = NEW.candidate_id
       AND is_primary
       AND id <> NEW.id;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION candidate_resumes_single_primary() IS
    'BEFORE trigger function on candidate_resumes: a new primary resume demotes the previous one.';

CREATE FUNCTION bulk_import_jobs_track_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'processing' AND NEW.started_at IS NULL THEN
        NEW.started_at := now();
    END IF;
    IF NEW.status IN ('completed', 'completed_with_errors', 'failed', 'cancelled') AND NEW.completed_at IS NULL THEN
        NEW.completed_at := now();
        NEW.started_at := coalesce(NEW.started_at, NEW.completed_at);
    END IF;
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION bulk_import_jobs_track_status() IS
    'BEFORE trigger function on bulk_import_jobs: stamps started_at and completed_at from status.';

CREATE FUNCTION bulk_import_jobs_notify_finished() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notifications (user_id, notification_type, title, message, priority, entity_type, entity_id, data)
    VALUES (NEW.created_by, 'bulk_import_finished',
            format('Import of %s %s', NEW.file_name, replace(NEW.status, '_', ' ')),
            format('%s of %s records imported, %s failed', NEW.successful_records, NEW.total_records,
                   NEW.failed_records),
            CASE WHEN NEW.status = 'failed' THEN 'high' ELSE 'normal' END,
            'bulk_import_job', NEW.id,
            jsonb_build_object('status', NEW.status, 'successful_records', NEW.successful_records,
                               'failed_records', NEW.failed_records));
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION bulk_import_jobs_notify_finished() IS
    'AFTER UPDATE trigger function on bulk_import_jobs: notifies the importer when the run finishes.';

-- ===========================================================================
-- 8. Triggers
-- ===========================================================================

-- updated_at on every new table (the 1.0 tables have theirs from 001).
-- bulk_import_jobs has a generated column, which a BEFORE trigger's WHEN may not
-- compare: its updated_at moves on every update (each one reports progress).
CREATE TRIGGER trg_bulk_import_jobs_updated_at BEFORE UPDATE ON bulk_import_jobs
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_job_templates_updated_at BEFORE UPDATE ON job_templates
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_candidate_domain_expertise_updated_at BEFORE UPDATE ON candidate_domain_expertise
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_candidate_resumes_updated_at BEFORE UPDATE ON candidate_resumes
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_candidate_performance_metrics_updated_at BEFORE UPDATE ON candidate_performance_metrics
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_candidate_ai_insights_updated_at BEFORE UPDATE ON candidate_ai_insights
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_candidate_submissions_updated_at BEFORE UPDATE ON candidate_submissions
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_hot_list_candidates_updated_at BEFORE UPDATE ON hot_list_candidates
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_interviews_updated_at BEFORE UPDATE ON interviews
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_application_feedback_analysis_updated_at BEFORE UPDATE ON application_feedback_analysis
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_skill_market_demand_updated_at BEFORE UPDATE ON skill_market_demand
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_candidate_documents_updated_at BEFORE UPDATE ON candidate_documents
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_notifications_updated_at BEFORE UPDATE ON notifications
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_system_settings_updated_at BEFORE UPDATE ON system_settings
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();

-- A job's updated_at tracks edits of the posting, not its view and application counters.
DROP TRIGGER trg_jobs_updated_at ON jobs;
CREATE TRIGGER trg_jobs_updated_at BEFORE UPDATE ON jobs
    FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'view_count' - 'application_count')
          IS DISTINCT FROM (to_jsonb(NEW) - 'view_count' - 'application_count'))
    EXECUTE FUNCTION set_updated_at();

-- Audit logging.
CREATE TRIGGER trg_users_audit AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('last_login_at');
CREATE TRIGGER trg_companies_audit AFTER INSERT OR UPDATE OR DELETE ON companies
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER trg_candidates_audit AFTER INSERT OR UPDATE OR DELETE ON candidates
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('last_activity_at');
CREATE TRIGGER trg_jobs_audit AFTER INSERT OR UPDATE OR DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('view_count', 'application_count');
CREATE TRIGGER trg_applications_audit AFTER INSERT OR UPDATE OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER trg_candidate_submissions_audit AFTER INSERT OR UPDATE OR DELETE ON candidate_submissions
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER trg_interviews_audit AFTER INSERT OR UPDATE OR DELETE ON interviews
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER trg_hot_list_candidates_audit AFTER INSERT OR UPDATE OR DELETE ON hot_list_candidates
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER trg_candidate_documents_audit AFTER INSERT OR UPDATE OR DELETE ON candidate_documents
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER trg_system_settings_audit AFTER INSERT OR UPDATE OR DELETE ON system_settings
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- Consistency and derived data.
CREATE TRIGGER trg_applications_check_consistency BEFORE INSERT OR UPDATE OF job_id ON applications
    FOR EACH ROW EXECUTE FUNCTION applications_check_consistency();
CREATE TRIGGER trg_applications_track_stage BEFORE INSERT OR UPDATE OF status, current_stage ON applications
    FOR EACH ROW EXECUTE FUNCTION applications_track_stage();
CREATE TRIGGER trg_applications_job_counter AFTER INSERT OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION applications_count_for_job();
CREATE TRIGGER trg_applications_job_counter_move AFTER UPDATE OF job_id ON applications
    FOR EACH ROW WHEN (OLD.job_id IS DISTINCT FROM NEW.job_id) EXECUTE FUNCTION applications_count_for_job();
CREATE TRIGGER trg_applications_metrics AFTER INSERT OR UPDATE OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION candidate_metrics_on_change();

CREATE TRIGGER trg_jobs_check_consistency
    BEFORE INSERT OR UPDATE OF recruiter_id, hiring_manager_id, template_id, company_id, status, is_ai_generated
    ON jobs FOR EACH ROW EXECUTE FUNCTION jobs_check_consistency();
CREATE TRIGGER trg_jobs_template_usage AFTER INSERT ON jobs
    FOR EACH ROW WHEN (NEW.template_id IS NOT NULL) EXECUTE FUNCTION jobs_count_template_use();

CREATE TRIGGER trg_candidate_submissions_check_consistency
    BEFORE INSERT OR UPDATE OF candidate_id, job_id, application_id, submitted_by ON candidate_submissions
    FOR EACH ROW EXECUTE FUNCTION candidate_submissions_check_consistency();
CREATE TRIGGER trg_candidate_submissions_sync_application AFTER INSERT ON candidate_submissions
    FOR EACH ROW WHEN (NEW.application_id IS NOT NULL) EXECUTE FUNCTION candidate_submissions_sync_application();
CREATE TRIGGER trg_candidate_submissions_metrics AFTER INSERT OR UPDATE OR DELETE ON candidate_submissions
    FOR EACH ROW EXECUTE FUNCTION candidate_metrics_on_change();

CREATE TRIGGER trg_interviews_check_consistency BEFORE INSERT OR UPDATE ON interviews
    FOR EACH ROW EXECUTE FUNCTION interviews_check_consistency();
CREATE TRIGGER trg_interviews_notify_interviewer AFTER INSERT ON interviews
    FOR EACH ROW WHEN (NEW.interviewer_id IS NOT NULL) EXECUTE FUNCTION interviews_notify_interviewer();
CREATE TRIGGER trg_interviews_metrics AFTER INSERT OR UPDATE OR DELETE ON interviews
    FOR EACH ROW EXECUTE FUNCTION candidate_metrics_on_change();

CREATE TRIGGER trg_application_feedback_analysis_check_consistency
    BEFORE INSERT OR UPDATE ON application_feedback_analysis
    FOR EACH ROW EXECUTE FUNCTION feedback_check_consistency();

CREATE TRIGGER trg_hot_list_candidates_track_exit BEFORE INSERT OR UPDATE OF status ON hot_list_candidates
    FOR EACH ROW EXECUTE FUNCTION hot_list_track_exit();

CREATE TRIGGER trg_candidate_resumes_single_primary BEFORE INSERT OR UPDATE OF is_primary ON candidate_resumes
    FOR EACH ROW WHEN (NEW.is_primary) EXECUTE FUNCTION candidate_resumes_single_primary();

CREATE TRIGGER trg_bulk_import_jobs_track_status BEFORE INSERT OR UPDATE OF status ON bulk_import_jobs
    FOR EACH ROW EXECUTE FUNCTION bulk_import_jobs_track_status();
CREATE TRIGGER trg_bulk_import_jobs_notify_finished AFTER UPDATE OF status ON bulk_import_jobs
    FOR EACH ROW
    WHEN (NEW.status IN ('completed', 'completed_with_errors', 'failed', 'cancelled')
          AND OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION bulk_import_jobs_notify_finished();

-- Notifications: read tracking and the real-time signal.
CREATE TRIGGER trg_notifications_track_read BEFORE INSERT OR UPDATE OF is_read, read_at ON notifications
    FOR EACH ROW EXECUTE FUNCTION notifications_track_read();
CREATE TRIGGER trg_notifications_notify AFTER INSERT ON notifications
    FOR EACH ROW EXECUTE FUNCTION notify_new_notification();

-- ===========================================================================
-- 9. Views
-- ===========================================================================

CREATE VIEW candidate_full_profile AS
SELECT c.id                                 AS candidate_id,
       c.first_name,
       c.last_name,
       c.first_name || ' ' || c.last_name   AS full_name,
       c.email,
       c.phone,
       c.location,
       c.current_title,
       c.current_company,
       c.years_experience,
       c.summary,
       c.status,
       c.owner_id,
       c.profile_image_url,
       c.linkedin_url,
       c.github_url,
       c.portfolio_url,
       c.expected_salary_min,
       c.expected_salary_max,
       c.salary_currency,
       c.salary_period,
       c.availability_status,
       c.available_from,
       c.notice_period_days,
       c.preferred_work_mode,
       c.source,
       c.tags,
       c.profile_completeness,
       c.rating,
       c.last_activity_at,
       c.created_at,
       c.updated_at,
       coalesce(sk.skills, '[]'::jsonb)          AS skills,
       coalesce(de.domains, '[]'::jsonb)         AS domain_expertise,
       coalesce(m.total_applications, 0)         AS total_applications,
       coalesce(m.active_applications, 0)        AS active_applications,
       coalesce(m.total_submissions, 0)          AS total_submissions,
       coalesce(m.total_interviews, 0)           AS total_interviews,
       coalesce(m.total_offers, 0)               AS total_offers,
       coalesce(m.total_placements, 0)           AS total_placements,
       m.interview_rate,
       m.offer_rate,
       m.placement_rate,
       m.avg_match_score,
       m.avg_interview_rating,
       m.calculated_at                           AS metrics_calculated_at,
       coalesce(ai.active_insights, 0)           AS ai_insight_count,
       ai.profile_score                          AS ai_profile_score,
       ai.avg_confidence                         AS ai_avg_confidence,
       coalesce(ai.latest_insights, '[]'::jsonb) AS ai_insights,
       r.id                                      AS primary_resume_id,
       r.parsing_status                          AS resume_parsing_status,
       r.one_page_summary,
       (h.id IS NOT NULL)                        AS is_hot_listed,
       h.status                                  AS hot_list_status,
       h.priority                                AS hot_list_priority,
       h.bench_since,
       h.performance_rating                      AS bench_performance_rating,
       h.hourly_rate                             AS bench_hourly_rate
  FROM candidates c
  LEFT JOIN candidate_performance_metrics m ON m.candidate_id = c.id
  LEFT JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('skill_id', s.id, 'name', s.name,
                                           'proficiency_level', cs.proficiency_level,
                                           'years_experience', cs.years_experience)
                        ORDER BY cs.proficiency_level DESC NULLS LAST, s.name) AS skills
         FROM candidate_skills cs
         JOIN skills s ON s.id = cs.skill_id
        WHERE cs.candidate_id = c.id) sk ON true
  LEFT JOIN LATERAL (
       SELECT jsonb_agg(jsonb_build_object('domain', d.domain, 'expertise_level', d.expertise_level,
                                           'years_experience', d.years_experience,
                                           'confidence_score', d.confidence_score)
                        ORDER BY d.confidence_score DESC NULLS LAST, d.domain) AS domains
         FROM candidate_domain_expertise d
        WHERE d.candidate_id = c.id) de ON true
  LEFT JOIN LATERAL (
       SELECT count(*) AS active_insights,
              round(avg(i.confidence_score), 3) AS avg_confidence,
              (array_agg(i.score ORDER BY i.generated_at DESC)
                   FILTER (WHERE i.insight_type = 'profile_assessment'))[1] AS profile_score,
              jsonb_agg(jsonb_build_object('id', i.id, 'type', i.insight_type, 'title', i.title,
                                           'score', i.score, 'confidence_score', i.confidence_score,
                                           'generated_at', i.generated_at)
                        ORDER BY i.generated_at DESC) AS latest_insights
         FROM candidate_ai_insights i
        WHERE i.candidate_id = c.id
          AND i.is_active
          AND (i.expires_at IS NULL OR i.expires_at > now())) ai ON true
  LEFT JOIN LATERAL (
       SELECT cr.id, cr.parsing_status, cr.one_page_summary
         FROM candidate_resumes cr
        WHERE cr.candidate_id = c.id
        ORDER BY cr.is_primary DESC, cr.created_at DESC
        LIMIT 1) r ON true
  LEFT JOIN LATERAL (
       SELECT hl.id, hl.status, hl.priority, hl.bench_since, hl.performance_rating, hl.hourly_rate
         FROM hot_list_candidates hl
        WHERE hl.candidate_id = c.id
          AND hl.status IN ('active', 'on_hold')
        ORDER BY hl.created_at DESC
        LIMIT 1) h ON true;

COMMENT ON VIEW candidate_full_profile IS
    'One row per candidate: profile, skills and domain expertise (JSON), performance metrics, active AI insights and scores, primary resume summary, hot list status and bench rating.';

CREATE VIEW application_details AS
SELECT a.id                                  AS application_id,
       a.status,
       a.current_stage,
       a.stage_updated_at,
       a.applied_at,
       a.source,
       a.match_score,
       a.skill_match_score,
       a.ai_recommendation,
       a.ai_recommendation_reason,
       a.recruiter_feedback,
       a.hiring_manager_feedback,
       a.interview_notes,
       a.rejection_reason,
       a.created_at,
       a.updated_at,
       c.id                                  AS candidate_id,
       c.first_name || ' ' || c.last_name    AS candidate_name,
       c.email                               AS candidate_email,
       c.phone                               AS candidate_phone,
       c.current_title                       AS candidate_current_title,
       c.location                            AS candidate_location,
       j.id                                  AS job_id,
       j.title                               AS job_title,
       j.status                              AS job_status,
       j.location                            AS job_location,
       j.employment_type,
       j.work_mode,
       j.salary_min,
       j.salary_max,
       j.salary_currency,
       co.id                                 AS company_id,
       co.name                               AS company_name,
       co.industry                           AS company_industry,
       co.website                            AS company_website,
       rec.id                                AS recruiter_id,
       rec.first_name || ' ' || rec.last_name AS recruiter_name,
       coalesce(fb.feedback_count, 0)        AS feedback_count,
       fb.avg_sentiment_score,
       fb.latest_sentiment,
       fb.latest_feedback_summary,
       coalesce(fb.key_concerns, '{}')       AS feedback_key_concerns,
       a.submitted_at,
       a.submitted_by,
       sb.first_name || ' ' || sb.last_name  AS submitted_by_name,
       a.submission_notes,
       coalesce(sub.submission_count, 0)     AS submission_count,
       sub.latest_submission_id,
       sub.latest_submission_status,
       sub.latest_submitted_at,
       sub.bill_rate,
       sub.pay_rate,
       coalesce(iv.interview_count, 0)       AS interview_count,
       iv.next_interview_at,
       iv.avg_interview_rating
  FROM applications a
  JOIN candidates c ON c.id = a.candidate_id
  JOIN jobs j ON j.id = a.job_id
  JOIN companies co ON co.id = j.company_id
  LEFT JOIN users rec ON rec.id = j.recruiter_id
  LEFT JOIN users sb ON sb.id = a.submitted_by
  LEFT JOIN LATERAL (
       SELECT count(*) AS feedback_count,
              round(avg(f.sentiment_score), 3) AS avg_sentiment_score,
              (array_agg(f.sentiment ORDER BY f.created_at DESC) FILTER (WHERE f.sentiment IS NOT NULL))[1]
                  AS latest_sentiment,
              (array_agg(f.ai_summary ORDER BY f.created_at DESC) FILTER (WHERE f.ai_summary IS NOT NULL))[1]
                  AS latest_feedback_summary,
              (SELECT array_agg(DISTINCT concern ORDER BY concern)
                 FROM application_feedback_analysis f2, unnest(f2.key_concerns) AS concern
                WHERE f2.application_id = a.id) AS key_concerns
         FROM application_feedback_analysis f
        WHERE f.application_id = a.id) fb ON true
  LEFT JOIN LATERAL (
       SELECT count(*) AS submission_count,
              (array_agg(s.id ORDER BY s.submitted_at DESC))[1] AS latest_submission_id,
              (array_agg(s.status ORDER BY s.submitted_at DESC))[1] AS latest_submission_status,
              max(s.submitted_at) AS latest_submitted_at,
              (array_agg(s.bill_rate ORDER BY s.submitted_at DESC))[1] AS bill_rate,
              (array_agg(s.pay_rate ORDER BY s.submitted_at DESC))[1] AS pay_rate
         FROM candidate_submissions s
        WHERE s.candidate_id = a.candidate_id
          AND s.job_id = a.job_id) sub ON true
  LEFT JOIN LATERAL (
       SELECT count(*) AS interview_count,
              min(i.scheduled_start) FILTER (WHERE i.status IN ('scheduled', 'confirmed', 'rescheduled')
                                               AND i.scheduled_start > now()) AS next_interview_at,
              round(avg(i.rating), 2) AS avg_interview_rating
         FROM interviews i
        WHERE i.application_id = a.id) iv ON true;

COMMENT ON VIEW application_details IS
    'One row per application: candidate, job and company details, recruiter, feedback sentiment analysis, submission tracking and interviews.';

-- ===========================================================================
-- 10. Reference data
-- ===========================================================================

-- Popular skills; ones that already exist (any letter case) are reused.
INSERT INTO skills (name, category)
SELECT v.name, v.category
  FROM (VALUES ('Python', 'programming_language'),
               ('JavaScript', 'programming_language'),
               ('TypeScript', 'programming_language'),
               ('Java', 'programming_language'),
               ('Go', 'programming_language'),
               ('Rust', 'programming_language'),
               ('C#', 'programming_language'),
               ('SQL', 'database'),
               ('React', 'framework'),
               ('Node.js', 'runtime'),
               ('Kubernetes', 'devops'),
               ('AWS', 'cloud')) AS v (name, category)
 WHERE NOT EXISTS (SELECT 1 FROM skills s WHERE lower(s.name) = lower(v.name));

INSERT INTO skill_market_demand (skill_id, region, analysis_date, demand_score, job_postings_count,
                                 candidate_supply_count, avg_salary, salary_currency,
                                 growth_rate_percent, trend, data_source)
SELECT s.id, 'US', DATE '2024-01-26', v.demand, v.postings, v.supply, v.salary, 'USD', v.growth, v.trend,
       'HotGigs baseline 2024-01'
  FROM (VALUES ('Python',     95.00, 48200, 61000, 128000.00, 12.50, 'rising'),
               ('JavaScript', 92.00, 52400, 88000, 118000.00,  4.20, 'stable'),
               ('TypeScript', 88.00, 31800, 34000, 126000.00, 18.30, 'rising'),
               ('Java',       85.00, 41900, 72000, 124000.00, -1.50, 'stable'),
               ('Go',         78.00, 12600,  9800, 142000.00, 15.80, 'rising'),
               ('Rust',       70.00,  4100,  2900, 148000.00, 27.40, 'rising'),
               ('C#',         76.00, 22700, 39000, 115000.00,  1.10, 'stable'),
               ('SQL',        90.00, 58300, 97000, 105000.00,  2.30, 'stable'),
               ('React',      87.00, 29800, 41000, 121000.00,  6.70, 'rising'),
               ('Node.js',    80.00, 21400, 30000, 119000.00,  3.90, 'stable'),
               ('Kubernetes', 84.00, 16900, 11200, 145000.00, 14.20, 'rising'),
               ('AWS',        91.00, 39600, 36000, 138000.00,  9.80, 'rising'))
       AS v (name, demand, postings, supply, salary, growth, trend)
  JOIN skills s ON lower(s.name) = lower(v.name);

INSERT INTO system_settings (setting_key, setting_value, value_type, category, description, is_public)
VALUES ('ai.resume_parsing_enabled', 'true', 'boolean', 'ai',
        'Parse uploaded resumes automatically.', false),
       ('ai.match_score_threshold', '70', 'number', 'ai',
        'Minimum match score (0-100) for a candidate to be recommended for a job.', false),
       ('ai.default_model', '"default"', 'string', 'ai',
        'Model used for parsing, summaries and insights unless a feature overrides it.', false),
       ('applications.stale_after_days', '14', 'number', 'workflow',
        'Days without a stage change after which an application is flagged as stale.', false),
       ('hot_list.max_bench_days', '60', 'number', 'workflow',
        'Days on the bench after which a hot list candidate is escalated.', false),
       ('interviews.default_duration_minutes', '60', 'number', 'workflow',
        'Length of a newly scheduled interview.', true),
       ('notifications.retention_days', '90', 'number', 'notifications',
        'Days after which read notifications may be purged.', false),
       ('bulk_import.max_records', '10000', 'number', 'imports',
        'Largest number of records accepted in one bulk import.', false),
       ('uploads.max_file_size_mb', '10', 'number', 'uploads',
        'Largest resume or document upload, in megabytes.', true),
       ('uploads.allowed_resume_types',
        '["application/pdf", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain"]',
        'json', 'uploads', 'MIME types accepted for resumes.', true);

-- Performance baselines: reference metrics that candidate_performance_metrics
-- and pipeline reports compare against. Rates are percentages.
INSERT INTO system_settings (setting_key, setting_value, value_type, category, description)
VALUES ('baseline.application_to_interview_rate', '{"value": 25.0, "unit": "percent"}', 'json',
        'performance_baseline', 'Share of applications that reach at least one interview.'),
       ('baseline.interview_to_offer_rate', '{"value": 30.0, "unit": "percent"}', 'json',
        'performance_baseline', 'Share of interviewed applications that receive an offer.'),
       ('baseline.offer_acceptance_rate', '{"value": 85.0, "unit": "percent"}', 'json',
        'performance_baseline', 'Share of offers that are accepted.'),
       ('baseline.submission_to_interview_rate', '{"value": 40.0, "unit": "percent"}', 'json',
        'performance_baseline', 'Share of client submissions that lead to an interview.'),
       ('baseline.avg_time_to_fill_days', '{"value": 42, "unit": "days"}', 'json',
        'performance_baseline', 'Days from posting a job to filling it.'),
       ('baseline.avg_match_score', '{"value": 70.0, "unit": "score"}', 'json',
        'performance_baseline', 'Average AI match score of submitted candidates (0-100).'),
       ('baseline.avg_bench_days', '{"value": 21, "unit": "days"}', 'json',
        'performance_baseline', 'Days a hot list candidate spends on the bench before placement.');

-- Metrics for the candidates the 1.0 database already holds.
DO $$
BEGIN
    PERFORM refresh_candidate_performance_metrics();
END;
$$;
