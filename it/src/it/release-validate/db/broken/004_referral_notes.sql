ALTER TABLE referrals ADD COLUMN notes text;
ALTER TABLE referral ADD COLUMN source text;
