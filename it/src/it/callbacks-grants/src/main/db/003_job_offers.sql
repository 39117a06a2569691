-- Offers made to candidates: a table the HotGigs schema does not have.
CREATE TABLE job_offers (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    salary         numeric(12,2) NOT NULL,
    offered_at     timestamptz NOT NULL DEFAULT now()
);
