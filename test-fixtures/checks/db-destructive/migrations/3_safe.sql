-- migrate:up
CREATE TABLE fresh (id int);
ALTER TABLE fresh ADD COLUMN v int NOT NULL;
CREATE INDEX fresh_v_idx ON fresh (v);
ALTER TABLE fresh RENAME COLUMN v TO w;
ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';
ALTER TABLE users ADD COLUMN nick text;
ALTER TABLE users ADD CONSTRAINT users_nick_key UNIQUE (nick);
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_old_check;
ALTER TABLE users ALTER COLUMN nick SET DEFAULT 'x';
DROP TABLE fresh;

-- migrate:down
SELECT 1;
