-- Candidates open to offers, from the HotGigs schema's candidate_full_profile view.
CREATE OR REPLACE VIEW available_candidates AS
SELECT candidate_id, full_name, email, current_title
FROM candidate_full_profile
WHERE availability_status = 'available';
