CREATE TABLE audit (id bigint, user_id bigint);
ALTER TABLE audit ADD COLUMN at timestamptz;
CREATE INDEX audit_at_idx ON audit (at);
