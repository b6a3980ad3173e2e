-- migrate:up
DROP TABLE old_stuff;
ALTER TABLE users DROP COLUMN legacy;
TRUNCATE TABLE sessions;
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE accounts RENAME TO customers;
ALTER TABLE users ALTER COLUMN age TYPE bigint;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users ADD COLUMN tenant_id int NOT NULL;
CREATE INDEX users_email_idx ON users (email);
INSERT INTO plans (name) VALUES ('free');
COPY plans (name) FROM stdin;

-- migrate:down
DROP TABLE users;
TRUNCATE plans;
