-- +goose NO TRANSACTION
-- +goose Up
ALTER TABLE accounts ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX CONCURRENTLY accounts_email ON accounts (email);

-- +goose Down
DROP INDEX CONCURRENTLY accounts_email;
ALTER TABLE accounts DROP COLUMN created_at;
