-- CreateTable
BEGIN;
CREATE TABLE posts (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id));
COMMIT;

-- CreateIndex
BEGIN;
CREATE INDEX posts_account_id ON posts (account_id);
COMMIT;
