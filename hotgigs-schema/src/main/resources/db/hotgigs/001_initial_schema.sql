-- HotGigs ATS 1.0: the core applicant tracking schema.
--
-- Users (recruiters, hiring managers, admins), companies, candidates, jobs,
-- applications, skills and the links between them. Plain PostgreSQL 12+.
-- Each migration runs in one transaction owned by the migration engine, so
-- this file holds no transaction control and no psql meta-commands.

-- ---------------------------------------------------------------------------
-- Shared trigger function: keeps updated_at current on every table that has it.
-- The triggers fire only when a row really changed (see their WHEN clause).
-- ---------------------------------------------------------------------------
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION set_updated_at() IS
    'BEFORE UPDATE trigger function: sets updated_at to the transaction time.';

-- ---------------------------------------------------------------------------
-- users: the people who work in the ATS
-- ---------------------------------------------------------------------------
CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text        NOT NULL,
    password_hash   text,
    first_name      text        NOT NULL,
    last_name       text        NOT NULL,
    role            text        NOT NULL DEFAULT 'recruiter',
    phone           text,
    title           text,
    is_active       boolean     NOT NULL DEFAULT true,
    last_login_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_role_check
        CHECK (role IN ('admin', 'recruiter', 'hiring_manager')),
    CONSTRAINT users_email_format_check
        CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CONSTRAINT users_first_name_not_blank CHECK (btrim(first_name) <> ''),
    CONSTRAINT users_last_name_not_blank CHECK (btrim(last_name) <> '')
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX idx_users_role ON users (role);
CREATE INDEX idx_users_active_role ON users (role) WHERE is_active;

COMMENT ON TABLE users IS
    'People who work in the ATS: recruiters, hiring managers and admins. E-mail is unique regardless of case.';
COMMENT ON COLUMN users.role IS 'admin, recruiter or hiring_manager.';
COMMENT ON COLUMN users.password_hash IS 'Hash of the password; NULL for users who sign in through single sign-on.';

-- ---------------------------------------------------------------------------
-- companies: the clients whose jobs are filled
-- ---------------------------------------------------------------------------
CREATE TABLE companies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL,
    website         text,
    industry        text,
    company_size    text,
    description     text,
    headquarters    text,
    is_active       boolean     NOT NULL DEFAULT true,
    created_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT companies_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT companies_company_size_check
        CHECK (company_size IN ('1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'))
);

CREATE UNIQUE INDEX companies_name_key ON companies (lower(name));
CREATE INDEX idx_companies_created_by ON companies (created_by);
CREATE INDEX idx_companies_industry ON companies (industry);

COMMENT ON TABLE companies IS
    'Client companies that post jobs. Names are unique regardless of case.';

-- ---------------------------------------------------------------------------
-- candidates: the people being placed
-- ---------------------------------------------------------------------------
CREATE TABLE candidates (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    first_name          text        NOT NULL,
    last_name           text        NOT NULL,
    email               text        NOT NULL,
    phone               text,
    location            text,
    current_title       text,
    current_company     text,
    years_experience    numeric(4,1),
    summary             text,
    status              text        NOT NULL DEFAULT 'active',
    owner_id            bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT candidates_status_check
        CHECK (status IN ('active', 'passive', 'placed', 'inactive', 'do_not_contact')),
    CONSTRAINT candidates_years_experience_check
        CHECK (years_experience >= 0 AND years_experience <= 70),
    CONSTRAINT candidates_email_format_check
        CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CONSTRAINT candidates_first_name_not_blank CHECK (btrim(first_name) <> ''),
    CONSTRAINT candidates_last_name_not_blank CHECK (btrim(last_name) <> '')
);

CREATE UNIQUE INDEX candidates_email_key ON candidates (lower(email));
CREATE INDEX idx_candidates_owner_id ON candidates (owner_id);
CREATE INDEX idx_candidates_status ON candidates (status);
CREATE INDEX idx_candidates_created_at ON candidates (created_at);
CREATE INDEX idx_candidates_name ON candidates (lower(last_name), lower(first_name));

COMMENT ON TABLE candidates IS
    'Candidates in the talent pool. owner_id is the recruiter responsible for the candidate.';
COMMENT ON COLUMN candidates.status IS
    'active (looking), passive (open to offers), placed, inactive or do_not_contact.';

-- ---------------------------------------------------------------------------
-- jobs: open positions at client companies
-- ---------------------------------------------------------------------------
CREATE TABLE jobs (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id          bigint      NOT NULL REFERENCES companies (id) ON DELETE RESTRICT,
    title               text        NOT NULL,
    description         text,
    requirements        text,
    location            text,
    employment_type     text        NOT NULL DEFAULT 'full_time',
    salary_min          numeric(12,2),
    salary_max          numeric(12,2),
    salary_currency     char(3)     NOT NULL DEFAULT 'USD',
    status              text        NOT NULL DEFAULT 'draft',
    recruiter_id        bigint REFERENCES users (id) ON DELETE SET NULL,
    hiring_manager_id   bigint REFERENCES users (id) ON DELETE SET NULL,
    posted_at           timestamptz,
    closes_at           timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jobs_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT jobs_employment_type_check
        CHECK (employment_type IN ('full_time', 'part_time', 'contract', 'contract_to_hire',
                                   'temporary', 'internship')),
    CONSTRAINT jobs_status_check
        CHECK (status IN ('draft', 'open', 'on_hold', 'closed', 'filled', 'cancelled')),
    CONSTRAINT jobs_salary_min_check CHECK (salary_min >= 0),
    CONSTRAINT jobs_salary_range_check CHECK (salary_max >= salary_min),
    CONSTRAINT jobs_salary_currency_check CHECK (salary_currency ~ '^[A-Z]{3}$'),
    CONSTRAINT jobs_closes_after_posted_check CHECK (closes_at > posted_at)
);

CREATE INDEX idx_jobs_company_id ON jobs (company_id);
CREATE INDEX idx_jobs_recruiter_id ON jobs (recruiter_id);
CREATE INDEX idx_jobs_hiring_manager_id ON jobs (hiring_manager_id);
CREATE INDEX idx_jobs_status ON jobs (status);
CREATE INDEX idx_jobs_posted_at ON jobs (posted_at);
CREATE INDEX idx_jobs_company_status ON jobs (company_id, status);

COMMENT ON TABLE jobs IS
    'Job openings at client companies, with pay range (numeric, in salary_currency) and lifecycle status.';
COMMENT ON COLUMN jobs.status IS 'draft, open, on_hold, closed, filled or cancelled. Only open jobs accept new applications.';

-- ---------------------------------------------------------------------------
-- applications: a candidate in the pipeline of a job
-- ---------------------------------------------------------------------------
CREATE TABLE applications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id    bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    job_id          bigint      NOT NULL REFERENCES jobs (id) ON DELETE RESTRICT,
    status          text        NOT NULL DEFAULT 'applied',
    source          text,
    cover_letter    text,
    applied_at      timestamptz NOT NULL DEFAULT now(),
    created_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT applications_candidate_job_key UNIQUE (candidate_id, job_id),
    CONSTRAINT applications_status_check
        CHECK (status IN ('applied', 'screening', 'submitted', 'interviewing', 'offered',
                          'hired', 'rejected', 'withdrawn'))
);

-- candidate_id is covered by the unique (candidate_id, job_id) index.
CREATE INDEX idx_applications_job_id ON applications (job_id);
CREATE INDEX idx_applications_created_by ON applications (created_by);
CREATE INDEX idx_applications_status ON applications (status);
CREATE INDEX idx_applications_applied_at ON applications (applied_at);
CREATE INDEX idx_applications_job_status ON applications (job_id, status);

COMMENT ON TABLE applications IS
    'A candidate in the hiring pipeline of one job; at most one application per candidate and job.';

-- ---------------------------------------------------------------------------
-- skills and the links to candidates and jobs
-- ---------------------------------------------------------------------------
CREATE TABLE skills (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    category    text,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT skills_name_not_blank CHECK (btrim(name) <> '')
);

CREATE UNIQUE INDEX skills_name_key ON skills (lower(name));
CREATE INDEX idx_skills_category ON skills (category);

COMMENT ON TABLE skills IS
    'The skill vocabulary shared by candidates and jobs. Names are unique regardless of case.';

CREATE TABLE candidate_skills (
    candidate_id        bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    skill_id            bigint      NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    proficiency_level   smallint,
    years_experience    numeric(4,1),
    last_used_year      smallint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (candidate_id, skill_id),
    CONSTRAINT candidate_skills_proficiency_level_check CHECK (proficiency_level BETWEEN 1 AND 5),
    CONSTRAINT candidate_skills_years_experience_check
        CHECK (years_experience >= 0 AND years_experience <= 70),
    CONSTRAINT candidate_skills_last_used_year_check CHECK (last_used_year BETWEEN 1950 AND 2200)
);

CREATE INDEX idx_candidate_skills_skill_id ON candidate_skills (skill_id);

COMMENT ON TABLE candidate_skills IS
    'Skills a candidate has, with proficiency from 1 (basic) to 5 (expert) and years of use.';

CREATE TABLE job_skills (
    job_id                  bigint      NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    skill_id                bigint      NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    is_required             boolean     NOT NULL DEFAULT true,
    min_years_experience    numeric(4,1),
    importance              smallint    NOT NULL DEFAULT 3,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, skill_id),
    CONSTRAINT job_skills_importance_check CHECK (importance BETWEEN 1 AND 5),
    CONSTRAINT job_skills_min_years_experience_check
        CHECK (min_years_experience >= 0 AND min_years_experience <= 70)
);

CREATE INDEX idx_job_skills_skill_id ON job_skills (skill_id);

COMMENT ON TABLE job_skills IS
    'Skills a job asks for: required or nice to have, with importance from 1 to 5.';

-- ---------------------------------------------------------------------------
-- updated_at maintenance for the core tables
-- ---------------------------------------------------------------------------
CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_companies_updated_at BEFORE UPDATE ON companies
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_candidates_updated_at BEFORE UPDATE ON candidates
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_jobs_updated_at BEFORE UPDATE ON jobs
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_applications_updated_at BEFORE UPDATE ON applications
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_skills_updated_at BEFORE UPDATE ON skills
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_candidate_skills_updated_at BEFORE UPDATE ON candidate_skills
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_job_skills_updated_at BEFORE UPDATE ON job_skills
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at();
