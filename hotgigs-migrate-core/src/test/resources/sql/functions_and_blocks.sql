-- Applicant tracking: tables, functions, triggers and blocks that exercise
-- the splitter's lexical rules; it's meant to run as-is with psql -f.
/* A block comment; with a semicolon,
   /* a nested one; */ and an apostrophe: don't split here. */

CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TYPE application_status AS ENUM ('applied', 'screening', 'interview', 'offer', 'hired', 'rejected');

CREATE TABLE candidates (
    id          bigserial PRIMARY KEY,
    email       text NOT NULL UNIQUE CHECK (email LIKE '%@%'),
    full_name   text NOT NULL,
    "notes;raw" text DEFAULT 'none; really',
    "Quote""d"  text DEFAULT E'tab\there; it\'s escaped',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE applications (
    id           bigserial PRIMARY KEY,
    candidate_id bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    status       application_status NOT NULL DEFAULT 'applied',
    score        int,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (id bigserial PRIMARY KEY, entry text NOT NULL, at timestamptz DEFAULT now());

COMMENT ON TABLE candidates IS 'People who applied; one row each. Don''t delete: anonymise.';

CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER applications_touch BEFORE UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE FUNCTION log_status_change() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
DECLARE
    message text;
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        message := format($msg$status %s -> %s; it's logged$msg$, OLD.status, NEW.status);
        EXECUTE $sql$INSERT INTO audit_log (entry) VALUES ($1)$sql$ USING message;
    END IF;
    RETURN NEW;
END;
$fn$;

CREATE TRIGGER applications_log AFTER UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION log_status_change();

-- SQL-standard bodies (PostgreSQL 14+): semicolons inside BEGIN ATOMIC ... END
CREATE OR REPLACE FUNCTION grade(score int) RETURNS text
LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT CASE
               WHEN score >= 90 THEN 'A'
               WHEN score >= 75 THEN 'B'
               ELSE 'C'
           END;
END;

CREATE PROCEDURE reject_stale(days int)
LANGUAGE sql
BEGIN ATOMIC
    UPDATE applications SET status = 'rejected'
     WHERE status = 'applied' AND updated_at < now() - make_interval(days => days);
    INSERT INTO audit_log (entry) VALUES ('stale applications rejected; see status');
END;

CREATE FUNCTION candidate_label(c candidates) RETURNS text LANGUAGE sql
RETURN c.full_name || ' <' || c.email || '>';

DO $$
DECLARE
    i int;
BEGIN
    FOR i IN 1..3 LOOP
        INSERT INTO candidates (email, full_name)
        VALUES (format('c%s@example.com', i), format('Candidate %s; #%s', i, i));
    END LOOP;
    RAISE NOTICE 'seeded; %', (SELECT count(*) FROM candidates);
END
$$;

DO LANGUAGE plpgsql $do$
BEGIN
    INSERT INTO applications (candidate_id, score)
    SELECT id, 70 + id::int * 10 FROM candidates;
    EXECUTE 'UPDATE applications SET status = ''screening'' WHERE score > 80';
END $do$;

CREATE RULE audit_candidate_insert AS ON INSERT TO candidates
    DO ALSO (INSERT INTO audit_log (entry) VALUES ('candidate added'); INSERT INTO audit_log (entry) VALUES (NEW.email));

INSERT INTO candidates (email, full_name, "notes;raw") VALUES ('x@example.com', 'X; Y', $$a 'quoted'; text$$);

CREATE VIEW pipeline AS
SELECT a.status, count(*) AS n, grade(max(a.score)) AS best
  FROM applications a JOIN candidates c ON c.id = a.candidate_id
 GROUP BY a.status;

PREPARE by_status(application_status) AS SELECT count(*) FROM applications WHERE status = $1;
EXECUTE by_status('screening');
DEALLOCATE by_status;

ALTER TYPE application_status ADD VALUE IF NOT EXISTS 'withdrawn' AFTER 'rejected';

CREATE INDEX CONCURRENTLY applications_status_idx ON applications (status);

BEGIN;
SAVEPOINT before_update;
UPDATE applications SET score = score + 1;
ROLLBACK TO SAVEPOINT before_update;
COMMIT;

VACUUM (ANALYZE) applications;

SELECT grade(95) AS top, grade(80) AS mid, candidate_label(c) FROM candidates c ORDER BY id LIMIT 1;
CALL reject_stale(30)
