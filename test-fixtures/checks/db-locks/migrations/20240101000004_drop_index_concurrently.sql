-- migrate:up transaction:false
DROP INDEX CONCURRENTLY users_email_idx;

-- migrate:down transaction:false
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
