ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_age_check2 CHECK (age >= 0) NOT VALID;
ALTER TABLE users ADD COLUMN status text DEFAULT 'active';
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE users ADD CONSTRAINT users_email_key2 UNIQUE USING INDEX users_email_idx;
ALTER DOMAIN email ADD CONSTRAINT email_at2 CHECK (VALUE LIKE '%@%') NOT VALID;
LOCK TABLE users IN ACCESS SHARE MODE;
-- words in comments and strings are not statements: VACUUM FULL users; DROP INDEX users_email_idx;
SELECT 'CLUSTER users; REINDEX TABLE users;';
