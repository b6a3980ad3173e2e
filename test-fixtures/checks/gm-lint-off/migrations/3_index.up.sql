CREATE INDEX users_name_idx ON users (name);
DROP INDEX users_email_idx;
