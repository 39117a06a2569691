ALTER TABLE referrals ADD COLUMN notes text;
