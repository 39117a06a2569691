--
-- PostgreSQL database dump
--

\restrict QQl9SUAAddYeUQQGU6vq6tOFxGzViE9k5IV2vy3rJgyRMqlCuOPvCB7rrbXaacf

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;


--
-- Name: EXTENSION pgcrypto; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';


--
-- Name: application_status; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.application_status AS ENUM (
    'applied',
    'screening',
    'interview',
    'offer',
    'hired',
    'rejected',
    'withdrawn'
);


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: candidates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.candidates (
    id bigint NOT NULL,
    email text NOT NULL,
    full_name text NOT NULL,
    "notes;raw" text DEFAULT 'none; really'::text,
    "Quote""d" text DEFAULT 'tab	here; it''s escaped'::text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT candidates_email_check CHECK ((email ~~ '%@%'::text))
);


--
-- Name: TABLE candidates; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.candidates IS 'People who applied; one row each. Don''t delete: anonymise.';


--
-- Name: candidate_label(public.candidates); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.candidate_label(c public.candidates) RETURNS text
    LANGUAGE sql
    RETURN ((((c).full_name || ' <'::text) || (c).email) || '>'::text);


--
-- Name: grade(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.grade(score integer) RETURNS text
    LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN (score >= 90) THEN 'A'::text
             WHEN (score >= 75) THEN 'B'::text
             ELSE 'C'::text
         END AS "case";
END;


--
-- Name: log_status_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.log_status_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
DECLARE
    message text;
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        message := format($msg$status %s -> %s; it's logged$msg$, OLD.status, NEW.status);
        EXECUTE $sql$INSERT INTO audit_log (entry) VALUES ($1)$sql$ USING message;
    END IF;
    RETURN NEW;
END;
$_$;


--
-- Name: applications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.applications (
    id bigint NOT NULL,
    candidate_id bigint NOT NULL,
    status public.application_status DEFAULT 'applied'::public.application_status NOT NULL,
    score integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    entry text NOT NULL,
    at timestamp with time zone DEFAULT now()
);


--
-- Name: reject_stale(integer); Type: PROCEDURE; Schema: public; Owner: -
--

CREATE PROCEDURE public.reject_stale(IN days integer)
    LANGUAGE sql
    BEGIN ATOMIC
 UPDATE public.applications SET status = 'rejected'::public.application_status
   WHERE ((applications.status = 'applied'::public.application_status) AND (applications.updated_at < (now() - make_interval(days => reject_stale.days))));
 INSERT INTO public.audit_log (entry)
   VALUES ('stale applications rejected; see status'::text);
END;


--
-- Name: touch_updated_at(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;


--
-- Name: applications_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.applications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: applications_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.applications_id_seq OWNED BY public.applications.id;


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;


--
-- Name: candidates_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.candidates_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: candidates_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.candidates_id_seq OWNED BY public.candidates.id;


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    id integer,
    happened date
)
PARTITION BY RANGE (happened);


--
-- Name: events_2025; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events_2025 (
    id integer,
    happened date
);


--
-- Name: job_postings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.job_postings (
    id integer NOT NULL,
    title text,
    body text,
    tags text[],
    salary numeric(10,2),
    meta jsonb
);


--
-- Name: pipeline; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.pipeline AS
 SELECT a.status,
    count(*) AS n,
    public.grade(max(a.score)) AS best
   FROM (public.applications a
     JOIN public.candidates c ON ((c.id = a.candidate_id)))
  GROUP BY a.status;


--
-- Name: posting_titles; Type: MATERIALIZED VIEW; Schema: public; Owner: -
--

CREATE MATERIALIZED VIEW public.posting_titles AS
 SELECT job_postings.id,
    job_postings.title
   FROM public.job_postings
  WITH NO DATA;


--
-- Name: events_2025; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');


--
-- Name: applications id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.applications ALTER COLUMN id SET DEFAULT nextval('public.applications_id_seq'::regclass);


--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);


--
-- Name: candidates id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.candidates ALTER COLUMN id SET DEFAULT nextval('public.candidates_id_seq'::regclass);


--
-- Data for Name: applications; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.applications (id, candidate_id, status, score, updated_at) FROM stdin;
1	1	applied	80	2026-11-25 10:47:44.18261+00
2	2	screening	90	2026-11-25 10:47:44.18261+00
3	3	screening	100	2026-11-25 10:47:44.18261+00
\.


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.audit_log (id, entry, at) FROM stdin;
1	status applied -> screening; it's logged	2026-11-25 10:47:44.18261+00
2	status applied -> screening; it's logged	2026-11-25 10:47:44.18261+00
3	candidate added	2026-11-25 10:47:44.189334+00
4	x@example.com	2026-11-25 10:47:44.189334+00
5	stale applications rejected; see status	2026-11-25 10:47:44.205521+00
\.


--
-- Data for Name: candidates; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.candidates (id, email, full_name, "notes;raw", "Quote""d", created_at) FROM stdin;
1	c1@example.com	Candidate 1; #1	none; really	tab\there; it's escaped	2026-11-25 10:47:44.180954+00
2	c2@example.com	Candidate 2; #2	none; really	tab\there; it's escaped	2026-11-25 10:47:44.180954+00
3	c3@example.com	Candidate 3; #3	none; really	tab\there; it's escaped	2026-11-25 10:47:44.180954+00
4	x@example.com	X; Y	a 'quoted'; text	tab\there; it's escaped	2026-11-25 10:47:44.189334+00
\.


--
-- Data for Name: events_2025; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.events_2025 (id, happened) FROM stdin;
1	2025-03-01
2	2025-07-14
\.


--
-- Data for Name: job_postings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.job_postings (id, title, body, tags, salary, meta) FROM stdin;
1	Engineer; backend	line one\nline two\twith tab; and \\ backslash	{java,sql}	120000.50	{"note": "it's; fine", "remote": true}
2	Data\\. analyst	\\.\nlooks like an end marker	{}	\N	\N
3	Recruiter	O'Brien "quoted" $tag$ -- not a comment /* nor this */	\N	55000.00	[]
\.


--
-- Name: applications_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.applications_id_seq', 3, true);


--
-- Name: audit_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_log_id_seq', 5, true);


--
-- Name: candidates_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.candidates_id_seq', 4, true);


--
-- Name: applications applications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.applications
    ADD CONSTRAINT applications_pkey PRIMARY KEY (id);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: candidates candidates_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.candidates
    ADD CONSTRAINT candidates_email_key UNIQUE (email);


--
-- Name: candidates candidates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.candidates
    ADD CONSTRAINT candidates_pkey PRIMARY KEY (id);


--
-- Name: job_postings job_postings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.job_postings
    ADD CONSTRAINT job_postings_pkey PRIMARY KEY (id);


--
-- Name: applications_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX applications_status_idx ON public.applications USING btree (status);


--
-- Name: candidates audit_candidate_insert; Type: RULE; Schema: public; Owner: -
--

CREATE RULE audit_candidate_insert AS
    ON INSERT TO public.candidates DO ( INSERT INTO public.audit_log (entry)
  VALUES ('candidate added'::text);
 INSERT INTO public.audit_log (entry)
  VALUES (new.email);
);


--
-- Name: applications applications_log; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER applications_log AFTER UPDATE ON public.applications FOR EACH ROW EXECUTE FUNCTION public.log_status_change();


--
-- Name: applications applications_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER applications_touch BEFORE UPDATE ON public.applications FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();


--
-- Name: applications applications_candidate_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.applications
    ADD CONSTRAINT applications_candidate_id_fkey FOREIGN KEY (candidate_id) REFERENCES public.candidates(id) ON DELETE CASCADE;


--
-- Name: posting_titles; Type: MATERIALIZED VIEW DATA; Schema: public; Owner: -
--

REFRESH MATERIALIZED VIEW public.posting_titles;


--
-- PostgreSQL database dump complete
--

\unrestrict QQl9SUAAddYeUQQGU6vq6tOFxGzViE9k5IV2vy3rJgyRMqlCuOPvCB7rrbXaacf

