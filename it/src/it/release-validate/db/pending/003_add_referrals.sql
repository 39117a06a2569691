-- The service's own migration, after the HotGigs schema.
CREATE TABLE referrals (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    referred_by  text   NOT NULL
);
